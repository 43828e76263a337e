import { createHash } from 'node:crypto';
import type { Finding } from './model.js';

/** The partial fingerprint that follows a principal's finding from run to run. */
export const FINGERPRINT_KEY = 'iamMfaAudit/principal/v1';

/**
 * An alert's identity: rule, account and principal only, so it survives a change of
 * report, workflow file or line. Also given as primaryLocationLineHash, which GitHub
 * would otherwise derive from the (moving) location.
 */
export function fingerprint(finding: Finding): string {
  return createHash('sha256')
    .update(`${finding.ruleId}\n${finding.accountId ?? ''}\n${finding.principal.arn}`)
    .digest('hex');
}
