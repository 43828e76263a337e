import {
  phishable,
  withoutCredentials,
  type AccountSnapshot,
  type Finding,
  type MfaDevice,
  type MfaKind,
  type Principal,
  type Severity,
} from '../model.js';
import { bounded } from '../text.js';

export interface ComplianceMapping {
  readonly framework: string;
  readonly control: string;
}

/** A partition where a rule does not apply, and the source that says so. */
export interface NotApplicable {
  readonly partition: string;
  readonly reason: string;
}

/** How a principal breaks a rule: the severity this case has, and what is wrong. */
export interface Breach {
  readonly severity: Severity;
  /** One or two sentences naming the principal and the account. */
  readonly detail: string;
}

/** What a rule may know of the principal's account. */
export type AccountFacts = Pick<AccountSnapshot, 'accountId' | 'centralRootCredentials'>;

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
  /** How the principal breaks the rule, or null when it does not. */
  readonly judge: (principal: Principal, account: AccountFacts) => Breach | null;
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
  judge: (p, account) =>
    p.kind === 'user' && p.consolePassword === true && !p.mfaActive
      ? {
          severity: 'high',
          detail: `IAM user ${p.name} ${inAccount(account.accountId)} has a console password and no active MFA device.`,
        }
      : null,
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
};

/** A finding's message: what is wrong, the grace period while it runs, and the fix that fits. */
export function findingMessage(finding: Finding): string {
  const grace =
    finding.graceUntil === null
      ? ''
      : ` It is in the grace period for new users until ${finding.graceUntil} (grace-period-hours), so it is reported as low until then.`;
  return `${finding.detail}${grace} Fix: ${finding.fix.text}.`;
}

const KIND_NAMES: Record<MfaKind, string> = {
  fido: 'security key or passkey',
  virtual: 'authenticator app',
  hardware: 'hardware TOTP token',
  'hardware-or-fido': 'hardware or FIDO device',
};

/** A device as a message names it: its kind, and its serial when AWS gives one. */
export function deviceName(device: MfaDevice): string {
  const kind = KIND_NAMES[device.kind];
  return device.serial === null ? kind : `${kind} ${bounded(device.serial, 120)}`;
}

export const CONSOLE_USER_WITHOUT_PHISHING_RESISTANT_MFA: Rule = {
  id: 'aws-iam-mfa-phishing-resistant',
  name: 'ConsoleUserWithoutPhishingResistantMfa',
  severity: 'medium',
  shortDescription: 'An IAM user or root signs in to the console with MFA that can be phished',
  fullDescription:
    'An IAM user with a console password, or the root user, has an MFA device that gives one-time codes (an authenticator app, or for a user a hardware TOTP token): AWS accepts any one of a principal’s devices at sign-in, so that code can be relayed by a phishing page as it is typed, even when a security key is registered too.',
  whyItMatters:
    'Phishing kits now relay one-time codes in real time, so TOTP stops a stolen password but not a phished sign-in. A FIDO security key or passkey signs for the real AWS sign-in origin only, so a look-alike page gets nothing it can use. US federal guidance (OMB M-22-09) requires phishing-resistant MFA for this reason.',
  remediation: {
    cli: [
      '# See the kind of each device: u2f serials are security keys or passkeys, mfa/ serials are',
      '# authenticator apps, serials that are not ARNs are hardware TOTP tokens.',
      'aws iam list-mfa-devices --user-name USER',
      '# Register a security key or passkey in the console (Security credentials → Assign MFA device;',
      '# the API cannot register one), then deactivate every device that gives one-time codes:',
      '# AWS accepts any one of them at sign-in.',
      'aws iam deactivate-mfa-device --user-name USER --serial-number arn:aws:iam::ACCOUNT_ID:mfa/USER',
      '# Root: sign in as root, register a security key, and remove the virtual device there.',
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
  judge: (p, account) => {
    if (!p.mfaActive || p.mfaDevices === null) return null;
    if (p.kind === 'user' && p.consolePassword !== true) return null;
    const weak = p.mfaDevices.filter(phishable);
    if (weak.length === 0) return null;
    const who =
      p.kind === 'root'
        ? `The root user ${inAccount(account.accountId)}`
        : `IAM user ${p.name} ${inAccount(account.accountId)}`;
    const named = weak.map(deviceName).join(', ');
    const detail = p.mfaDevices.some((d) => d.kind === 'fido')
      ? `${who} has a security key or passkey, but also ${named}: AWS accepts any one of its devices at sign-in, so a one-time code can still be phished.`
      : `${who} signs in with MFA that can be phished (${named}) and has no security key or passkey.`;
    return { severity: 'medium', detail };
  },
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
