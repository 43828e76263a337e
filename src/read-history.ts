import type { AuditDeps } from './audit.js';
import { readFileAtCommit } from './github/base-file.js';
import { readCodeScanningHistory } from './github/history.js';
import { readBaseline } from './io/baseline-file.js';
import type { HistorySource } from './options.js';
import type { History } from './policy/history.js';
import type { RunnerContext } from './runner-context.js';

const NONE: History = { kind: 'none' };

/**
 * How a run reads its history. A baseline file is read now, before the audit, so a bad one
 * stops the run before any AWS call; code scanning is read once the run's category is known.
 */
export async function historyReader(
  source: HistorySource,
  context: RunnerContext,
  now: () => Date,
): Promise<AuditDeps['readHistory']> {
  switch (source.kind) {
    case 'none':
      return () => Promise.resolve(NONE);
    case 'baseline': {
      const baseline = await readBaseline(source.path);
      return () => Promise.resolve(baseline);
    }
    case 'code-scanning': {
      // Outside a workflow run that names a repository there is no code scanning to ask.
      const target = context.codeScanning;
      if (target === null) return () => Promise.resolve(NONE);
      return (category) => readCodeScanningHistory(target, source.token, category, now);
    }
  }
}

/**
 * On a pull request, how a file is read as its base holds it: with the contents API and the
 * same token, so a shallow checkout does not matter. Null on other runs.
 */
export function baseReader(source: HistorySource, context: RunnerContext): AuditDeps['readAtBase'] {
  const { codeScanning: target, pullRequestBase: base } = context;
  if (source.kind !== 'code-scanning' || target === null || base === null) return null;
  return (path) => readFileAtCommit(target, source.token, path, base);
}
