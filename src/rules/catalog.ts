import type { Finding, Principal, Severity } from '../model.js';

export interface ComplianceMapping {
  readonly framework: string;
  readonly control: string;
}

/** A partition where a rule does not apply, and the source that says so. */
export interface NotApplicable {
  readonly partition: string;
  readonly reason: string;
}

/** A rule is data: the SARIF rules, the summary and the README's table all come from here. */
export interface Rule {
  readonly id: string;
  readonly name: string;
  readonly severity: Severity;
  readonly shortDescription: string;
  readonly fullDescription: string;
  readonly whyItMatters: string;
  /** Written for the `aws` partition; {@link remediationIn} gives it for another. */
  readonly remediation: { readonly cli: string; readonly terraform: string };
  readonly compliance: readonly ComplianceMapping[];
  /** Code-scanning tags (at most 20): topic and compliance controls. */
  readonly tags: readonly string[];
  /** True when the principal breaks the rule. */
  readonly breaks: (principal: Principal) => boolean;
  /** The finding's message, naming the principal and the account. */
  readonly message: (principal: Principal, accountId: string | null) => string;
  /** Partitions where the rule does not apply (no finding, one line in the summary). */
  readonly notApplicable: readonly NotApplicable[];
}

const inAccount = (accountId: string | null): string =>
  accountId ? `in AWS account ${accountId}` : 'in the audited account';

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
      '# Either give the user an MFA device (the user can also do this in the console: Security credentials → Assign MFA device)',
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
  breaks: (p) => p.kind === 'user' && p.consolePassword === true && !p.mfaActive,
  message: (p, accountId) =>
    `IAM user ${p.name} ${inAccount(accountId)} has a console password and no active MFA device.`,
  notApplicable: [],
};

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
  // A root with neither password nor access keys cannot sign in; its credentials are
  // managed centrally by the organization. An unknown password or key state still counts.
  breaks: (p) =>
    p.kind === 'root' &&
    !p.mfaActive &&
    (p.consolePassword !== false || p.accessKeysActive !== false),
  message: (p, accountId) =>
    p.consolePassword === false && p.accessKeysActive === true
      ? `The root user ${inAccount(accountId)} has no password but active access keys, and no MFA: the keys alone give full control of the account; delete them (CIS "no root access key").`
      : `The root user ${inAccount(accountId)} has no active MFA device.`,
};

/** A finding's message: the rule's, the grace period while it runs, and the fix that fits. */
export function findingMessage(rule: Rule, finding: Finding): string {
  const grace =
    finding.graceUntil === null
      ? ''
      : ` It is in the grace period for new users until ${finding.graceUntil} (grace-period-hours), so it is reported as low until then.`;
  return `${rule.message(finding.principal, finding.accountId)}${grace} Fix: ${finding.fix.text}.`;
}

const KIND_NAMES = {
  fido: 'security key or passkey',
  virtual: 'authenticator app',
  hardware: 'hardware TOTP token',
} as const;

export const CONSOLE_USER_WITHOUT_PHISHING_RESISTANT_MFA: Rule = {
  id: 'aws-iam-mfa-phishing-resistant',
  name: 'ConsoleUserWithoutPhishingResistantMfa',
  severity: 'medium',
  shortDescription: 'IAM user signs in to the console with MFA that can be phished',
  fullDescription:
    'An IAM user has a console password and MFA, but no FIDO security key or passkey: the one-time code of an authenticator app or a hardware TOTP token can be relayed by a phishing page as it is typed.',
  whyItMatters:
    'Phishing kits now relay one-time codes in real time, so TOTP stops a stolen password but not a phished sign-in. A FIDO security key or passkey signs for the real AWS sign-in origin only, so a look-alike page gets nothing it can use. US federal guidance (OMB M-22-09) requires phishing-resistant MFA for this reason.',
  remediation: {
    cli: [
      '# See the kind of each device: u2f serials are security keys or passkeys, mfa/ serials are',
      '# authenticator apps, serials that are not ARNs are hardware TOTP tokens.',
      'aws iam list-mfa-devices --user-name USER',
      '# Register a security key or passkey in the console (Security credentials → Assign MFA device;',
      '# the API cannot register one), then deactivate the TOTP device:',
      'aws iam deactivate-mfa-device --user-name USER --serial-number arn:aws:iam::ACCOUNT_ID:mfa/USER',
    ].join('\n'),
    terraform: [
      '# Security keys and passkeys are registered by their owner in the console, not by Terraform.',
      '# Terraform can remove a virtual device once a security key is in place:',
      '# terraform state rm aws_iam_virtual_mfa_device.USER && terraform apply',
    ].join('\n'),
  },
  compliance: [
    { framework: 'OMB M-22-09', control: 'phishing-resistant MFA' },
    { framework: 'NIST SP 800-63B', control: 'phishing (verifier impersonation) resistance' },
  ],
  tags: ['security', 'aws', 'iam', 'mfa', 'phishing-resistant', 'fido'],
  breaks: (p) =>
    p.kind === 'user' &&
    p.consolePassword === true &&
    p.mfaActive &&
    p.mfaDevices !== null &&
    !p.mfaDevices.includes('fido'),
  message: (p, accountId) =>
    `IAM user ${p.name} ${inAccount(accountId)} signs in to the console with MFA that can be phished (${[...new Set(p.mfaDevices ?? [])].map((k) => KIND_NAMES[k]).join(', ')}) and has no security key or passkey.`,
  notApplicable: [],
};

/** Every rule, most severe first. */
export const RULES: readonly Rule[] = [
  ROOT_ACCOUNT_WITHOUT_MFA,
  CONSOLE_USER_WITHOUT_MFA,
  CONSOLE_USER_WITHOUT_PHISHING_RESISTANT_MFA,
];

/** The rules a run evaluates: root's with include-root, the FIDO rule when required. */
export function activeRules(includeRoot: boolean, phishingResistant = false): readonly Rule[] {
  return RULES.filter(
    (rule) =>
      (rule !== ROOT_ACCOUNT_WITHOUT_MFA || includeRoot) &&
      (rule !== CONSOLE_USER_WITHOUT_PHISHING_RESISTANT_MFA || phishingResistant),
  );
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
