import type { Scope, SessionSettings } from './aws/session-settings.js';
import { ConfigurationError } from './errors.js';
import { SEVERITIES, type Threshold } from './model.js';
import type { ThresholdPolicy } from './policy/threshold.js';
import type { RuleChoice } from './rules/rule.js';

/**
 * A run, as the inputs (or flags) ask for it, parsed once: where the principals come from,
 * which rules apply, how the verdict is decided, and where the results go.
 */
export interface Plan {
  readonly source: AuditSource;
  /** Where earlier runs are read from: code scanning (with a token), a baseline file, or nowhere. */
  readonly history: HistorySource;
  /** Terraform plans (terraform show -json) applied to the account before it is judged. */
  readonly terraformPlans: readonly string[];
  readonly rules: RuleChoice;
  readonly policy: Policy;
  readonly outputs: OutputChoice;
}

/** Code scanning's alerts (read with a token, in a workflow), an earlier SARIF log, or none. */
export type HistorySource =
  | { readonly kind: 'code-scanning'; readonly token: string }
  | { readonly kind: 'baseline'; readonly path: string }
  | { readonly kind: 'none' };

/** A credential report file (no AWS call), or the live accounts of a scope. */
export type AuditSource =
  | { readonly kind: 'report-file'; readonly path: string }
  | {
      readonly kind: 'live';
      readonly scope: Scope;
      readonly session: SessionSettings;
      /** How long a credential report is waited for, in seconds. */
      readonly reportTimeoutSeconds: number;
      /** How many accounts of a fleet are audited at once. */
      readonly maxParallelAccounts: number;
      /** List the organization's accounts (output `accounts`) and audit none. */
      readonly discoverOnly: boolean;
    };

/** How findings become a verdict. */
export interface Policy extends ThresholdPolicy {
  /** Accept findings whose code-scanning alert is dismissed. */
  readonly acceptDismissedAlerts: boolean;
  /** Hours a new user has to enroll MFA before the finding counts at its rule's severity. */
  readonly gracePeriodHours: number;
  /** A suppressions file; null reads .github/iam-mfa-audit.yml when it exists. */
  readonly suppressionsFile: string | null;
}

/** How the CLI prints the outcome. */
const FORMATS = ['table', 'json', 'sarif', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

/** Where a run's inputs come from: the action's inputs, or the CLI's flags. */
export type Surface = 'action' | 'cli';

/** Where the results go. */
export interface OutputChoice {
  /** The SARIF file to write; null: none (the CLI writes one only when asked). */
  readonly sarifFile: string | null;
  /** The code-scanning category (the run's automationDetails.id); null: one per account. */
  readonly sarifCategory: string | null;
  /** Where to look for the Terraform or CloudFormation that defines the users. */
  readonly iacPaths: readonly string[];
  /** With upload-sarif: the token the SARIF is uploaded to code scanning with; else null. */
  readonly uploadToken: string | null;
  /** How the CLI prints the outcome (CLI only). */
  readonly format: Format;
  /** Where the CLI prints it: a file, or null for standard output (CLI only). */
  readonly reportFile: string | null;
}

export interface InputSpec {
  readonly name: string;
  readonly description: string;
  /** The default as the user would write it; '' means unset. */
  readonly default: string;
  /** Only a flag of the CLI, not an input of the action. */
  readonly cliOnly?: true;
  /** Only an input of the action, not a flag of the CLI. */
  readonly actionOnly?: true;
  /** The default action.yml gives it, where the runner fills it in (an expression). */
  readonly actionDefault?: string;
  /** The CLI's default, where it differs from the action's ('' means unset). */
  readonly cliDefault?: string;
}

const THRESHOLDS: readonly Threshold[] = [...SEVERITIES, 'none'];

/** The inputs, in the order action.yml, the CLI's --help and the README list them. */
export const INPUTS: readonly InputSpec[] = [
  {
    name: 'credential-report',
    description:
      'Path to an IAM credential report CSV to audit instead of the live account. No AWS call is made and no credentials are needed.',
    default: '',
  },
  {
    name: 'fail-on',
    description: `Lowest severity that counts against max-findings: ${THRESHOLDS.join(', ')}. With none, findings never fail the run.`,
    default: 'high',
  },
  {
    name: 'max-findings',
    description: 'How many counted findings are tolerated before the run fails.',
    default: '0',
  },
  {
    name: 'sarif-file',
    description:
      'Where to write the SARIF 2.1.0 log for code scanning: a new file, or an earlier SARIF log or empty file, replaced whole (a link is followed). Any other file, a folder, a device or a FIFO is refused.',
    default: 'iam-mfa-audit.sarif',
    cliDefault: '',
  },
  {
    name: 'include-root',
    description: 'Also check that the root user has MFA (rule aws-iam-001): true or false.',
    default: 'true',
  },
  {
    name: 'require-phishing-resistant-mfa',
    description:
      'Also report console users, and root, with an MFA device that gives one-time codes (an authenticator app or a hardware TOTP token), even beside a FIDO security key or passkey: AWS accepts any one device at sign-in (rule aws-iam-mfa-phishing-resistant, medium). Live audit only: a credential report does not say which kind a device is.',
    default: 'false',
  },
  {
    name: 'terraform-plan',
    description:
      'Files of terraform show -json output (one per line): the account is audited as it would be after the plan, and each finding the plan causes or clears is labelled with its resource.',
    default: '',
  },
  {
    name: 'fail-on-scope',
    description:
      'Which findings count against max-findings: all, or new (only those new or reopened since the last run, as code scanning or --baseline knows it; every finding when no earlier run can be read).',
    default: 'all',
  },
  {
    name: 'accept-dismissed-alerts',
    description:
      "Accept a finding whose code-scanning alert is dismissed (false positive, won't fix, used in tests) like a suppression: reported with the dismissal, not counted. Needs github-token with security-events: read: true or false.",
    default: 'false',
    actionOnly: true,
  },
  {
    name: 'baseline',
    description:
      'An earlier SARIF log of this tool: each finding is new or still open against it, the ones gone are fixed, and fail-on-scope new counts only the new ones.',
    default: '',
    cliOnly: true,
  },
  {
    name: 'suppressions-file',
    description:
      "YAML file of accepted findings, each with a reason and a last day (expires); see the README. Default: .github/iam-mfa-audit.yml when it exists. A file in cloud-audit's .cloud-audit.yml format is read when named here; it is never looked for.",
    default: '',
  },
  {
    name: 'upload-sarif',
    description:
      'Upload the SARIF to code scanning from this step (needs permissions: security-events: write), and wait until GitHub has processed it: true or false.',
    default: 'false',
  },
  {
    name: 'github-token',
    description: 'Token for the upload; the workflow token by default.',
    default: '',
    actionDefault: '${{ github.token }}',
  },
  {
    name: 'sarif-category',
    description:
      "Code-scanning category of the upload (the SARIF run's automationDetails.id); default iam-mfa-audit/ACCOUNT_ID/, one per account, and iam-mfa-audit/fleet/ for several accounts in one run.",
    default: '',
  },
  {
    name: 'iac-paths',
    description:
      'Folders (one per line) searched for the Terraform or CloudFormation that defines each user, so its alert shows on that code; node_modules and .git are skipped, and the search is bounded. Default: the workspace.',
    default: '.',
  },
  {
    name: 'grace-period-hours',
    description:
      'Hours a new IAM user has to enroll MFA: a user created less than this long ago is reported with severity low, marked as in its grace period, until then; a password added later renews nothing. 0 turns it off.',
    default: '0',
  },
  {
    name: 'role-to-assume',
    description:
      "ARN of the IAM role to assume with GitHub's OIDC token (needs permissions: id-token: write); several ARNs, one per line, audit several accounts. Empty: the AWS SDK's default credential chain.",
    default: '',
  },
  {
    name: 'accounts',
    description:
      'AWS account ids to audit, one per line, each through the role named by role-name in it.',
    default: '',
  },
  {
    name: 'role-name',
    description:
      "Name (with its path, if any) of the role to assume with GitHub's OIDC token in each account of accounts or of the organization: arn:PARTITION:iam::ACCOUNT:role/ROLE-NAME.",
    default: '',
  },
  {
    name: 'organization-role',
    description:
      "ARN of a role in the organization's management or delegated administrator account that may call organizations:ListAccounts: every ACTIVE account is audited through role-name.",
    default: '',
  },
  {
    name: 'account-filter',
    description:
      'With organization-role: only these accounts, one per line: account ids, and organizational unit ids (ou-…) or the root id (r-…) for every account under them.',
    default: '',
  },
  {
    name: 'discover-only',
    description:
      "With organization-role: list the organization's accounts in the output accounts (a JSON array for a matrix) and audit none.",
    default: 'false',
  },
  {
    name: 'max-parallel-accounts',
    description: 'How many accounts are audited at once when several are, 1 to 32.',
    default: '4',
  },
  {
    name: 'audience',
    description: "Audience of the OIDC token; the role's trust policy must accept it.",
    default: 'sts.amazonaws.com',
  },
  {
    name: 'aws-region',
    description:
      'Region for the STS and IAM endpoints (IAM is global within a partition); it also names the partition. Default: AWS_REGION, else AWS_DEFAULT_REGION (as aws-actions/configure-aws-credentials exports them), else us-east-1.',
    default: '',
  },
  {
    name: 'role-session-name',
    description:
      'Session name of the assumed role: 2 to 64 characters of letters, digits and + = , . @ _ -.',
    default: 'iam-mfa-audit',
  },
  {
    name: 'role-duration-seconds',
    description: "Lifetime of the assumed role's credentials, 900 to 43200 seconds.",
    default: '900',
  },
  {
    name: 'profile',
    description: 'Named profile from the shared AWS config and credentials files.',
    default: '',
    cliOnly: true,
  },
  {
    name: 'format',
    description:
      'How the outcome is printed: table; json (verdict, accounts and findings, for scripts); sarif (the SARIF log); markdown (the job summary the action writes).',
    default: 'table',
    cliOnly: true,
  },
  {
    name: 'output',
    description:
      'Write the outcome to this file instead of standard output (- is standard output).',
    default: '',
    cliOnly: true,
  },
  {
    name: 'report-timeout-seconds',
    description:
      'How long to wait for AWS to generate the credential report before auditing user by user.',
    default: '120',
  },
  {
    name: 'allow-incomplete',
    description:
      'When true, principals that could not be assessed do not fail the run (the result is then incomplete, never pass).',
    default: 'false',
  },
  {
    name: 'max-attempts',
    description: 'Attempts per AWS call, with adaptive retry on throttling and transient errors.',
    default: '10',
  },
  {
    name: 'allowed-account-ids',
    description:
      'AWS account ids the credentials of a live audit may belong to, one per line: credentials of another account stop the run before it audits anything. Default: any account.',
    default: '',
  },
];

/** The inputs action.yml declares: all but the CLI's own flags. */
export const ACTION_INPUTS: readonly InputSpec[] = INPUTS.filter((input) => input.cliOnly !== true);

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const ROLE_NAME = /^([\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;
const ACCOUNT_ID = /^\d{12}$/;
const ORGANIZATION_PARENT = /^(ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}|r-[0-9a-z]{4,32})$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

/** How raw input values are read: undefined or '' when unset. */
export type ReadInput = (name: string) => string | undefined;

/** An input's value as given, trimmed, or its default on `surface` when unset. */
function inputValue(read: ReadInput, name: string, surface: Surface): string {
  const raw = read(name)?.trim() ?? '';
  if (raw !== '') return raw;
  const spec = INPUTS.find((input) => input.name === name);
  if (!spec) throw new Error(`unknown input ${name}`);
  return (surface === 'cli' ? spec.cliDefault : undefined) ?? spec.default;
}

/**
 * Where the SARIF goes (null: nowhere), readable even when another input is bad, to clear
 * a stale file.
 */
export function sarifFileOf(read: ReadInput, surface: Surface): string | null {
  const path = inputValue(read, 'sarif-file', surface);
  return path === '' ? null : path;
}

/** `-` and /dev/stdout name standard output. */
export function isStandardOutput(path: string): boolean {
  return path === '-' || path === '/dev/stdout';
}

/** Inputs that cannot be set together, and why. */
const CONFLICTS: readonly (readonly [string, string, string])[] = [
  [
    'credential-report',
    'role-to-assume',
    'a report file is audited without calling AWS, so no role is assumed',
  ],
  [
    'credential-report',
    'profile',
    'a report file is audited without calling AWS, so no profile is used',
  ],
  [
    'role-to-assume',
    'profile',
    "the role is assumed with GitHub's OIDC token, not with a profile's credentials",
  ],
  ...['credential-report', 'profile', 'role-to-assume'].flatMap(
    (one) =>
      [
        [one, 'accounts', 'accounts are audited through role-name in each'],
        [one, 'organization-role', "the organization's accounts are audited through role-name"],
      ] as const,
  ),
  ['accounts', 'organization-role', 'the accounts are either listed or discovered'],
];

/** The partition a region belongs to, for the ARNs of roles named by role-name. */
function partitionOfRegion(region: string): string {
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('eusc-')) return 'aws-eusc';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  return 'aws';
}

/**
 * Reads raw input values (undefined or '' when unset) and returns the run's plan.
 * `label` turns an input name into the way the user wrote it (`input fail-on` or `--fail-on`);
 * `env` supplies what the inputs leave to the environment: the region, from AWS_REGION or
 * AWS_DEFAULT_REGION.
 */
export function parsePlan(
  read: ReadInput,
  label: (name: string) => string,
  env: Readonly<Record<string, string | undefined>> = {},
  surface: Surface = 'action',
): Plan {
  const value = (name: string): string => inputValue(read, name, surface);
  const bad = (name: string, got: string, accepted: string): ConfigurationError =>
    new ConfigurationError(
      `${label(name)}: ${JSON.stringify(got)} is not accepted; use ${accepted}.`,
    );

  for (const [one, other, why] of CONFLICTS) {
    if (value(one) !== '' && value(other) !== '') {
      throw new ConfigurationError(
        `${label(one)} and ${label(other)} contradict each other: ${why}; set only one of them.`,
      );
    }
  }

  const oneOf = <T extends string>(name: string, accepted: readonly T[]): T => {
    const raw = value(name);
    const found = accepted.find((a) => a === raw.toLowerCase());
    if (found === undefined) throw bad(name, raw, `one of ${accepted.join(', ')}`);
    return found;
  };
  const integer = (name: string, min: number, max: number): number => {
    const raw = value(name);
    const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      throw bad(name, raw, `a whole number from ${min} to ${max}`);
    }
    return n;
  };
  // The same spellings as core.getBooleanInput (YAML 1.2 core schema), in both surfaces.
  const boolean = (name: string): boolean => {
    const raw = value(name);
    if (['true', 'True', 'TRUE'].includes(raw)) return true;
    if (['false', 'False', 'FALSE'].includes(raw)) return false;
    throw bad(name, raw, 'true or false');
  };

  const matching = (name: string, pattern: RegExp, accepted: string): string => {
    const raw = value(name);
    if (!pattern.test(raw)) throw bad(name, raw, accepted);
    return raw;
  };
  const optional = (raw: string): string | null => (raw === '' ? null : raw);

  if (value('credential-report') !== '' && boolean('require-phishing-resistant-mfa')) {
    throw new ConfigurationError(
      `${label('require-phishing-resistant-mfa')} true needs the live audit: a credential report does not say which kind of MFA device a user has; leave ${label('credential-report')} empty or set it to false.`,
    );
  }
  if (boolean('upload-sarif') && value('github-token') === '') {
    throw new ConfigurationError(
      `${label('upload-sarif')} true needs ${label('github-token')}: a token with security-events: write.`,
    );
  }
  const region = regionOf(value('aws-region'), label('aws-region'), env);
  const discoverOnly = boolean('discover-only');
  // Every input is checked, whichever source it applies to.
  const list: ListOf = (name, pattern, accepted) =>
    listOf(value, label, surface, name, pattern, accepted);
  const scope = scopeOf(value, label, bad, list, partitionOfRegion(region), discoverOnly);
  const session: SessionSettings = {
    region,
    maxAttempts: integer('max-attempts', 1, 50),
    profile: optional(value('profile')),
    audience: value('audience'),
    roleSessionName: matching(
      'role-session-name',
      SESSION_NAME,
      '2 to 64 characters of letters, digits and + = , . @ _ -',
    ),
    roleDurationSeconds: integer('role-duration-seconds', 900, 43_200),
    allowedAccountIds: list('allowed-account-ids', ACCOUNT_ID, 'an account id of 12 digits'),
  };
  const live = {
    kind: 'live',
    scope,
    session,
    reportTimeoutSeconds: integer('report-timeout-seconds', 1, 3600),
    maxParallelAccounts: integer('max-parallel-accounts', 1, 32),
    discoverOnly,
  } as const;
  const credentialReport = optional(value('credential-report'));
  const sarifFile = optional(value('sarif-file'));
  const reportFile = optional(value('output'));
  const format = oneOf('format', FORMATS);
  if (sarifFile !== null && isStandardOutput(sarifFile)) {
    if (surface === 'action') {
      throw bad('sarif-file', sarifFile, 'the path of a file for the SARIF log');
    }
    if (reportFile === null || isStandardOutput(reportFile)) {
      throw new ConfigurationError(
        `${label('sarif-file')} ${sarifFile}: the report goes to standard output too; print the SARIF alone with ${label('format')} sarif, or send the report to a file with -o FILE.`,
      );
    }
  }
  return {
    source: credentialReport === null ? live : { kind: 'report-file', path: credentialReport },
    rules: {
      includeRoot: boolean('include-root'),
      requirePhishingResistantMfa: boolean('require-phishing-resistant-mfa'),
    },
    history: historyOf(optional(value('baseline')), optional(value('github-token')), surface),
    terraformPlans: linesOf(value('terraform-plan')).flatMap(({ text }) =>
      text
        .split(',')
        .map((path) => path.trim())
        .filter((path) => path !== ''),
    ),
    policy: {
      failOn: oneOf('fail-on', THRESHOLDS),
      failOnScope: oneOf('fail-on-scope', ['all', 'new'] as const),
      acceptDismissedAlerts: surface === 'action' && boolean('accept-dismissed-alerts'),
      maxFindings: integer('max-findings', 0, 1_000_000),
      allowIncomplete: boolean('allow-incomplete'),
      gracePeriodHours: integer('grace-period-hours', 0, 8760),
      suppressionsFile: optional(value('suppressions-file')),
    },
    outputs: {
      sarifFile,
      sarifCategory: optional(value('sarif-category')),
      iacPaths: linesOf(value('iac-paths')).map(({ text }) => text),
      uploadToken: boolean('upload-sarif') ? optional(value('github-token')) : null,
      format,
      reportFile: reportFile === null || isStandardOutput(reportFile) ? null : reportFile,
    },
  };
}

/**
 * Where the history comes from: the baseline file the CLI names, else in the action the
 * code scanning of the repository (with github-token, the workflow token by default).
 */
function historyOf(baseline: string | null, token: string | null, surface: Surface): HistorySource {
  if (baseline !== null) return { kind: 'baseline', path: baseline };
  if (surface === 'action' && token !== null) return { kind: 'code-scanning', token };
  return { kind: 'none' };
}

/** A list input's lines, trimmed, without the empty ones, each with its 1-based number. */
function linesOf(value: string): { readonly text: string; readonly line: number }[] {
  return value
    .split(/\r?\n/)
    .map((text, i) => ({ text: text.trim(), line: i + 1 }))
    .filter(({ text }) => text !== '');
}

/**
 * The accounts to audit, from role-to-assume (one or several ARNs), accounts with role-name,
 * or organization-role with role-name and account-filter. A list is one value per line;
 * a bad line is named by its number.
 */
function scopeOf(
  value: (name: string) => string,
  label: (name: string) => string,
  bad: (name: string, got: string, accepted: string) => ConfigurationError,
  list: ListOf,
  partition: string,
  discoverOnly: boolean,
): Scope {
  const needs = (name: string, needed: string, why: string): void => {
    if (value(name) !== '' && value(needed) === '') {
      throw new ConfigurationError(`${label(name)} needs ${label(needed)}: ${why}.`);
    }
  };
  needs('accounts', 'role-name', 'the role to assume in each account');
  needs(
    'organization-role',
    'role-name',
    "the role to assume in each of the organization's accounts",
  );
  needs('account-filter', 'organization-role', 'it filters the accounts of an organization');
  if (discoverOnly && value('organization-role') === '') {
    throw new ConfigurationError(
      `${label('discover-only')} true needs ${label('organization-role')}: it lists the accounts of an organization.`,
    );
  }
  if (value('role-name') !== '' && value('accounts') === '' && value('organization-role') === '') {
    throw new ConfigurationError(
      `${label('role-name')} needs ${label('accounts')} or ${label('organization-role')}: the accounts to assume it in.`,
    );
  }
  const roleName = (): string => {
    const name = value('role-name').replace(/^\//, '');
    if (!ROLE_NAME.test(name)) {
      throw bad(
        'role-name',
        value('role-name'),
        'a role name, with its path if any, such as iam-mfa-audit',
      );
    }
    return name;
  };
  const roleArn = 'a role ARN such as arn:aws:iam::123456789012:role/NAME';

  if (value('organization-role') !== '') {
    const organizationRole = value('organization-role');
    if (!ROLE_ARN.test(organizationRole)) throw bad('organization-role', organizationRole, roleArn);
    return {
      kind: 'organization',
      organizationRole,
      roleName: roleName(),
      partition: /^arn:([^:]+):/.exec(organizationRole)?.[1] ?? partition,
      filter: list(
        'account-filter',
        new RegExp(`${ACCOUNT_ID.source}|${ORGANIZATION_PARENT.source}`),
        'an account id (12 digits), an organizational unit id (ou-…) or the root id (r-…)',
      ),
    };
  }
  if (value('accounts') !== '') {
    return {
      kind: 'accounts',
      accounts: list('accounts', ACCOUNT_ID, 'an account id of 12 digits'),
      roleName: roleName(),
      partition,
    };
  }
  const roles = list('role-to-assume', ROLE_ARN, roleArn);
  if (roles.length <= 1) return { kind: 'one', role: roles[0] ?? null };
  // Two roles of one account would audit it twice, every finding reported twice.
  const accounts = roles.map((role) => role.split(':')[4]);
  const twice = accounts.findIndex((account, i) => accounts.indexOf(account) !== i);
  if (twice >= 0) {
    throw new ConfigurationError(
      `${label('role-to-assume')}: two roles are in account ${accounts[twice] ?? ''}; list one role per account.`,
    );
  }
  const partitions = new Set(roles.map((role) => role.split(':')[1]));
  if (partitions.size > 1) {
    throw new ConfigurationError(
      `${label('role-to-assume')}: the roles are in ${[...partitions].join(' and ')}; one run audits one partition, so list the roles of each partition in a run of its own.`,
    );
  }
  return { kind: 'roles', roles, partition: [...partitions][0] ?? partition };
}

/** A list input's values, each checked against `pattern` (`accepted` says what it takes). */
type ListOf = (name: string, pattern: RegExp, accepted: string) => string[];

/**
 * A list input: one value per line (commas and spaces separate too, as a YAML flow list
 * would be written; the CLI's repeated flags arrive as lines); a value that does not match,
 * or is listed twice, is named, with its line in the action.
 */
function listOf(
  value: (name: string) => string,
  label: (name: string) => string,
  surface: Surface,
  name: string,
  pattern: RegExp,
  accepted: string,
): string[] {
  const where = (n: number): string => (surface === 'action' ? `, line ${n}` : '');
  const separated = surface === 'action' ? 'one per line' : 'separated by commas';
  const seen = new Set<string>();
  return linesOf(value(name))
    .flatMap(({ text, line }) => text.split(/[\s,]+/).map((item) => [item, line] as const))
    .filter(([item]) => item !== '')
    .map(([item, n]) => {
      if (!pattern.test(item)) {
        throw new ConfigurationError(
          `${label(name)}${where(n)}: ${JSON.stringify(item)} is not accepted; use ${accepted}, ${separated}.`,
        );
      }
      if (seen.has(item)) {
        throw new ConfigurationError(
          `${label(name)}${where(n)}: ${item} is listed twice; list each once.`,
        );
      }
      seen.add(item);
      return item;
    });
}

/**
 * The region: the input when it is set, else AWS_REGION, else AWS_DEFAULT_REGION (what
 * aws-actions/configure-aws-credentials exports), else us-east-1. A value that is not a
 * region name is refused, naming where it came from.
 */
function regionOf(
  input: string,
  inputLabel: string,
  env: Readonly<Record<string, string | undefined>>,
): string {
  const [where, raw] =
    input !== ''
      ? [inputLabel, input]
      : env.AWS_REGION
        ? ['AWS_REGION', env.AWS_REGION]
        : env.AWS_DEFAULT_REGION
          ? ['AWS_DEFAULT_REGION', env.AWS_DEFAULT_REGION]
          : ['', 'us-east-1'];
  if (!REGION.test(raw)) {
    throw new ConfigurationError(
      `${where}: ${JSON.stringify(raw)} is not accepted; use a region name such as us-east-1.`,
    );
  }
  return raw;
}
