import type { Fix, Principal } from '../model.js';
import { DAY_MS, shellWord } from '../text.js';
import { inAccount, type FixContext, type Rule } from './rule.js';

/** CIS: credentials unused for 45 days or more are disabled; a newer user is still settling in. */
const UNUSED_DAYS = 45;

/** Whole days from `time` to `now`, or null when `time` is not a time. */
function daysSince(time: string | null, now: Date): number | null {
  const at = time === null ? NaN : Date.parse(time);
  return Number.isNaN(at) ? null : Math.floor((now.getTime() - at) / DAY_MS);
}

/**
 * A password is better removed than given MFA when it has not been used for 45 days or more,
 * or never, by a user that is at least that old and not in grace; otherwise the user needs
 * an MFA device.
 */
function userFix(principal: Principal, { now, inGrace }: FixContext): Fix {
  const lastUsed = principal.passwordLastUsed;
  const unused = lastUsed === 'never' ? null : daysSince(lastUsed, now);
  const age = daysSince(principal.createdAt, now);
  const settled = !inGrace && age !== null && age >= UNUSED_DAYS;
  if (settled && (lastUsed === 'never' || (unused !== null && unused >= UNUSED_DAYS))) {
    return {
      kind: 'remove-password',
      label: 'remove the password',
      text: `remove the console password, ${lastUsed === 'never' ? 'never used' : `unused for ${unused ?? 0} days`} (CIS: credentials unused for 45 days or more)`,
      command: `aws iam delete-login-profile --user-name ${shellWord(principal.name)}`,
    };
  }
  return {
    kind: 'enroll-mfa',
    label: 'add MFA',
    text: 'assign an MFA device: best a security key or passkey, which the user registers in the console (Security credentials, Assign MFA device); the command creates a virtual device (an authenticator app) instead',
    command: `aws iam create-virtual-mfa-device --virtual-mfa-device-name ${shellWord(principal.name)} --outfile ${shellWord(`${principal.name}-qr.png`)} --bootstrap-method QRCodePNG`,
  };
}

export const CONSOLE_USER_WITHOUT_MFA: Rule = {
  id: 'aws-iam-002',
  name: 'ConsoleUserWithoutMfa',
  severity: 'high',
  shortDescription: 'IAM user can sign in to the AWS console without MFA',
  fullDescription:
    'An IAM user has a console password and no active MFA device, so a stolen, phished or reused password is enough to sign in to the AWS Management Console with all of that user’s permissions.',
  whyItMatters:
    'Stolen credentials are the most common way into cloud accounts. A console password alone can be phished, guessed from a breach list or captured by malware; MFA stops a stolen password from being enough. CIS AWS Foundations, AWS Security Hub and most compliance frameworks require MFA for every console user. Security Hub rates its control IAM.5 medium; this audit rates it high, as Prowler and cloud-audit do, because a console password is how most account takeovers start.',
  remediation: {
    cli: [
      '# Best: the user registers a security key or passkey in the console (Security credentials → Assign MFA device);',
      '# the API cannot register one. From the CLI, a virtual device (an authenticator app):',
      'aws iam create-virtual-mfa-device --virtual-mfa-device-name USER --outfile USER-qr.png --bootstrap-method QRCodePNG',
      'aws iam enable-mfa-device --user-name USER --serial-number arn:aws:iam::ACCOUNT_ID:mfa/USER \\',
      '  --authentication-code1 CODE1 --authentication-code2 CODE2',
      '# or, if the user does not need the console, remove the password',
      'aws iam delete-login-profile --user-name USER',
    ].join('\n'),
    terraform: [
      '# Deny everything but MFA self-service to console users who signed in without MFA.',
      'data "aws_iam_policy_document" "require_mfa" {',
      '  statement {',
      '    sid         = "DenyAllExceptMfaSetupWithoutMfa"',
      '    effect      = "Deny"',
      '    not_actions = ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:GetUser",',
      '                   "iam:ListMFADevices", "iam:ListVirtualMFADevices", "iam:ResyncMFADevice",',
      '                   "iam:ChangePassword", "sts:GetSessionToken"]',
      '    resources   = ["*"]',
      '    condition {',
      '      test     = "BoolIfExists"',
      '      variable = "aws:MultiFactorAuthPresent"',
      '      values   = ["false"]',
      '    }',
      '  }',
      '}',
      '',
      'resource "aws_iam_group_policy" "require_mfa" {',
      '  group  = aws_iam_group.console_users.name',
      '  policy = data.aws_iam_policy_document.require_mfa.json',
      '}',
    ].join('\n'),
  },
  // CIS ids: v1.2.0 from Security Hub's control list; v1.4.0–v7.0.0 from Prowler's
  // prowler/compliance/aws/cis_{1.4,…,7.0}_aws.json, check iam_user_mfa_enabled_console_access.
  compliance: [
    { framework: 'CIS AWS Foundations v1.2.0', control: '1.2' },
    { framework: 'CIS AWS Foundations v1.4.0, v1.5.0, v2.0.0, v3.0.0, v4.0', control: '1.10' },
    { framework: 'CIS AWS Foundations v5.0.0', control: '1.9' },
    { framework: 'CIS AWS Foundations v6.0.0', control: '2.9' },
    { framework: 'CIS AWS Foundations v7.0.0', control: '2.10' },
    { framework: 'AWS Security Hub', control: 'IAM.5' },
    // AWS Config managed rule of the same check.
    { framework: 'AWS Config', control: 'mfa-enabled-for-iam-console-access' },
    // NIST and PCI ids as Security Hub lists them for IAM.5.
    { framework: 'NIST SP 800-53 r5', control: 'IA-2(1), IA-2(2), IA-2(6), IA-2(8), AC-2(1)' },
    { framework: 'PCI DSS v4.0.1', control: '8.4.2' },
  ],
  tags: [
    'security',
    'aws',
    'iam',
    'mfa',
    'CIS-AWS-1.10',
    'CIS-AWS-v5-1.9',
    'CIS-AWS-v6-2.9',
    'CIS-AWS-v7-2.10',
    'SecurityHub-IAM.5',
    'NIST-800-53-IA-2(1)',
    'PCI-DSS-8.4.2',
  ],
  judge: (p, account) =>
    p.kind === 'user' && p.consolePassword === true && !p.mfaActive
      ? {
          severity: 'high',
          detail: `IAM user ${p.name} ${inAccount(account.accountId)} has a console password and no active MFA device.`,
        }
      : null,
  notApplicable: [],
  enabled: () => true,
  needs: { mfaDevices: false },
  fix: userFix,
  script: ({ principal, fix }, { account, partition }) => {
    if (fix.command === null) return [];
    if (fix.kind !== 'enroll-mfa') return [fix.command];
    const user = principal.name;
    return [
      fix.command,
      `aws iam enable-mfa-device --user-name ${user} --serial-number arn:${partition}:iam::${account}:mfa/${user} --authentication-code1 CODE1 --authentication-code2 CODE2`,
    ];
  },
};
