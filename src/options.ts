import { ConfigurationError } from './errors.js';
import { SEVERITIES, type Threshold } from './model.js';

/** Everything a run needs to know, parsed once from the action's inputs or the CLI's flags. */
export interface Options {
  /** Path to a credential report CSV; null audits the live account. */
  readonly credentialReport: string | null;
  readonly failOn: Threshold;
  readonly maxFindings: number;
  readonly sarifFile: string;
  readonly includeRoot: boolean;
  /** A suppressions file; null reads .github/iam-mfa-audit.yml when it exists. */
  readonly suppressionsFile: string | null;
  /** Also require a FIDO security key or passkey of console users (live audit only). */
  readonly requirePhishingResistantMfa: boolean;
  /** Upload the SARIF to code scanning directly, with `githubToken`. */
  readonly uploadSarif: boolean;
  readonly githubToken: string | null;
  /** The code-scanning category (the run's automationDetails.id); null: one per account. */
  readonly sarifCategory: string | null;
  /** Where to look for the Terraform or CloudFormation that defines the users. */
  readonly iacPaths: readonly string[];
  /** Hours a new user has to enroll MFA before the finding counts at its rule's severity. */
  readonly gracePeriodHours: number;
  /** Role to assume with GitHub's OIDC token; null uses the SDK's default credential chain. */
  readonly roleToAssume: string | null;
  readonly audience: string;
  readonly awsRegion: string;
  readonly roleSessionName: string;
  readonly roleDurationSeconds: number;
  /** A named profile of the shared AWS config (CLI only). */
  readonly profile: string | null;
  /** How the CLI prints the outcome (CLI only). */
  readonly format: 'table' | 'json';
  readonly reportTimeoutSeconds: number;
  readonly allowIncomplete: boolean;
  readonly maxAttempts: number;
}

export interface InputSpec {
  readonly name: string;
  readonly description: string;
  /** The default as the user would write it; '' means unset. */
  readonly default: string;
  /** Only a flag of the CLI, not an input of the action. */
  readonly cliOnly?: true;
  /** The default action.yml gives it, where the runner fills it in (an expression). */
  readonly actionDefault?: string;
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
  },
  {
    name: 'include-root',
    description: 'Also check that the root user has MFA (rule aws-iam-001): true or false.',
    default: 'true',
  },
  {
    name: 'require-phishing-resistant-mfa',
    description:
      'Also report console users whose MFA can be phished: no FIDO security key or passkey, only authenticator apps or hardware TOTP tokens (rule aws-iam-mfa-phishing-resistant, medium). Live audit only: a credential report does not say which kind a device is.',
    default: 'false',
  },
  {
    name: 'suppressions-file',
    description:
      "YAML file of accepted findings, each with a reason and a last day (expires); see the README. Default: .github/iam-mfa-audit.yml when it exists. cloud-audit's .cloud-audit.yml is read too.",
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
      "Code-scanning category of the upload (the SARIF run's automationDetails.id); default iam-mfa-audit/ACCOUNT_ID/, one per account.",
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
      'Hours a new IAM user has to enroll MFA: a user whose console access began less than this long ago (created, or given a password, whichever is later) is reported with severity low, marked as in its grace period, until then. 0 turns it off.',
    default: '0',
  },
  {
    name: 'role-to-assume',
    description:
      "ARN of the IAM role to assume with GitHub's OIDC token (needs permissions: id-token: write). Empty: the AWS SDK's default credential chain.",
    default: '',
  },
  {
    name: 'audience',
    description: "Audience of the OIDC token; the role's trust policy must accept it.",
    default: 'sts.amazonaws.com',
  },
  {
    name: 'aws-region',
    description: 'Region for the STS and IAM endpoints (IAM is global within a partition).',
    default: 'us-east-1',
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
      'How the outcome is printed: table, or json (the verdict, the data source and the findings, for scripts).',
    default: 'table',
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
];

/** The inputs action.yml declares: all but the CLI's own flags. */
export const ACTION_INPUTS: readonly InputSpec[] = INPUTS.filter((input) => input.cliOnly !== true);

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

/** How raw input values are read: undefined or '' when unset. */
export type ReadInput = (name: string) => string | undefined;

/** An input's value as given, trimmed, or its default when unset. */
function inputValue(read: ReadInput, name: string): string {
  const raw = read(name)?.trim() ?? '';
  if (raw !== '') return raw;
  const spec = INPUTS.find((input) => input.name === name);
  if (!spec) throw new Error(`unknown input ${name}`);
  return spec.default;
}

/** Where the SARIF goes, readable even when another input is bad (to clear a stale file). */
export function sarifFileOf(read: ReadInput): string {
  return inputValue(read, 'sarif-file');
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
];

/**
 * Reads raw input values (undefined or '' when unset) and returns typed Options.
 * `label` turns an input name into the way the user wrote it (`input fail-on` or `--fail-on`).
 */
export function parseOptions(read: ReadInput, label: (name: string) => string): Options {
  const value = (name: string): string => inputValue(read, name);
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
  const role = value('role-to-assume');
  return {
    credentialReport: optional(value('credential-report')),
    failOn: oneOf('fail-on', THRESHOLDS),
    maxFindings: integer('max-findings', 0, 1_000_000),
    sarifFile: value('sarif-file'),
    includeRoot: boolean('include-root'),
    requirePhishingResistantMfa: boolean('require-phishing-resistant-mfa'),
    suppressionsFile: optional(value('suppressions-file')),
    uploadSarif: boolean('upload-sarif'),
    githubToken: optional(value('github-token')),
    sarifCategory: optional(value('sarif-category')),
    iacPaths: value('iac-paths')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== ''),
    gracePeriodHours: integer('grace-period-hours', 0, 8760),
    roleToAssume:
      role === ''
        ? null
        : matching(
            'role-to-assume',
            ROLE_ARN,
            'a role ARN such as arn:aws:iam::123456789012:role/NAME',
          ),
    audience: value('audience'),
    awsRegion: matching('aws-region', REGION, 'a region name such as us-east-1'),
    roleSessionName: matching(
      'role-session-name',
      SESSION_NAME,
      '2 to 64 characters of letters, digits and + = , . @ _ -',
    ),
    roleDurationSeconds: integer('role-duration-seconds', 900, 43_200),
    profile: optional(value('profile')),
    format: oneOf('format', ['table', 'json'] as const),
    reportTimeoutSeconds: integer('report-timeout-seconds', 1, 3600),
    allowIncomplete: boolean('allow-incomplete'),
    maxAttempts: integer('max-attempts', 1, 50),
  };
}
