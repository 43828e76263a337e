import type { AccountSnapshot, Finding } from '../model.js';
import { notApplicableIn, type Rule } from './catalog.js';

/**
 * Applies each rule that applies in the snapshot's partition to each principal: one finding
 * per broken (rule, principal) pair.
 */
export function evaluate(snapshot: AccountSnapshot, rules: readonly Rule[]): Finding[] {
  const applicable = rules.filter((rule) => notApplicableIn(rule, snapshot.partition) === null);
  return applicable.flatMap((rule) =>
    snapshot.principals
      .filter((principal) => rule.breaks(principal))
      .map((principal) => ({
        ruleId: rule.id,
        severity: rule.severity,
        accountId: snapshot.accountId,
        principal,
      })),
  );
}
