/**
 * The rules, one file each (metadata, what it needs collected, how it judges, how to fix),
 * and what a run asks of them. A new rule is a file and a line in RULES.
 */
import type { Finding } from '../model.js';
import { CONSOLE_USER_WITHOUT_MFA } from './console-user-without-mfa.js';
import { CONSOLE_USER_WITHOUT_PHISHING_RESISTANT_MFA } from './console-user-without-phishing-resistant-mfa.js';
import { ROOT_ACCOUNT_WITHOUT_MFA } from './root-account-without-mfa.js';
import type { CollectionNeeds, Rule } from './rule.js';

export {
  CONSOLE_USER_WITHOUT_MFA,
  CONSOLE_USER_WITHOUT_PHISHING_RESISTANT_MFA,
  ROOT_ACCOUNT_WITHOUT_MFA,
};
export type { Rule } from './rule.js';

/** A finding's message: what is wrong, the grace period while it runs, and the fix that fits. */
export function findingMessage(finding: Finding): string {
  const grace =
    finding.graceUntil === null
      ? ''
      : ` It is in the grace period for new users until ${finding.graceUntil} (grace-period-hours), so it is reported as low until then.`;
  return `${finding.detail}${grace} Fix: ${finding.fix.text}.`;
}

/** Every rule, most severe first. */
export const RULES: readonly Rule[] = [
  ROOT_ACCOUNT_WITHOUT_MFA,
  CONSOLE_USER_WITHOUT_MFA,
  CONSOLE_USER_WITHOUT_PHISHING_RESISTANT_MFA,
];

/** The rules a run evaluates: root's with include-root, the FIDO rule when required. */
export function activeRules(includeRoot: boolean, phishingResistant = false): readonly Rule[] {
  const choice = { includeRoot, requirePhishingResistantMfa: phishingResistant };
  return RULES.filter((rule) => rule.enabled(choice));
}

/** What collection must read for the rules of a run. */
export function collectionNeeds(rules: readonly Rule[]): CollectionNeeds {
  return { mfaDevices: rules.some((rule) => rule.needs.mfaDevices) };
}

/** Why `rule` does not apply in `partition`, or null when it does. */
export function notApplicableIn(rule: Rule, partition: string): string | null {
  return rule.notApplicable.find((n) => n.partition === partition)?.reason ?? null;
}

/** The rules of a run that do not apply in `partition`, each with the reason. */
export function rulesNotApplicable(
  rules: readonly Rule[],
  partition: string,
): { readonly rule: Rule; readonly reason: string }[] {
  return rules.flatMap((rule) => {
    const reason = notApplicableIn(rule, partition);
    return reason === null ? [] : [{ rule, reason }];
  });
}

/** Whether the root user is to be read at all: include-root, and aws-iam-001 applies there. */
export function rootIsAudited(includeRoot: boolean, partition: string): boolean {
  return includeRoot && notApplicableIn(ROOT_ACCOUNT_WITHOUT_MFA, partition) === null;
}

/** A rule's remediation with its ARNs in `partition` (aws, aws-us-gov, aws-cn). */
export function remediationIn(rule: Rule, partition: string): Rule['remediation'] {
  const arns = (text: string): string => text.replaceAll('arn:aws:', `arn:${partition}:`);
  return { cli: arns(rule.remediation.cli), terraform: arns(rule.remediation.terraform) };
}
