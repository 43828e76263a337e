import { ConfigurationError } from '../errors.js';
import { principalOf, type History, type SarifResult } from '../policy/history.js';
import { FINGERPRINT_KEY } from '../fingerprint.js';
import { TOOL_NAME } from '../version.js';
import { readRegularFile } from './file-kind.js';

/** The largest baseline read: code scanning takes at most 25,000 results in a run. */
const MAX_BASELINE_BYTES = 64 * 1024 * 1024;

/**
 * An earlier SARIF log of this tool as the history of a run: the fingerprints of its
 * results were open then. Anything else at `path` is refused in one line naming it.
 */
export async function readBaseline(path: string): Promise<History> {
  const refuse = (why: string): ConfigurationError =>
    new ConfigurationError(
      `--baseline ${JSON.stringify(path)}: ${why}; give a SARIF log that iam-mfa-audit wrote.`,
    );
  const text = await readRegularFile(path, MAX_BASELINE_BYTES, refuse);
  let log: unknown;
  try {
    log = JSON.parse(text);
  } catch {
    throw refuse('is not JSON');
  }
  const { version, runs } = (log ?? {}) as { version?: unknown; runs?: unknown };
  if (version !== '2.1.0' || !Array.isArray(runs) || runs.length === 0) {
    throw refuse('is not a SARIF 2.1.0 log');
  }
  const known = new Set<string>();
  const principals = new Map<string, string>();
  for (const run of runs as { tool?: { driver?: { name?: unknown } }; results?: unknown }[]) {
    const tool = run.tool?.driver?.name;
    if (tool !== TOOL_NAME) throw refuse(`holds a run of another tool (${JSON.stringify(tool)})`);
    for (const result of Array.isArray(run.results) ? run.results : []) {
      const print = (result as SarifResult).partialFingerprints?.[FINGERPRINT_KEY];
      if (typeof print !== 'string') continue;
      known.add(print);
      const arn = principalOf(result as SarifResult);
      if (arn !== null) principals.set(print, arn);
    }
  }
  return {
    kind: 'read',
    source: `the baseline ${path}`,
    alerts: [],
    alertOf: new Map(),
    known,
    principals,
  };
}
