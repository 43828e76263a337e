import type { Finding } from '../model.js';
import type { Rule } from './rule.js';

/** IAM's user-name characters: such a name needs no quoting in a shell command. */
const IAM_NAME = /^[\w+=,.@-]{1,64}$/;

/**
 * The commands that fix one finding of `rule`, with its user, account and partition filled
 * in, as shell lines under a comment naming the user. Null when the name is not one IAM
 * allows, so nothing from a report can be pasted into a shell.
 */
export function fixScript(rule: Rule, finding: Finding, partition: string): string[] | null {
  const { principal, fix } = finding;
  if (!IAM_NAME.test(principal.name)) return null;
  const account = /^\d{12}$/.test(finding.accountId ?? '')
    ? (finding.accountId ?? '')
    : 'ACCOUNT_ID';
  const arnPartition = /^aws(-[a-z]+)*$/.test(partition) ? partition : 'aws';
  const who = principal.kind === 'root' ? `root of ${account}` : principal.name;
  return [`# ${who}: ${fix.text}`, ...rule.script(finding, { account, partition: arnPartition })];
}
