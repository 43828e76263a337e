import { withoutCredentials, type Fix, type Principal } from '../model.js';
import { inAccount, type Rule } from './rule.js';

/** Root's MFA is set by root, in the console; without credentials, by the organization. */
function rootFix(principal: Principal): Fix {
  if (withoutCredentials(principal)) {
    return {
      kind: 'enroll-mfa',
      label: 'manage root centrally',
      text: 'have AWS Organizations manage root credentials centrally (aws iam enable-organizations-root-credentials-management in the management account), or recover the password, sign in as root and assign an MFA device',
      command: null,
    };
  }
  const keys = principal.accessKeysActive === true ? ', and delete its access keys' : '';
  return {
    kind: 'enroll-mfa',
    label: 'add MFA as root',
    text: `sign in as root and assign an MFA device, preferably a security key (Security credentials)${keys}`,
    command: null,
  };
}

export const ROOT_ACCOUNT_WITHOUT_MFA: Rule = {
  id: 'aws-iam-001',
  name: 'RootAccountWithoutMfa',
  severity: 'critical',
  shortDescription: 'The AWS account root user has no MFA',
  fullDescription:
    'The root user of the account has no active MFA device. Root can do anything in the account, including closing it, and its access cannot be limited by IAM policies.',
  whyItMatters:
    'Whoever holds the root password without MFA owns the account outright: IAM policies do not apply to root, and its sign-in is the last line of account recovery. AWS, CIS and Security Hub rate this critical.',
  remediation: {
    cli: [
      '# Sign in as root and assign an MFA device (Account menu → Security credentials → Assign MFA device),',
      '# preferably a FIDO security key or passkey. In an AWS Organization, remove root credentials centrally:',
      'aws iam enable-organizations-root-credentials-management',
      'aws iam enable-organizations-root-sessions',
      'aws sts assume-root --target-principal ACCOUNT_ID \\',
      '  --task-policy-arn arn=arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials',
    ].join('\n'),
    terraform: [
      "# In the organization management account: manage member accounts' root credentials centrally.",
      'resource "aws_iam_organizations_features" "root" {',
      '  enabled_features = ["RootCredentialsManagement", "RootSessions"]',
      '}',
    ].join('\n'),
  },
  // CIS ids: v1.2.0 from Security Hub's control list for IAM.9; v1.4.0–v7.0.0 from Prowler's
  // prowler/compliance/aws/cis_{1.4,…,7.0}_aws.json, check iam_root_mfa_enabled.
  compliance: [
    { framework: 'CIS AWS Foundations v1.2.0', control: '1.13' },
    { framework: 'CIS AWS Foundations v1.4.0, v1.5.0, v2.0.0, v3.0.0, v4.0', control: '1.5' },
    { framework: 'CIS AWS Foundations v5.0.0', control: '1.4' },
    { framework: 'CIS AWS Foundations v6.0.0', control: '2.4' },
    { framework: 'CIS AWS Foundations v7.0.0', control: '2.5' },
    { framework: 'AWS Security Hub', control: 'IAM.9' },
  ],
  tags: [
    'security',
    'aws',
    'iam',
    'mfa',
    'root',
    'CIS-AWS-1.5',
    'CIS-AWS-v5-1.4',
    'CIS-AWS-v6-2.4',
    'CIS-AWS-v7-2.5',
    'SecurityHub-IAM.9',
  ],
  notApplicable: [
    {
      partition: 'aws-us-gov',
      // CIS AWS Foundations v6.0.0 2.4, additional information (the same in v1.4.0–v7.0.0).
      reason:
        'CIS AWS Foundations v6.0.0 2.4: "IAM User account root for us-gov cloud regions does not have console access. This recommendation is not applicable for us-gov cloud regions."',
    },
  ],
  judge: (p, account) => {
    if (p.kind !== 'root' || p.mfaActive) return null;
    const root = `The root user ${inAccount(account.accountId)}`;
    // A root that cannot sign in now can still get a password by email (Security Hub IAM.9),
    // unless AWS Organizations manages the member account's root credentials centrally.
    if (withoutCredentials(p)) {
      const central = account.centralRootCredentials;
      if (central?.confirmed === true) return null;
      return {
        severity: 'medium',
        detail: `${root} has no password, no access keys and no MFA: it cannot sign in now, but a password can be recovered by email unless AWS Organizations manages root credentials centrally${central === null ? '' : ` (not confirmed: ${central.reason})`}.`,
      };
    }
    const keys =
      p.accessKeysActive === true
        ? ' Its access keys are active and give full control of the account without MFA: delete them (CIS "no root access key").'
        : '';
    const what =
      p.consolePassword !== false
        ? 'has no active MFA device.'
        : p.accessKeysActive === null
          ? 'has no password and no MFA device, and whether it has active access keys is unknown.'
          : 'has no password and no MFA device.';
    return { severity: 'critical', detail: `${root} ${what}${keys}` };
  },
  enabled: (choice) => choice.includeRoot,
  needs: { mfaDevices: false },
  fix: rootFix,
  script: ({ principal }, { account, partition }) =>
    withoutCredentials(principal)
      ? [
          '# in the management account of its AWS Organization:',
          'aws iam enable-organizations-root-credentials-management',
        ]
      : [
          '# or, in an AWS Organization, delete root credentials from the management account:',
          `aws sts assume-root --target-principal ${account} --task-policy-arn arn=arn:${partition}:iam::aws:policy/root-task/IAMDeleteRootUserCredentials`,
        ],
};
