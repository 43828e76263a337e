import type { AccountSnapshot, Finding, Fix, Principal } from '../model.js';
import {
  CONSOLE_USER_WITHOUT_PHISHING_RESISTANT_MFA,
  notApplicableIn,
  type Rule,
} from './catalog.js';
import { DAY_MS } from '../text.js';

/** New users get this long to enroll MFA before a finding counts at its full severity. */
export interface GracePeriod {
  readonly hours: number;
  readonly now: Date;
}

const NO_GRACE: GracePeriod = { hours: 0, now: new Date() };

/** A password not used for this long is better removed than given MFA. */
const UNUSED_DAYS = 90;

/**
 * Applies each rule that applies in the snapshot's partition to each principal: one finding
 * per broken (rule, principal) pair. A user whose console access began less than
 * `grace.hours` ago (created, or given a password, whichever is later) is a low finding
 * until the grace period ends.
 */
export function evaluate(
  snapshot: AccountSnapshot,
  rules: readonly Rule[],
  grace: GracePeriod = NO_GRACE,
): Finding[] {
  const applicable = rules.filter((rule) => notApplicableIn(rule, snapshot.partition) === null);
  return applicable.flatMap((rule) =>
    snapshot.principals
      .filter((principal) => rule.breaks(principal))
      .map((principal) => {
        const graceUntil = graceEnd(principal, grace);
        return {
          ruleId: rule.id,
          severity: graceUntil === null ? rule.severity : 'low',
          accountId: snapshot.accountId,
          principal,
          graceUntil,
          suppression: null,
          fix: fixFor(rule, principal, grace.now),
        };
      }),
  );
}

/** The end of a user's grace period, when it is still running; null otherwise. */
function graceEnd(principal: Principal, grace: GracePeriod): string | null {
  if (grace.hours === 0 || principal.kind !== 'user') return null;
  const since = Math.max(
    ...[principal.createdAt, principal.passwordCreatedAt]
      .map((t) => (t === null ? NaN : Date.parse(t)))
      .filter((t) => !Number.isNaN(t)),
  );
  if (!Number.isFinite(since)) return null;
  const end = since + grace.hours * 3_600_000;
  return end > grace.now.getTime() ? new Date(end).toISOString().replace(/\.\d{3}Z$/, 'Z') : null;
}

/** The fix that fits: remove a password never used or unused for 90 days, else enroll MFA. */
function fixFor(rule: Rule, principal: Principal, now: Date): Fix {
  if (rule.id === CONSOLE_USER_WITHOUT_PHISHING_RESISTANT_MFA.id) {
    return {
      kind: 'enroll-mfa',
      text: 'register a security key or passkey in the console, then deactivate the one-time-code device',
      command: null,
    };
  }
  if (principal.kind === 'root') {
    return {
      kind: 'enroll-mfa',
      text: 'sign in as root and assign an MFA device, preferably a security key (Security credentials)',
      command: null,
    };
  }
  const lastUsed = principal.passwordLastUsed;
  const days =
    lastUsed === null || lastUsed === 'never'
      ? null
      : Math.floor((now.getTime() - Date.parse(lastUsed)) / DAY_MS);
  if (lastUsed === 'never' || (days !== null && days >= UNUSED_DAYS)) {
    return {
      kind: 'remove-password',
      text: `remove the console password, ${lastUsed === 'never' ? 'never used' : `unused for ${days ?? 0} days`} (CIS: credentials unused for 45 days or more)`,
      command: `aws iam delete-login-profile --user-name ${principal.name}`,
    };
  }
  return {
    kind: 'enroll-mfa',
    text: 'assign an MFA device, preferably a security key or passkey',
    command: `aws iam create-virtual-mfa-device --virtual-mfa-device-name ${principal.name} --outfile ${principal.name}-qr.png --bootstrap-method QRCodePNG`,
  };
}
