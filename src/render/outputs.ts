import { accountIds, changes, notAssessedOf, soleAccount } from '../audit-result.js';
import type { Outcome } from '../sinks/sink.js';

/**
 * The step outputs, by name. `result` is the audit's verdict whatever became of the upload;
 * `sarif-id` is set only when an upload was accepted.
 */
export function stepOutputs(outcome: Outcome): Record<string, string> {
  const { accounts, findings, verdict, upload } = outcome;
  const ids = accountIds(accounts);
  const sarifId = upload === null || upload.kind === 'failed' ? null : upload.id;
  return {
    findings: String(findings.length),
    'failing-findings': String(verdict.counted),
    result: verdict.result,
    'max-severity': verdict.maxSeverity,
    'sarif-file': outcome.sarifFile ?? '',
    ...(sarifId === null ? {} : { 'sarif-id': sarifId }),
    'account-id': soleAccount(accounts)?.accountId ?? '',
    'not-assessed': String(notAssessedOf(accounts).length),
    suppressed: String(findings.filter((f) => f.suppression !== null).length),
    accounts: JSON.stringify(ids),
    'accounts-audited': String(
      accounts.filter((a) => a.snapshot.source.kind !== 'not-audited').length,
    ),
    // Known only when an earlier run could be read; empty otherwise.
    'new-findings': outcome.history.kind === 'read' ? String(changes(outcome).newOrReopened) : '',
    'fixed-findings': outcome.history.kind === 'read' ? String(outcome.fixed.length) : '',
  };
}
