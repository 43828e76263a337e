/**
 * The CLI's flags: the action's inputs as flags of the same names, with the habits of the
 * scanners people already use (trivy, checkov, prowler): `--no-NAME` for a boolean, lists
 * comma-separated or repeated, `-o FILE`, help grouped and wrapped to the terminal.
 */
import { parseArgs } from 'node:util';
import { ConfigurationError } from '../errors.js';
import { INPUTS, type ReadInput } from '../options.js';

/** The inputs the CLI takes as flags: all but the action's own. */
const CLI_INPUTS = INPUTS.filter((input) => input.actionOnly !== true);

/** Exit codes: the verdict decides 0 (pass, or incomplete when allowed) or 1; anything that stops the audit is 2. */
export const EXIT = { pass: 0, fail: 1, error: 2 } as const;

type Group = 'source' | 'policy' | 'output' | 'aws';

/** How a flag is written on the command line, and what --help says of it. */
interface CliFlag {
  readonly group: Group;
  /** A value's placeholder; absent for a boolean. */
  readonly value?: string;
  /** A list: comma-separated, or the flag repeated. */
  readonly list?: true;
  readonly help: string;
}

/** Every input of the CLI as a flag; --help lists them in this order within their group. */
export const CLI_FLAGS: Readonly<Record<string, CliFlag>> = {
  'credential-report': {
    group: 'source',
    value: 'FILE',
    help: 'Audit this IAM credential report CSV instead of the live account; no AWS call is made.',
  },
  profile: {
    group: 'source',
    value: 'NAME',
    help: 'Use this profile of the shared AWS config and credentials files.',
  },
  'role-to-assume': {
    group: 'source',
    value: 'ARN',
    list: true,
    help: "Assume this role with GitHub's OIDC token (in a workflow); several roles audit several accounts.",
  },
  accounts: {
    group: 'source',
    value: 'ID',
    list: true,
    help: 'Audit these account ids, each through --role-name in it.',
  },
  'role-name': {
    group: 'source',
    value: 'NAME',
    help: 'The role (with its path) to assume in each account of --accounts or of the organization.',
  },
  'organization-role': {
    group: 'source',
    value: 'ARN',
    help: 'A role that may call organizations:ListAccounts: audit every ACTIVE account of its organization.',
  },
  'account-filter': {
    group: 'source',
    value: 'ID',
    list: true,
    help: 'With --organization-role: only these account ids, or the accounts under these ou-… or r-… ids.',
  },
  'discover-only': {
    group: 'source',
    help: "With --organization-role: print the organization's account ids as JSON and audit none.",
  },
  'fail-on': {
    group: 'policy',
    value: 'SEVERITY',
    help: 'Lowest severity that counts against --max-findings: critical, high, medium, low or none.',
  },
  'max-findings': {
    group: 'policy',
    value: 'N',
    help: 'How many counted findings are tolerated before the audit fails.',
  },
  'include-root': {
    group: 'policy',
    help: 'Check that the root user has MFA (rule aws-iam-001); --no-include-root skips it.',
  },
  'require-phishing-resistant-mfa': {
    group: 'policy',
    help: 'Also report console users and root whose MFA gives one-time codes (live audit only).',
  },
  'terraform-plan': {
    group: 'source',
    value: 'FILE',
    list: true,
    help: 'terraform show -json output: audit the account as it would be after the plan.',
  },
  'fail-on-scope': {
    group: 'policy',
    value: 'SCOPE',
    help: 'all, or new: only findings new since --baseline count against --max-findings.',
  },
  baseline: {
    group: 'policy',
    value: 'FILE',
    help: 'An earlier SARIF log of this tool: each finding is new or still open against it, and the ones gone are fixed.',
  },
  'suppressions-file': {
    group: 'policy',
    value: 'FILE',
    help: "YAML file of accepted findings, each with a reason and an expiry; default .github/iam-mfa-audit.yml if it exists. A file in cloud-audit's .cloud-audit.yml format is read when named here; it is never looked for.",
  },
  'grace-period-hours': {
    group: 'policy',
    value: 'HOURS',
    help: 'Hours a new user has to enroll MFA before its finding counts at full severity; 0 is none.',
  },
  'allow-incomplete': {
    group: 'policy',
    help: 'Let principals that could not be assessed pass as incomplete (exit 0) instead of failing.',
  },
  format: {
    group: 'output',
    value: 'FORMAT',
    help: 'table, json (for scripts), sarif (the SARIF log) or markdown (the job summary the action writes).',
  },
  output: {
    group: 'output',
    value: 'FILE',
    help: 'Write the outcome to FILE instead of standard output.',
  },
  'sarif-file': {
    group: 'output',
    value: 'FILE',
    help: 'Also write the SARIF log to FILE (a new file, or a SARIF log of this tool); - is standard output.',
  },
  'sarif-category': {
    group: 'output',
    value: 'CATEGORY',
    help: 'Code-scanning category of the SARIF run; default iam-mfa-audit/ACCOUNT_ID/.',
  },
  'upload-sarif': {
    group: 'output',
    help: 'Upload the SARIF to code scanning (needs GITHUB_REPOSITORY, GITHUB_SHA, GITHUB_REF and --github-token).',
  },
  'github-token': {
    group: 'output',
    value: 'TOKEN',
    help: 'A token with security-events: write, for --upload-sarif.',
  },
  'iac-paths': {
    group: 'output',
    value: 'DIR',
    list: true,
    help: 'Folders searched for the Terraform or CloudFormation that defines each user.',
  },
  'aws-region': {
    group: 'aws',
    value: 'REGION',
    help: 'Region of the STS and IAM endpoints; default AWS_REGION, AWS_DEFAULT_REGION, else us-east-1.',
  },
  'allowed-account-ids': {
    group: 'aws',
    value: 'ID',
    list: true,
    help: 'Stop before auditing when the credentials belong to any other account.',
  },
  'max-attempts': { group: 'aws', value: 'N', help: 'Attempts per AWS call, retries included.' },
  'report-timeout-seconds': {
    group: 'aws',
    value: 'SECONDS',
    help: 'How long to wait for the credential report before reading user by user.',
  },
  'max-parallel-accounts': {
    group: 'aws',
    value: 'N',
    help: 'How many accounts are audited at once, 1 to 32.',
  },
  audience: { group: 'aws', value: 'AUDIENCE', help: "Audience of GitHub's OIDC token." },
  'role-session-name': { group: 'aws', value: 'NAME', help: 'Session name of assumed roles.' },
  'role-duration-seconds': {
    group: 'aws',
    value: 'SECONDS',
    help: "Lifetime of an assumed role's credentials, 900 to 43200.",
  },
};

const GROUPS: readonly (readonly [Group, string])[] = [
  ['source', 'What to audit (default: the account of your AWS credentials)'],
  ['policy', 'When the audit fails'],
  ['output', 'Output'],
  ['aws', 'AWS session'],
];

/** What the command line asks for. */
export type Command =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'audit'; readonly read: ReadInput };

const flagOf = (name: string): CliFlag => {
  const flag = CLI_FLAGS[name];
  if (flag === undefined) throw new Error(`no CLI flag for input ${name}`);
  return flag;
};
const isBoolean = (name: string): boolean => name in CLI_FLAGS && flagOf(name).value === undefined;

/**
 * Booleans as `--name=VALUE`: `--name` alone is true, `--no-name` false, and the older
 * `--name true` (the action's spelling) still works.
 */
function normalized(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const name = /^--([a-z-]+)$/.exec(arg)?.[1];
    if (name !== undefined && isBoolean(name)) {
      const next = argv[i + 1];
      // A value that is not a flag is taken, so a wrong one is named rather than stray.
      if (next !== undefined && !next.startsWith('-')) {
        out.push(`--${name}=${next}`);
        i += 1;
      } else out.push(`--${name}=true`);
    } else if (name?.startsWith('no-') && isBoolean(name.slice(3))) {
      out.push(`--${name.slice(3)}=false`);
    } else out.push(arg);
  }
  return out;
}

/** The command line read: help, version, or an audit's flags as input values. */
export function parseCommandLine(argv: readonly string[]): Command {
  let values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: normalized(argv),
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
        ...Object.fromEntries(
          CLI_INPUTS.map((input) => [
            input.name,
            {
              type: 'string' as const,
              multiple: flagOf(input.name).list === true,
              ...(input.name === 'output' ? { short: 'o' } : {}),
            },
          ]),
        ),
      },
    }));
  } catch (error) {
    throw plainly(error);
  }
  if (values.help === true) return { kind: 'help' };
  if (values.version === true) return { kind: 'version' };
  return {
    kind: 'audit',
    read: (name) => {
      const value = values[name];
      // A list's values, each of which may hold several separated by commas.
      if (Array.isArray(value)) return value.filter((v) => typeof v === 'string').join('\n');
      return typeof value === 'string' ? value : undefined;
    },
  };
}

/** parseArgs' messages are multi-line and talk about its API: one plain line instead. */
function plainly(error: unknown): ConfigurationError {
  const text = error instanceof Error ? error.message : String(error);
  const flag = /'(-[^']*)'/.exec(text)?.[1];
  if (/Unknown option/.test(text)) {
    return new ConfigurationError(`unknown option ${flag ?? ''}; see --help for the options.`);
  }
  if (/argument missing/.test(text)) {
    return new ConfigurationError(`option ${flag?.split(' ')[0] ?? ''} needs a value; see --help.`);
  }
  if (/positional/.test(text)) {
    return new ConfigurationError('unexpected argument; every option is --name VALUE, see --help.');
  }
  if (/ambiguous/.test(text)) {
    return new ConfigurationError(
      `option ${flag ?? ''}: a value that starts with - is written ${flag ?? '--name'}=VALUE.`,
    );
  }
  return new ConfigurationError(`${(text.split('\n')[0] ?? text).replace(/\.$/, '')}; see --help.`);
}

/**
 * `text` in lines of at most `width` characters: the first starts with `first`, the others
 * with `rest` (a word longer than a line stands alone).
 */
function wrap(text: string, width: number, first = '', rest = ''): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = rest + word;
    } else line = empty ? line + word : `${line} ${word}`;
    empty = false;
  }
  if (!empty) lines.push(line);
  return lines;
}

/** The help, grouped and wrapped to `columns`. */
export function helpText(columns: number): string {
  const width = Math.min(Math.max(columns, 60), 100);
  const usage = (name: string): string => {
    const flag = flagOf(name);
    const short = name === 'output' ? '-o, ' : '    ';
    if (flag.value === undefined) return `${short}--[no-]${name}`;
    return `${short}--${name} ${flag.value}${flag.list ? ',…' : ''}`;
  };
  const column = Math.min(
    Math.max(...CLI_INPUTS.map((i) => usage(i.name).length)) + 4,
    Math.floor(width / 2),
    34,
  );
  const indent = ' '.repeat(column);
  const entry = (left: string, help: string): string[] => {
    const head = `  ${left}`;
    if (head.length + 2 > column) return [head, ...wrap(help, width, indent, indent)];
    return wrap(help, width, head.padEnd(column), indent);
  };
  const defaults = (name: string): string => {
    const input = CLI_INPUTS.find((i) => i.name === name);
    const fallback = input?.cliDefault ?? input?.default ?? '';
    return fallback === '' || flagOf(name).value === undefined ? '' : ` (default: ${fallback})`;
  };
  const sections = GROUPS.flatMap(([group, title]) => [
    '',
    ...wrap(`${title}:`, width),
    ...CLI_INPUTS.filter((i) => flagOf(i.name).group === group).flatMap((i) =>
      entry(usage(i.name), `${flagOf(i.name).help}${defaults(i.name)}`),
    ),
  ]);
  return [
    'Usage: iam-mfa-audit [options]',
    '',
    ...wrap(
      'Finds IAM users who can sign in to the AWS console without MFA, and the root user without MFA. Lists take values separated by commas, or the flag repeated.',
      width,
    ),
    ...sections,
    '',
    'Other:',
    ...entry('-h, --help', 'Show this help.'),
    ...entry('    --version', 'Show the version.'),
    '',
    'Examples:',
    '  iam-mfa-audit --credential-report credential-report.csv',
    '  iam-mfa-audit --profile audit --format json -o audit.json',
    '  iam-mfa-audit --no-include-root --sarif-file audit.sarif',
    '',
    ...wrap(
      'Exit codes: 0 pass (or incomplete with --allow-incomplete); 1 fail: findings over the threshold, or principals not assessed; 2 error: a bad option, an unreadable report, AWS credentials, or an internal error (nothing is written).',
      width,
    ),
    '',
  ].join('\n');
}
