import type { AccountSnapshot, Finding } from '../model.js';
import type { Rule } from './catalog.js';

/** Applies each rule to each principal: one finding per broken (rule, principal) pair. */
export function evaluate(snapshot: AccountSnapshot, rules: readonly Rule[]): Finding[] {
  return rules.flatMap((rule) =>
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
