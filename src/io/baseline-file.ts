import { readFile, stat } from 'node:fs/promises';
import { ConfigurationError } from '../errors.js';
import { principalOf, type History, type SarifResult } from '../policy/history.js';
import { FINGERPRINT_KEY } from '../fingerprint.js';
import { TOOL_NAME } from '../version.js';
import { notARegularFile } from './file-kind.js';

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
  let log: unknown;
  try {
    const info = await stat(path);
    const notAFile = notARegularFile(info);
    if (notAFile !== null) throw refuse(notAFile);
    if (info.size > MAX_BASELINE_BYTES) {
      throw refuse(`is larger than ${MAX_BASELINE_BYTES / 1024 / 1024} MiB`);
    }
    log = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    if (error instanceof ConfigurationError) throw error;
    if (error instanceof SyntaxError) throw refuse('is not JSON');
    throw refuse(`cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
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
