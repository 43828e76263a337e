import type { AccountSnapshot, Finding, Principal } from '../model.js';
import { notApplicableIn, type Rule } from './catalog.js';

/** New users get this long to enroll MFA before a finding counts at its full severity. */
export interface GracePeriod {
  readonly hours: number;
  readonly now: Date;
}

const NO_GRACE: GracePeriod = { hours: 0, now: new Date(0) };

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
