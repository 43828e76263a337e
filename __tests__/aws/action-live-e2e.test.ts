/**
 * The built entries against moto, as the runner and a user start them: dist/index.js on Node 24
 * signing in with a GitHub OIDC token and a role, and dist/cli.js with ambient keys or a profile.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateRoleCommand,
  GenerateCredentialReportCommand,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iamClient } from '../support/aws-env.js';
import { startMoto, type MotoServer } from '../support/moto.js';
import {
  accessDenied,
  awsErrorXml,
  generateReportXml,
  startFaultProxy,
} from '../support/fault-proxy.js';
import { startOidcServer, type OidcServer } from '../support/oidc-server.js';
import { seedAccount } from '../support/seed.js';
import { repoRoot } from '../fixtures.js';
import { cliBundle, node24, parseGithubOutput } from '../runner.js';
import { emptyStringPaths, onlyRun, sarifSchemaErrors } from '../sarif-validation.js';
import {
  ACCOUNT,
  baseEnv,
  readSarif,
  runActionStep,
  type ActionStep,
  ROOT_ARN,
  runChild,
  userArn,
  SMALL_ACCOUNT,
} from './live-helpers.js';

const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/iam-mfa-audit`;
const WORKFLOW = '.github/workflows/iam-mfa-audit.yml';
const WORKFLOW_TEXT = [
  'name: IAM MFA audit',
  "on: { schedule: [{ cron: '17 6 * * *' }] }",
  'permissions: { id-token: write, contents: read, security-events: write }',
  'jobs:',
  '  audit:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - uses: actions/checkout@v4',
  '      - id: audit',
  '        uses: iam-mfa-audit/iam-mfa-audit@v0',
  `        with: { role-to-assume: '${ROLE_ARN}' }`,
  '',
].join('\n');
const USES_LINE = 10;

const USERS = SMALL_ACCOUNT;
const FINDING_ARNS = [ROOT_ARN, userArn('dana'), userArn('erin', '/engineering/')];

const NO_OIDC_TOKEN =
  '::error::role-to-assume is set but GitHub offered no OIDC token: add `permissions: id-token: write` to the workflow or job (a pull request from a fork never gets one).';

let moto: MotoServer;
let oidc: OidcServer;
let dir: string;

beforeAll(async () => {
  [moto, oidc] = await Promise.all([startMoto(), startOidcServer()]);
  dir = await mkdtemp(join(tmpdir(), 'action-live-e2e-'));
  const iam = iamClient(moto.endpoint);
  await seedAccount(iam, USERS);
  const trust = readFileSync(join(repoRoot, 'examples', 'trust-policy.json'), 'utf8').replaceAll(
    '111122223333',
    ACCOUNT,
  );
  await iam.send(
    new CreateRoleCommand({ RoleName: 'iam-mfa-audit', AssumeRolePolicyDocument: trust }),
  );
  await iam.send(
    new PutRolePolicyCommand({
      RoleName: 'iam-mfa-audit',
      PolicyName: 'iam-mfa-audit',
      PolicyDocument: readFileSync(join(repoRoot, 'examples', 'iam-policy.json'), 'utf8'),
    }),
  );
  // A report exists (moto dates it 2015, past CloudTrail's 90 days), so every run below takes
  // the same path: every user read live.
  await iam.send(new GenerateCredentialReportCommand({}));
  await mkdir(join(dir, 'workspace', '.github', 'workflows'), { recursive: true });
  await writeFile(join(dir, 'workspace', WORKFLOW), WORKFLOW_TEXT);
});

afterAll(async () => {
  await Promise.all([oidc.stop(), moto.stop()]);
  await rm(dir, { recursive: true, force: true });
});

async function runStep(name: string, extra: Record<string, string>): Promise<ActionStep> {
  return runActionStep({
    stepDir: join(dir, name),
    workspace: join(dir, 'workspace'),
    workflow: WORKFLOW,
    inputs: { 'role-to-assume': ROLE_ARN },
    env: { AWS_ENDPOINT_URL: moto.endpoint, ...extra },
  });
}

const lines = (text: string): string[] => text.split('\n').filter((line) => line !== '');

describe('dist/index.js on Node 24 with role-to-assume and an OIDC token', () => {
  let step: ActionStep;

  beforeAll(async () => {
    step = await runStep('with-oidc', oidc.env());
  }, 60_000);

  it('runs on the Node the action declares', () => {
    expect(execFileSync(node24, ['--version'], { encoding: 'utf8' })).toMatch(/^v24\./);
    const action = parse(readFileSync(join(repoRoot, 'action.yml'), 'utf8')) as {
      runs: { using: string; main: string };
    };
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  });

  it('asks GitHub for a token for sts.amazonaws.com and fails the step on the findings', () => {
    expect(oidc.audiences()).toEqual(['sts.amazonaws.com']);
    expect(step.stderr).toBe('');
    expect(step.status).toBe(1);
    const out = lines(step.stdout);
    expect(out.at(-1)).toBe('::error::3 findings at high or above, 0 tolerated (max-findings).');
    const annotations = out
      .filter((line) => line.startsWith('::error title='))
      .map((line) => line.replace(/ Fix: .*$/, ''));
    expect(annotations.sort()).toEqual(
      [
        `::error title=aws-iam-001 RootAccountWithoutMfa (critical),file=${WORKFLOW},line=${USES_LINE}::The root user in AWS account ${ACCOUNT} has no active MFA device.`,
        `::error title=aws-iam-002 ConsoleUserWithoutMfa (high),file=${WORKFLOW},line=${USES_LINE}::IAM user dana in AWS account ${ACCOUNT} has a console password and no active MFA device.`,
        `::error title=aws-iam-002 ConsoleUserWithoutMfa (high),file=${WORKFLOW},line=${USES_LINE}::IAM user erin in AWS account ${ACCOUNT} has a console password and no active MFA device.`,
      ].sort(),
    );
  });

  it('writes every output', () => {
    expect(step.outputs).toEqual({
      findings: '3',
      'failing-findings': '3',
      result: 'fail',
      'max-severity': 'critical',
      'sarif-file': step.sarifFile,
      'account-id': ACCOUNT,
      'not-assessed': '0',
      suppressed: '0',
      accounts: JSON.stringify([ACCOUNT]),
      'accounts-audited': '1',
      'new-findings': '',
      'fixed-findings': '',
    });
    // the runner's heredoc form, one per output
    expect(step.outputText).toMatch(/^findings<<ghadelimiter_[0-9a-f-]+\n3\nghadelimiter_/);
  });

  it('writes a valid SARIF file whose alerts point at the workflow step', async () => {
    const log = await readSarif(step.sarifFile);
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(emptyStringPaths(log)).toEqual([]);
    const sarif = onlyRun(log);
    expect(sarif.automationDetails?.id).toBe(`iam-mfa-audit/${ACCOUNT}/`);
    expect(
      sarif.results.map((r) => r.locations?.[0]?.logicalLocations?.[0]?.fullyQualifiedName).sort(),
    ).toEqual([...FINDING_ARNS].sort());
    for (const result of sarif.results) {
      expect(result.locations?.[0]?.physicalLocation).toEqual({
        artifactLocation: { uri: WORKFLOW },
        region: { startLine: USES_LINE },
      });
    }
    expect(sarif.results.map((r) => r.ruleId).sort()).toEqual([
      'aws-iam-001',
      'aws-iam-002',
      'aws-iam-002',
    ]);
  });

  it('writes the findings table and the data source to the job summary', () => {
    const summary = lines(step.summary);
    expect(summary[0]).toBe('## ❌ IAM MFA audit: fail');
    expect(summary).toContain(
      `- **Audited:** ${USERS.length + 1} principals of account \`${ACCOUNT}\` (aws), read user by user.`,
    );
    const data = summary.find((line) => line.startsWith(`- \`${ACCOUNT}\`: `));
    expect(data).toMatch(
      /: live per-user enumeration \(ListUsers, GetLoginProfile, ListMFADevices\) because the report AWS returned is \d+ minutes old, older than the 90 days of CloudTrail's event history, so the changes since cannot be read\.$/,
    );
    expect(data).not.toContain('checked against');
    expect(summary).toContain('| User | Severity | Last sign-in | To do |');
    const rows = summary.filter((line) => /^\| `[^`]+` \| (critical|high) \|/.test(line));
    expect(rows.map((row) => row.split(' | ').slice(0, 2).join(' | ')).sort()).toEqual([
      '| `dana` | high',
      '| `erin` | high',
      '| `root` | critical',
    ]);
    expect(step.summary).toContain(`# erin  arn:aws:iam::${ACCOUNT}:user/engineering/erin\n`);
  });

  it('masks the token and the role’s credentials, and writes them nowhere else', async () => {
    const out = step.stdout.split('\n');
    const masked = new Set(
      out.filter((line) => line.startsWith('::add-mask::')).map((line) => line.slice(12)),
    );
    expect(masked.has(oidc.token)).toBe(true);
    const credentials = [...masked].filter((value) => value !== oidc.token);
    // access key id, secret access key, session token: as moto issues them
    expect(credentials).toHaveLength(3);
    expect(credentials.find((value) => /^ASIA[A-Z0-9]{16}$/.test(value))).toBeDefined();
    expect(credentials.find((value) => /^[A-Za-z0-9/+]{40}$/.test(value))).toBeDefined();
    expect(credentials.find((value) => value.length > 100)).toBeDefined();

    const elsewhere = {
      stdout: out.filter((line) => !line.startsWith('::add-mask::')).join('\n'),
      stderr: step.stderr,
      GITHUB_OUTPUT: step.outputText,
      summary: step.summary,
      sarif: await readFile(step.sarifFile, 'utf8'),
    };
    for (const secret of masked) {
      for (const [where, text] of Object.entries(elsewhere)) {
        expect(text.includes(secret), `a masked value appears in ${where}`).toBe(false);
      }
    }
    // masking comes before the audit prints anything about the account
    const firstMask = out.findIndex((line) => line.startsWith('::add-mask::'));
    const firstReport = out.findIndex((line) => line.startsWith('Requesting'));
    expect(firstMask).toBeGreaterThanOrEqual(0);
    expect(firstMask).toBeLessThan(firstReport);
  });
});

describe('dist/index.js on long work', () => {
  it('logs how far it has got at least every 10 s while it waits for the report, and the users it read', async () => {
    // The report takes 11 s to be ready; moto's report is then dated 2015, too old for
    // CloudTrail's event history, so the users are read one by one too.
    let readyAt = 0;
    const proxy = await startFaultProxy(moto.endpoint, {
      respond: (action) => {
        if (action !== 'GenerateCredentialReport') return undefined;
        if (readyAt === 0) readyAt = Date.now() + 11_000;
        const state = Date.now() < readyAt ? 'INPROGRESS' : 'COMPLETE';
        return { status: 200, body: generateReportXml(state) };
      },
    });
    try {
      const step = await runStep('progress', {
        ...oidc.env(),
        AWS_ENDPOINT_URL: proxy.endpoint,
      });
      expect(step.stderr).toBe('');
      const progress = lines(step.stdout).filter((line) =>
        /^(waiting for the credential report: \d+ s|[\d,]+ of [\d,]+ users read)$/.test(line),
      );
      expect(progress).toEqual([
        expect.stringMatching(/^waiting for the credential report: 1\d s$/),
        `${USERS.length} of ${USERS.length} users read`,
      ]);
      expect(step.outputs.findings).toBe(String(FINDING_ARNS.length));
    } finally {
      await proxy.stop();
    }
  });
});

describe('dist/index.js without id-token: write', () => {
  it('fails with one line, writes no SARIF, and reports the error in the outputs and summary', async () => {
    const step = await runStep('without-oidc', {});
    expect(step.status).toBe(1);
    expect(step.stdout).toBe(`${NO_OIDC_TOKEN}\n`);
    expect(step.stderr).toBe('');
    expect(existsSync(step.sarifFile)).toBe(false);
    expect(parseGithubOutput(step.outputText)).toEqual({ result: 'error' });
    expect(step.summary.split('\n').slice(0, 3)).toEqual([
      '## ⛔ IAM MFA audit: error',
      '',
      `The audit did not finish: ${NO_OIDC_TOKEN.replace('::error::', '').replace(/[`_]/g, '\\$&')}`,
    ]);
  });
});

describe('dist/index.js when STS refuses the role', () => {
  it("keeps AWS's own message and the attempts in the failure, the summary and result: error", async () => {
    const proxy = await startFaultProxy(moto.endpoint, {
      respond: (action) =>
        action === 'AssumeRoleWithWebIdentity'
          ? {
              status: 400,
              body: awsErrorXml(
                'ValidationError',
                'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
              ),
            }
          : undefined,
    });
    try {
      const step = await runStep('sts-refuses', {
        ...oidc.env(),
        AWS_ENDPOINT_URL: proxy.endpoint,
        'INPUT_ROLE-DURATION-SECONDS': '43200',
      });
      const reason = `sts:AssumeRoleWithWebIdentity for ${ROLE_ARN} failed (ValidationError: The requested DurationSeconds exceeds the MaxSessionDuration set for this role.) after 1 attempt (max-attempts).`;
      expect(step.status).toBe(1);
      expect(lines(step.stdout).filter((line) => line.startsWith('::error'))).toEqual([
        `::error::${reason}`,
      ]);
      expect(step.outputs).toEqual({ result: 'error' });
      expect(step.summary).toContain(`The audit did not finish: ${reason}`);
      expect(existsSync(step.sarifFile)).toBe(false);
    } finally {
      await proxy.stop();
    }
  });
});

describe('dist/cli.js against moto', () => {
  it('prints the table of findings and exits 1, with ambient keys', async () => {
    const cliDir = await mkdtemp(join(dir, 'cli-'));
    const sarifFile = join(cliDir, 'audit.sarif');
    const exit = await runChild(node24, [cliBundle, '--sarif-file', sarifFile], {
      cwd: cliDir,
      env: {
        ...baseEnv(cliDir),
        AWS_ENDPOINT_URL: moto.endpoint,
        AWS_ACCESS_KEY_ID: 'testing',
        AWS_SECRET_ACCESS_KEY: 'testing',
      },
    });
    expect(exit.status).toBe(1);
    const out = lines(exit.stdout);
    expect(out[0]).toBe(`Account: ${ACCOUNT} (aws), ${USERS.length + 1} principal(s)`);
    expect(out[1]).toMatch(
      /^Data: live per-user enumeration .+ older than the 90 days of CloudTrail's event history/,
    );
    expect(out.some((line) => line.startsWith('Freshness:'))).toBe(false);
    const header = out.findIndex((line) => line.startsWith('SEVERITY'));
    expect(out[header]?.split(/\s{2,}/)).toEqual([
      'SEVERITY',
      'RULE',
      'USER',
      'LAST SIGN-IN',
      'TO DO',
      'ARN',
    ]);
    const rows = out.slice(header + 1, header + 4).map((line) => line.split(/\s{2,}/));
    expect(rows.map((row) => [row[0], row[1], row[2], row.at(-1)]).sort()).toEqual([
      ['critical', 'aws-iam-001', 'root', ROOT_ARN],
      ['high', 'aws-iam-002', 'dana', userArn('dana')],
      ['high', 'aws-iam-002', 'erin', userArn('erin', '/engineering/')],
    ]);
    expect(out.slice(-3)).toEqual([
      '3 open findings (1 critical, 2 high), 0 accepted, in 6 principals of 1 account.',
      'FAIL: 3 findings at high or above, 0 tolerated (max-findings).',
      `SARIF: ${sarifFile}`,
    ]);
    expect(sarifSchemaErrors(await readSarif(sarifFile))).toEqual([]);
    // progress goes to stderr, never the table
    expect(lines(exit.stderr)).toEqual([
      'Requesting the IAM credential report…',
      expect.stringMatching(
        /^No usable credential report \(the report AWS returned is \d+ minutes old, older than the 90 days of CloudTrail's event history, so the changes since cannot be read\): reading users one by one…$/,
      ),
      `${USERS.length} of ${USERS.length} users read`,
    ]);
  });

  it('draws a progress bar on a terminal, and clears it before the table', async () => {
    const cliDir = await mkdtemp(join(dir, 'cli-'));
    const script =
      'import os, pty, sys; sys.exit(os.waitstatus_to_exitcode(pty.spawn(sys.argv[1:])))';
    const exit = await runChild(
      'python3',
      ['-c', script, node24, cliBundle, '--sarif-file', join(cliDir, 'audit.sarif')],
      {
        cwd: cliDir,
        env: {
          ...baseEnv(cliDir),
          TERM: 'xterm',
          NO_COLOR: '1',
          AWS_ENDPOINT_URL: moto.endpoint,
          AWS_ACCESS_KEY_ID: 'testing',
          AWS_SECRET_ACCESS_KEY: 'testing',
        },
      },
    );
    expect(exit.status).toBe(1);
    const screen = exit.stdout;
    expect(screen).toContain(`\r\u001b[2K[${'-'.repeat(24)}] 0 of ${USERS.length} users read`);
    const cleared = screen.lastIndexOf('\r\u001b[2K');
    expect(cleared).toBeLessThan(screen.indexOf('SEVERITY'));
    expect(screen).toContain('FAIL: 3 findings at high or above, 0 tolerated (max-findings).');
  });

  it.each([
    ['false', 1, 'FAIL: Incomplete audit: 1 principal not assessed (iam:GetAccountSummary)'],
    [
      'true',
      0,
      'INCOMPLETE: Incomplete audit (allowed): 1 principal not assessed (iam:GetAccountSummary)',
    ],
  ])(
    'fails closed when root cannot be read: --allow-incomplete %s exits %i',
    async (allow, status, verdict) => {
      const proxy = await startFaultProxy(moto.endpoint, {
        respond: (action) => (action === 'GetAccountSummary' ? accessDenied() : undefined),
      });
      try {
        const cliDir = await mkdtemp(join(dir, 'cli-incomplete-'));
        const exit = await runChild(
          node24,
          [
            cliBundle,
            '--fail-on',
            'none',
            '--allow-incomplete',
            allow,
            '--sarif-file',
            join(cliDir, 'a.sarif'),
          ],
          {
            cwd: cliDir,
            env: {
              ...baseEnv(cliDir),
              AWS_ENDPOINT_URL: proxy.endpoint,
              AWS_ACCESS_KEY_ID: 'testing',
              AWS_SECRET_ACCESS_KEY: 'testing',
            },
          },
        );
        expect(exit.status).toBe(status);
        expect(exit.stdout).toContain(
          `NOT ASSESSED root (${ROOT_ARN}): iam:GetAccountSummary was denied (AccessDenied: not authorized) after 1 attempt (max-attempts); add it to the policy of the credentials the audit uses`,
        );
        expect(lines(exit.stdout).at(-2)).toMatch(
          new RegExp(`^${verdict.replace(/[()]/g, '\\$&')}`),
        );
      } finally {
        await proxy.stop();
      }
    },
  );

  it('exits 2 with one line when the named profile does not exist', async () => {
    const cliDir = await mkdtemp(join(dir, 'cli-profile-'));
    const sarifFile = join(cliDir, 'audit.sarif');
    const exit = await runChild(
      node24,
      [cliBundle, '--profile', 'missing-profile', '--sarif-file', sarifFile],
      {
        cwd: cliDir,
        // HOME has no ~/.aws: the profile exists nowhere
        env: { ...baseEnv(cliDir), AWS_ENDPOINT_URL: moto.endpoint },
      },
    );
    expect(exit.status).toBe(2);
    expect(exit.stdout).toBe('');
    expect(lines(exit.stderr)).toHaveLength(1);
    expect(exit.stderr).toMatch(
      /^iam-mfa-audit: profile "missing-profile" is in neither the shared config file nor the credentials file \(AWS_CONFIG_FILE, default ~\/\.aws\/config; AWS_SHARED_CREDENTIALS_FILE, default ~\/\.aws\/credentials\); name a profile defined there\.\n$/,
    );
    expect(existsSync(sarifFile)).toBe(false);
  });
});
