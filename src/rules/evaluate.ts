import { CLOCK_SKEW_MS, type AccountSnapshot, type Finding, type Principal } from '../model.js';
import { notApplicableIn, type Rule } from './catalog.js';
import { isoSecond } from '../text.js';

/** New users get this long to enroll MFA before a finding counts at its full severity. */
export interface GracePeriod {
  readonly hours: number;
  readonly now: Date;
}

const NO_GRACE: GracePeriod = { hours: 0, now: new Date() };

/**
 * Applies each rule that applies in the snapshot's partition to each principal: one finding
 * per broken (rule, principal) pair, at the severity the rule gives the case. A user created
 * less than `grace.hours` ago is a low finding until the grace period ends.
 */
export function evaluate(
  snapshot: AccountSnapshot,
  rules: readonly Rule[],
  grace: GracePeriod = NO_GRACE,
): Finding[] {
  const applicable = rules.filter((rule) => notApplicableIn(rule, snapshot.partition) === null);
  return applicable.flatMap((rule) =>
    snapshot.principals.flatMap((principal): Finding[] => {
      const breach = rule.judge(principal, snapshot);
      if (breach === null) return [];
      const graceUntil = graceEnd(principal, grace);
      return [
        {
          ruleId: rule.id,
          severity: graceUntil === null ? breach.severity : 'low',
          detail: breach.detail,
          accountId: snapshot.accountId,
          principal,
          graceUntil,
          suppression: null,
          history: null,
          fix: rule.fix(principal, { now: grace.now, inGrace: graceUntil !== null }),
        },
      ];
    }),
  );
}

/**
 * The end of a user's grace period, while it runs; null otherwise. It starts when the user was
 * created, whatever happened to its password since, so it cannot be renewed; a creation time
 * in the future gives none.
 */
function graceEnd(principal: Principal, grace: GracePeriod): string | null {
  if (grace.hours === 0 || principal.kind !== 'user' || principal.createdAt === null) return null;
  const created = Date.parse(principal.createdAt);
  const now = grace.now.getTime();
  if (Number.isNaN(created) || created > now + CLOCK_SKEW_MS) return null;
  const end = created + grace.hours * 3_600_000;
  return end > now ? isoSecond(end) : null;
}
