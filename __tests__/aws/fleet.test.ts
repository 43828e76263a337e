/**
 * A fleet of accounts through dist/index.js against moto: several roles, account ids with a
 * role name, and an organization's accounts, each signed in to with GitHub's OIDC token; an
 * account whose role cannot be assumed is not assessed and fails the run.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateRoleCommand } from '@aws-sdk/client-iam';
import {
  CloseAccountCommand,
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  CreateOrganizationCommand,
  ListRootsCommand,
  MoveAccountCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import type { Log } from 'sarif';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../fixtures.js';
import { onlyRun, parseSarif } from '../sarif-validation.js';
import { iamClient, MOTO_DEFAULT_ACCOUNT, TEST_CREDENTIALS } from '../support/aws-env.js';
import {
  awsErrorXml,
  startFaultProxy,
  type FaultPlan,
  type FaultProxy,
} from '../support/fault-proxy.js';
import { JSON_11 } from '../support/event-history.js';
import { startMoto, type MotoServer } from '../support/moto.js';
import { fakeJwt, startOidcServer, type OidcServer } from '../support/oidc-server.js';
import { seedAccount, type SeedUser } from '../support/seed.js';
import { tableProblems } from '../support/markdown.js';
import { cliBundle, node24, runAction } from '../runner.js';
import { baseEnv, runActionStep, runChild, type ActionStep } from './live-helpers.js';

const A = '111111111111';
const B = '222222222222';
/** Its role cannot be assumed: STS refuses it. */
const C = '333333333333';
const ROLE = 'iam-mfa-audit';
const roleIn = (account: string): string => `arn:aws:iam::${account}:role/${ROLE}`;

const USERS: Record<string, readonly SeedUser[]> = {
  [A]: [
    { name: 'ann', consolePassword: true },
    { name: 'amy', consolePassword: true, mfa: 'virtual' },
  ],
  [B]: [
    { name: 'ben', consolePassword: true },
    { name: 'bo', consolePassword: true },
    { name: 'svc' },
  ],
};
const WORKFLOW = '.github/workflows/iam-mfa-audit.yml';

let moto: MotoServer;
let oidc: OidcServer;
let proxy: FaultProxy;
let dir: string;

/** STS refuses the role of account C. */
const refuseC: NonNullable<FaultPlan['respond']> = (action, body) =>
  action === 'AssumeRoleWithWebIdentity' && body.get('RoleArn') === roleIn(C)
    ? {
        status: 403,
        body: awsErrorXml(
          'AccessDenied',
          'Not authorized to perform sts:AssumeRoleWithWebIdentity',
        ),
      }
    : undefined;

/** An account with the audit role and `users`, served by moto. */
async function seed(account: string, users: readonly SeedUser[]): Promise<void> {
  const iam = iamClient(moto.endpoint, TEST_CREDENTIALS, { accountId: account });
  const trust = readFileSync(join(repoRoot, 'examples', 'trust-policy.json'), 'utf8').replaceAll(
    '111122223333',
    account,
  );
  await iam.send(new CreateRoleCommand({ RoleName: ROLE, AssumeRolePolicyDocument: trust }));
  await seedAccount(iam, users);
}

beforeAll(async () => {
  [moto, oidc] = await Promise.all([startMoto(), startOidcServer()]);
  proxy = await startFaultProxy(moto.endpoint, { respond: refuseC });
  dir = await mkdtemp(join(tmpdir(), 'fleet-'));
  await Promise.all(Object.entries(USERS).map(([account, users]) => seed(account, users)));
  await mkdir(join(dir, 'workspace', '.github', 'workflows'), { recursive: true });
  await writeFile(join(dir, 'workspace', WORKFLOW), 'name: x\non: push\njobs: {}\n');
}, 120_000);

afterAll(async () => {
  await Promise.all([proxy.stop(), oidc.stop(), moto.stop()]);
  await rm(dir, { recursive: true, force: true });
});

let steps = 0;
function step(
  inputs: Record<string, string>,
  env: Record<string, string> = {},
): Promise<ActionStep> {
  steps += 1;
  return runActionStep({
    stepDir: join(dir, `step-${steps}`),
    workspace: join(dir, 'workspace'),
    workflow: WORKFLOW,
    inputs: { 'include-root': 'false', ...inputs },
    env: { AWS_ENDPOINT_URL: proxy.endpoint, ...oidc.env(), ...env },
  });
}

const sarifOf = (s: ActionStep): Log => parseSarif(readFileSync(s.sarifFile, 'utf8'));
const lines = (text: string): string[] => text.split('\n').filter((line) => line !== '');

/** Each result as `account rule user`, from its fingerprinted logical location. */
function resultKeys(log: Log): string[] {
  return onlyRun(log)
    .results.map((r) => {
      const arn = r.locations?.[0]?.logicalLocations?.[0]?.fullyQualifiedName ?? '';
      return `${arn.split(':')[4] ?? ''} ${r.ruleId ?? ''} ${arn.split('/').at(-1) ?? ''}`;
    })
    .sort();
}

const FOUND = [`${A} aws-iam-002 ann`, `${B} aws-iam-002 ben`, `${B} aws-iam-002 bo`];

describe('several roles in role-to-assume', () => {
  it('audits each account through its own role, and fails closed on the one it cannot assume', async () => {
    const before = oidc.requests();
    const s = await step({ 'role-to-assume': [roleIn(A), roleIn(B), roleIn(C)].join('\n') });
    expect(s.stderr).toBe('');
    expect(s.status).toBe(1);
    expect(s.outputs).toMatchObject({
      findings: '3',
      'failing-findings': '3',
      result: 'fail',
      'account-id': '',
      accounts: JSON.stringify([A, B, C]),
      'accounts-audited': '2',
      'not-assessed': '1',
    });
    // One OIDC token, reused for the three roles while it is fresh.
    expect(oidc.requests() - before).toBe(1);

    const run = onlyRun(sarifOf(s));
    expect(run.automationDetails?.id).toBe('iam-mfa-audit/fleet/');
    expect(resultKeys(sarifOf(s))).toEqual(FOUND);
    for (const result of run.results) {
      const account = result.properties?.accountId as string;
      expect(result.message.text).toContain(`in AWS account ${account}`);
      expect(result.locations?.[0]?.logicalLocations?.[0]?.fullyQualifiedName).toContain(
        `:${account}:`,
      );
    }
    const fingerprints = run.results.map(
      (r) => r.partialFingerprints?.['iamMfaAudit/principal/v1'],
    );
    expect(new Set(fingerprints).size).toBe(3);
    const notes = run.invocations?.[0]?.toolExecutionNotifications ?? [];
    expect(notes.map((n) => n.message.text)).toEqual([
      expect.stringMatching(
        new RegExp(`^Not assessed: account \\(arn:aws:iam::${C}:root\\): Not authorized to assume`),
      ),
    ]);
    expect(run.invocations?.[0]?.executionSuccessful).toBe(false);
    expect(run.properties?.accounts).toEqual([
      { accountId: A, source: 'live-report' },
      { accountId: B, source: 'live-report' },
      { accountId: C, source: 'not-audited' },
    ]);

    // The summary: a row per account, then the findings grouped by account.
    const summary = lines(s.summary);
    expect(summary).toContain(
      '- **Audited:** 5 principals of 2 accounts (1 more not audited), partition aws.',
    );
    expect(summary).toContain('| Account | Principals | Open findings | Not assessed |');
    const accountRows = summary.filter((l) => /^\| `\d{12}` \| /.test(l));
    expect(accountRows).toEqual([
      `| \`${A}\` | 2 | 1 | 0 |`,
      `| \`${B}\` | 3 | 2 | 0 |`,
      `| \`${C}\` | not audited | 0 | 1 |`,
    ]);
    expect(tableProblems(s.summary)).toEqual([]);
    expect(summary.filter((l) => l.startsWith('### Account `'))).toEqual([
      `### Account \`${A}\`: 1 open finding`,
      `### Account \`${B}\`: 2 open findings`,
    ]);
    expect(lines(s.stdout).filter((l) => l.startsWith('::error::'))).toEqual([
      '::error::3 findings at high or above, 0 tolerated (max-findings); also 1 account not assessed (sts:AssumeRoleWithWebIdentity).',
    ]);
  });

  it('passes as incomplete, never pass, with allow-incomplete and nothing over the threshold', async () => {
    const s = await step({
      'role-to-assume': [roleIn(A), roleIn(C)].join('\n'),
      'allow-incomplete': 'true',
      'fail-on': 'none',
    });
    expect(s.status).toBe(0);
    expect(s.outputs).toMatchObject({ result: 'incomplete', 'accounts-audited': '1' });
  });

  it('asks GitHub for a new token for each role when the one at hand is about to expire', async () => {
    const shortLived = await startOidcServer({
      token: fakeJwt({ exp: Math.floor(Date.now() / 1000) + 30 }),
    });
    try {
      const s = await step(
        { 'role-to-assume': [roleIn(A), roleIn(B)].join('\n') },
        shortLived.env(),
      );
      expect(s.outputs['accounts-audited']).toBe('2');
      expect(shortLived.requests()).toBe(2);
    } finally {
      await shortLived.stop();
    }
  });
});

describe('accounts with role-name', () => {
  it('assumes the role of that name in each account, one account at a time with max-parallel-accounts 1', async () => {
    const assumedBefore = proxy.calls().AssumeRoleWithWebIdentity ?? 0;
    const s = await step({
      accounts: `${A},\n ${B}\n`,
      'role-name': ROLE,
      'max-parallel-accounts': '1',
    });
    expect(s.status).toBe(1);
    expect(s.outputs).toMatchObject({
      accounts: JSON.stringify([A, B]),
      'accounts-audited': '2',
      'not-assessed': '0',
    });
    expect(resultKeys(sarifOf(s))).toEqual(FOUND);
    expect((proxy.calls().AssumeRoleWithWebIdentity ?? 0) - assumedBefore).toBe(2);
    expect(lines(s.stdout)).toContain('2 of 2 accounts audited');
  });
});

describe('dist/cli.js with a fleet', () => {
  const cli = (format: string) =>
    runChild(
      node24,
      [
        cliBundle,
        '--accounts',
        `${A} ${B}`,
        '--role-name',
        ROLE,
        '--include-root',
        'false',
        '--format',
        format,
        '--sarif-file',
        join(dir, `cli-${format}.sarif`),
      ],
      {
        cwd: dir,
        env: { ...baseEnv(dir), AWS_ENDPOINT_URL: proxy.endpoint, ...oidc.env() },
      },
    );

  it('prints each account, and the findings with their account', async () => {
    const exit = await cli('table');
    expect(exit.status).toBe(1);
    const out = lines(exit.stdout);
    expect(out.filter((l) => l.startsWith('Account:'))).toEqual([
      `Account: ${A} (aws), 2 principal(s)`,
      `Account: ${B} (aws), 3 principal(s)`,
    ]);
    const header = out.findIndex((l) => l.startsWith('SEVERITY'));
    expect(out[header]?.split(/\s{2,}/)).toEqual([
      'SEVERITY',
      'RULE',
      'ACCOUNT',
      'USER',
      'LAST SIGN-IN',
      'TO DO',
      'ARN',
    ]);
    const rows = out.slice(header + 1, header + 4).map((l) => l.split(/\s{2,}/));
    expect(rows.map((r) => `${r[2] ?? ''} ${r[1] ?? ''} ${r[3] ?? ''}`).sort()).toEqual(FOUND);
    // progress lines go to stderr, labelled with their account
    expect(lines(exit.stderr)).toEqual(
      expect.arrayContaining([
        `[${A}] Requesting the IAM credential report…`,
        '2 of 2 accounts audited',
      ]),
    );
  });

  it('gives scripts each account in JSON, and never the OIDC token', async () => {
    const exit = await cli('json');
    expect(exit.stdout + exit.stderr).not.toContain(oidc.token);
    const json = JSON.parse(exit.stdout) as {
      accounts: { accountId: string; findings: { arn: string }[] }[];
    };
    expect(json.accounts.map((a) => a.accountId)).toEqual([A, B]);
    expect(json.accounts.flatMap((a) => a.findings.map((f) => f.arn)).sort()).toEqual([
      `arn:aws:iam::${A}:user/ann`,
      `arn:aws:iam::${B}:user/ben`,
      `arn:aws:iam::${B}:user/bo`,
    ]);
  });
});

describe('a fleet without an OIDC token', () => {
  it('stops before any AWS call with one line, instead of failing every account', async () => {
    const calls = proxy.calls().AssumeRoleWithWebIdentity ?? 0;
    const s = await step(
      { accounts: `${A}\n${B}`, 'role-name': ROLE },
      { ACTIONS_ID_TOKEN_REQUEST_URL: '', ACTIONS_ID_TOKEN_REQUEST_TOKEN: '' },
    );
    expect(s.status).toBe(1);
    expect(lines(s.stdout).filter((l) => l.startsWith('::error::'))).toEqual([
      '::error::accounts is set but GitHub offered no OIDC token: add `permissions: id-token: write` to the workflow or job (a pull request from a fork never gets one).',
    ]);
    expect(s.outputs).toEqual({ result: 'error' });
    expect(existsSync(s.sarifFile)).toBe(false);
    expect(proxy.calls().AssumeRoleWithWebIdentity ?? 0).toBe(calls);
  });
});

describe('organization discovery', () => {
  let created: string[];
  let unit: string;

  beforeAll(async () => {
    const org = new OrganizationsClient({
      region: 'us-east-1',
      endpoint: moto.endpoint,
      credentials: TEST_CREDENTIALS,
    });
    await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    created = [];
    for (const name of ['dev', 'prod']) {
      const answer = await org.send(
        new CreateAccountCommand({ AccountName: name, Email: `${name}@example.com` }),
      );
      const id = answer.CreateAccountStatus?.AccountId;
      if (id === undefined) throw new Error('moto created no account');
      created.push(id);
      await seed(id, [{ name: `${name}-admin`, consolePassword: true }]);
    }
    const root = (await org.send(new ListRootsCommand({}))).Roots?.[0]?.Id ?? '';
    unit =
      (await org.send(new CreateOrganizationalUnitCommand({ ParentId: root, Name: 'production' })))
        .OrganizationalUnit?.Id ?? '';
    await org.send(
      new MoveAccountCommand({
        AccountId: created[1],
        SourceParentId: root,
        DestinationParentId: unit,
      }),
    );
    // A closed account stays listed, SUSPENDED: it is not audited.
    const closed = await org.send(
      new CreateAccountCommand({ AccountName: 'old', Email: 'old@example.com' }),
    );
    await org.send(
      new CloseAccountCommand({ AccountId: closed.CreateAccountStatus?.AccountId ?? '' }),
    );
    // The management account (moto's default) is an account of the organization too.
    await seed(MOTO_DEFAULT_ACCOUNT, [{ name: 'mgmt-admin', consolePassword: true }]);
  }, 120_000);

  const organizationRole = `arn:aws:iam::${MOTO_DEFAULT_ACCOUNT}:role/${ROLE}`;

  it('audits every ACTIVE account of the organization through role-name, and no closed one', async () => {
    const s = await step({ 'organization-role': organizationRole, 'role-name': ROLE });
    const all = [MOTO_DEFAULT_ACCOUNT, ...created].sort();
    expect(s.stderr).toBe('');
    expect(s.outputs).toMatchObject({
      accounts: JSON.stringify(all),
      'accounts-audited': String(all.length),
      'not-assessed': '0',
    });
    expect(resultKeys(sarifOf(s))).toEqual(
      [
        `${MOTO_DEFAULT_ACCOUNT} aws-iam-002 mgmt-admin`,
        `${created[0] ?? ''} aws-iam-002 dev-admin`,
        `${created[1] ?? ''} aws-iam-002 prod-admin`,
      ].sort(),
    );
  });

  it('audits only the accounts under an organizational unit, and fails closed on an id that is no account of it', async () => {
    const s = await step({
      'organization-role': organizationRole,
      'role-name': ROLE,
      'account-filter': `${unit}\n999999999999`,
    });
    expect(s.status).toBe(1);
    expect(s.outputs).toMatchObject({
      accounts: JSON.stringify([created[1], '999999999999']),
      'accounts-audited': '1',
      'not-assessed': '1',
    });
    expect(resultKeys(sarifOf(s))).toEqual([`${created[1] ?? ''} aws-iam-002 prod-admin`]);
    expect(s.summary).toContain(
      'account-filter names 999999999999, which is not an ACTIVE account of the organization',
    );
  });

  it('lists the accounts for a matrix with discover-only, and audits none', async () => {
    const s = await step({
      'organization-role': organizationRole,
      'role-name': ROLE,
      'discover-only': 'true',
    });
    expect(s.status).toBe(0);
    expect(s.outputs).toEqual({
      accounts: JSON.stringify([MOTO_DEFAULT_ACCOUNT, ...created].sort()),
      'accounts-audited': '0',
    });
    expect(JSON.parse(s.outputs.accounts ?? '')).toHaveLength(3);
    expect(existsSync(s.sarifFile)).toBe(false);
    expect(lines(s.summary)[0]).toBe('## 🔎 IAM MFA audit: 3 accounts to audit');
  });

  it('stops discover-only with one line when account-filter names no account of the organization', async () => {
    const s = await step({
      'organization-role': organizationRole,
      'role-name': ROLE,
      'account-filter': '999999999999',
      'discover-only': 'true',
    });
    expect(s.status).toBe(1);
    expect(lines(s.stdout).filter((l) => l.startsWith('::error::'))).toEqual([
      '::error::account-filter names 999999999999, which is not an ACTIVE account of the organization.',
    ]);
    expect(s.outputs).toEqual({ result: 'error' });
  });
});

describe('an organization whose listing never ends', () => {
  it('stops at a ListAccounts NextToken it was given before, with one line, and audits nothing', async () => {
    proxy.setPlan({
      respond: (action, body, key, headers) =>
        action === 'ListAccounts'
          ? {
              status: 200,
              headers: JSON_11,
              body: JSON.stringify({ Accounts: [], NextToken: 'again' }),
            }
          : refuseC(action, body, key, headers),
    });
    proxy.resetCounts();
    try {
      const s = await step({
        'organization-role': `arn:aws:iam::${MOTO_DEFAULT_ACCOUNT}:role/${ROLE}`,
        'role-name': ROLE,
      });
      expect(proxy.calls().ListAccounts).toBe(2);
      expect(s.status).toBe(1);
      expect(s.outputs).toEqual({ result: 'error' });
      expect(lines(s.stdout).filter((l) => l.startsWith('::error::'))).toEqual([
        expect.stringContaining(
          'organizations:ListAccounts gave the same page token twice; its listing would never end',
        ),
      ]);
    } finally {
      proxy.setPlan({ respond: refuseC });
    }
  });
});

describe('fleet inputs that are not accepted', () => {
  const bad: [string, Record<string, string>, string][] = [
    [
      'accounts without role-name',
      { accounts: A },
      'input accounts needs input role-name: the role to assume in each account.',
    ],
    [
      'a malformed account id, by its line',
      { accounts: `${A}\n12345`, 'role-name': ROLE },
      'input accounts, line 2: "12345" is not accepted; use an account id of 12 digits, one per line.',
    ],
    [
      'an account listed twice',
      { accounts: `${A}\n\n${A}`, 'role-name': ROLE },
      `input accounts, line 3: ${A} is listed twice; list each once.`,
    ],
    [
      'role-name alone',
      { 'role-name': ROLE },
      'input role-name needs input accounts or input organization-role: the accounts to assume it in.',
    ],
    [
      'accounts and role-to-assume',
      { accounts: A, 'role-name': ROLE, 'role-to-assume': roleIn(B) },
      'input role-to-assume and input accounts contradict each other: accounts are audited through role-name in each; set only one of them.',
    ],
    [
      'accounts and organization-role',
      { accounts: A, 'role-name': ROLE, 'organization-role': roleIn(B) },
      'input accounts and input organization-role contradict each other: the accounts are either listed or discovered; set only one of them.',
    ],
    [
      'account-filter without organization-role',
      { 'account-filter': A },
      'input account-filter needs input organization-role: it filters the accounts of an organization.',
    ],
    [
      'discover-only without organization-role',
      { 'discover-only': 'true' },
      'input discover-only true needs input organization-role: it lists the accounts of an organization.',
    ],
    [
      'roles of two partitions',
      { 'role-to-assume': `${roleIn(A)}\narn:aws-us-gov:iam::${B}:role/${ROLE}` },
      'input role-to-assume: the roles are in aws and aws-us-gov; one run audits one partition, so list the roles of each partition in a run of its own.',
    ],
    [
      'two roles of one account',
      { 'role-to-assume': `${roleIn(A)}\narn:aws:iam::${A}:role/other` },
      `input role-to-assume: two roles are in account ${A}; list one role per account.`,
    ],
    [
      'a bad role ARN on line 2',
      { 'role-to-assume': `${roleIn(A)}\narn:aws:iam::${B}:user/x` },
      `input role-to-assume, line 2: "arn:aws:iam::${B}:user/x" is not accepted; use a role ARN such as arn:aws:iam::123456789012:role/NAME, one per line.`,
    ],
    [
      'a bad filter entry',
      { 'organization-role': roleIn(A), 'role-name': ROLE, 'account-filter': 'ou-x' },
      'input account-filter, line 1: "ou-x" is not accepted; use an account id (12 digits), an organizational unit id (ou-…) or the root id (r-…), one per line.',
    ],
    [
      'max-parallel-accounts 0',
      { 'max-parallel-accounts': '0' },
      'input max-parallel-accounts: "0" is not accepted; use a whole number from 1 to 32.',
    ],
  ];

  it.each(bad)('%s: one line, no AWS call', (_name, inputs, message) => {
    const work = join(dir, `bad-${steps++}`);
    mkdirSync(work);
    const s = runAction(work, { ...inputs, 'sarif-file': join(work, 'audit.sarif') });
    expect(s.status).toBe(1);
    expect(lines(s.stdout).filter((l) => l.startsWith('::error::'))).toEqual([
      `::error::${message}`,
    ]);
    expect(s.outputs).toEqual({ result: 'error' });
  });
});
