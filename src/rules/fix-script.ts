import { phishable, withoutCredentials, type Finding } from '../model.js';
import { CONSOLE_USER_WITHOUT_PHISHING_RESISTANT_MFA } from './catalog.js';

/** IAM's user-name characters: such a name needs no quoting in a shell command. */
const IAM_NAME = /^[\w+=,.@-]{1,64}$/;
/** An MFA serial (an ARN, or a hardware token's serial) that needs no quoting in a shell. */
export const PLAIN_SERIAL = /^[\w+=,.@:/-]{1,256}$/;

/**
 * The commands that fix one finding, with its user, account and partition filled in, as
 * shell lines under a comment naming the user. Null when the name is not one IAM allows,
 * so nothing from a report can be pasted into a shell.
 */
export function fixScript(finding: Finding, partition: string): string[] | null {
  const { principal, fix } = finding;
  if (!IAM_NAME.test(principal.name)) return null;
  const account = /^\d{12}$/.test(finding.accountId ?? '') ? finding.accountId : 'ACCOUNT_ID';
  const arnPartition = /^aws(-[a-z]+)*$/.test(partition) ? partition : 'aws';
  const user = principal.name;
  const lines = [`# ${principal.kind === 'root' ? `root of ${account}` : user}: ${fix.text}`];

  if (finding.ruleId === CONSOLE_USER_WITHOUT_PHISHING_RESISTANT_MFA.id) {
    // Root's devices are managed by root itself, in the console.
    if (principal.kind === 'root') return lines;
    lines.push(`aws iam list-mfa-devices --user-name ${user}`);
    for (const device of (principal.mfaDevices ?? []).filter(phishable)) {
      if (device.serial === null || !PLAIN_SERIAL.test(device.serial)) continue;
      lines.push(
        `aws iam deactivate-mfa-device --user-name ${user} --serial-number ${device.serial}`,
      );
    }
  } else if (principal.kind === 'root' && withoutCredentials(principal)) {
    lines.push(
      '# in the management account of its AWS Organization:',
      'aws iam enable-organizations-root-credentials-management',
    );
  } else if (principal.kind === 'root') {
    lines.push(
      '# or, in an AWS Organization, delete root credentials from the management account:',
      `aws sts assume-root --target-principal ${account} --task-policy-arn arn=arn:${arnPartition}:iam::aws:policy/root-task/IAMDeleteRootUserCredentials`,
    );
  } else if (fix.command !== null) {
    lines.push(fix.command);
    if (fix.kind === 'enroll-mfa') {
      const mfaArn = `arn:${arnPartition}:iam::${account}:mfa/${user}`;
      lines.push(
        `aws iam enable-mfa-device --user-name ${user} --serial-number ${mfaArn} --authentication-code1 CODE1 --authentication-code2 CODE2`,
      );
    }
  }
  return lines;
}
