/**
 * Root as AWS sees it, and MFA judged device by device, through the built entries against
 * moto. What moto cannot model is answered by the proxy in AWS's shape: root's flags in
 * GetAccountSummary (moto always says no MFA and leaves the password out), a virtual device
 * assigned to root (moto assigns devices to users only), and ListOrganizationsFeatures (moto
 * does not implement it). The organization itself, and which account manages it, is moto's.
 */
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateRoleCommand, EnableMFADeviceCommand, type IAMClient } from '@aws-sdk/client-iam';
import {
  CreateAccountCommand,
  CreateOrganizationCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aRootRow, aRow, repoRoot, reportCsv } from '../fixtures.js';
import { awsEnv, iamClient, MOTO_DEFAULT_ACCOUNT, TEST_CREDENTIALS } from '../support/aws-env.js';
import {
  accountSummaryXml,
  awsErrorXml,
  organizationsFeaturesXml,
  startFaultProxy,
  virtualMfaDevicesXml,
  type CannedResponse,
  type FaultProxy,
} from '../support/fault-proxy.js';
import { startMoto, type MotoServer } from '../support/moto.js';
import { startOidcServer, type OidcServer } from '../support/oidc-server.js';
import { seedAccount } from '../support/seed.js';
import { cliBundle, node24 } from '../runner.js';
import { onlyRun, parseSarif } from '../sarif-validation.js';
import { baseEnv, runActionStep, runChild, type ActionStep } from './live-helpers.js';

const M = MOTO_DEFAULT_ACCOUNT;
const ROLE = 'iam-mfa-audit';
const WORKFLOW = '.github/workflows/iam-mfa-audit.yml';

let moto: MotoServer;
let oidc: OidcServer;
let proxy: FaultProxy;
let dir: string;
/** A member account of the organization M manages. */
let A: string;
let organizationId: string;

/** A SARIF result as these tests read it: rule, principal, level and message. */
interface Result {
  readonly rule: string;
  readonly principal: string;
  readonly severity: unknown;
  readonly message: string;
}

function resultsOf(sarifFile: string): Result[] {
  return onlyRun(parseSarif(readFileSync(sarifFile, 'utf8'))).results.map((r) => ({
    rule: r.ruleId ?? '',
    principal: r.locations?.[0]?.logicalLocations?.[0]?.name ?? '',
    severity: r.properties?.severity as unknown,
    message: r.message.text ?? '',
  }));
}

/** Answers the proxy gives for what moto cannot model; anything else goes to moto. */
function answering(answers: Readonly<Record<string, () => CannedResponse>>): void {
  proxy.setPlan({ respond: (action) => answers[action]?.() });
}

const ok = (body: string) => (): CannedResponse => ({ status: 200, body });
const PASSWORDLESS_ROOT = ok(accountSummaryXml({ mfa: false, password: false, accessKeys: false }));
const ROOT_WITH_MFA = ok(accountSummaryXml({ mfa: true, password: true, accessKeys: false }));
const NOT_MANAGEMENT = (): CannedResponse => ({
  status: 400,
  body: awsErrorXml(
    'AccountNotManagementOrDelegatedAdministratorException',
    'The request was rejected because the account making the request is not the management account or delegated administrator account for centralized root access.',
  ),
});

beforeAll(async () => {
  [moto, oidc] = await Promise.all([startMoto(), startOidcServer()]);
  proxy = await startFaultProxy(moto.endpoint);
  dir = await mkdtemp(join(tmpdir(), 'root-and-devices-'));
  const organizations = new OrganizationsClient({
    region: 'us-east-1',
    endpoint: moto.endpoint,
    credentials: TEST_CREDENTIALS,
  });
  organizationId =
    (await organizations.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }))).Organization
      ?.Id ?? '';
  A =
    (
      await organizations.send(
        new CreateAccountCommand({ AccountName: 'member', Email: 'member@example.com' }),
      )
    ).CreateAccountStatus?.AccountId ?? '';
  for (const account of [M, A]) {
    const iam = iamClient(moto.endpoint, TEST_CREDENTIALS, { accountId: account });
    const trust = readFileSync(join(repoRoot, 'examples', 'trust-policy.json'), 'utf8').replaceAll(
      '111122223333',
      account,
    );
    await iam.send(new CreateRoleCommand({ RoleName: ROLE, AssumeRolePolicyDocument: trust }));
  }
  await mkdir(join(dir, 'workspace', '.github', 'workflows'), { recursive: true });
  await writeFile(join(dir, 'workspace', WORKFLOW), 'name: x\non: push\njobs: {}\n');
}, 60_000);

afterAll(async () => {
  await Promise.all([proxy.stop(), oidc.stop(), moto.stop()]);
  await rm(dir, { recursive: true, force: true });
});

let steps = 0;
/** dist/index.js as the runner runs it, signed in with GitHub's OIDC token. */
function step(inputs: Record<string, string>): Promise<ActionStep> {
  steps += 1;
  return runActionStep({
    stepDir: join(dir, `step-${steps}`),
    workspace: join(dir, 'workspace'),
    workflow: WORKFLOW,
    inputs,
    env: { AWS_ENDPOINT_URL: proxy.endpoint, ...oidc.env() },
  });
}

const roleIn = (account: string): string => `arn:aws:iam::${account}:role/${ROLE}`;

/** dist/cli.js with moto's default account's ambient keys, through the proxy. */
async function cli(args: readonly string[]): Promise<{ status: number | null; sarifFile: string }> {
  steps += 1;
  const sarifFile = join(dir, `cli-${steps}.sarif`);
  const exit = await runChild(node24, [cliBundle, '--sarif-file', sarifFile, ...args], {
    cwd: dir,
    env: { ...baseEnv(dir), ...awsEnv(proxy.endpoint) },
  });
  if (exit.status === 2) throw new Error(`dist/cli.js stopped: ${exit.stderr}`);
  return { status: exit.status, sarifFile };
}

describe('require-phishing-resistant-mfa: every device counts', () => {
  let iam: IAMClient;

  beforeAll(async () => {
    iam = iamClient(moto.endpoint);
    await seedAccount(iam, [
      { name: 'keyed', consolePassword: true },
      { name: 'key-and-app', consolePassword: true, mfa: 'virtual' },
    ]);
    for (const user of ['keyed', 'key-and-app']) {
      await iam.send(
        new EnableMFADeviceCommand({
          UserName: user,
          SerialNumber: `arn:aws:iam::${M}:u2f/user/${user}/yubikey-7QX2`,
          AuthenticationCode1: '123456',
          AuthenticationCode2: '654321',
        }),
      );
    }
  });

  it('reports a user with a security key and an authenticator app, naming the app to remove', async () => {
    answering({ GetAccountSummary: ROOT_WITH_MFA });
    const run = await cli(['--require-phishing-resistant-mfa', 'true', '--fail-on', 'medium']);
    expect(run.status).toBe(1);
    const found = resultsOf(run.sarifFile).filter((r) => r.principal === 'key-and-app');
    expect(found).toEqual([
      {
        rule: 'aws-iam-mfa-phishing-resistant',
        principal: 'key-and-app',
        severity: 'medium',
        message: `IAM user key-and-app in AWS account ${M} has a security key or passkey, but also authenticator app arn:aws:iam::${M}:mfa/key-and-app: AWS accepts any one of its devices at sign-in, so a one-time code can still be phished. Fix: deactivate the authenticator app arn:aws:iam::${M}:mfa/key-and-app: the security key or passkey stays.`,
      },
    ]);
    expect(resultsOf(run.sarifFile).map((r) => r.principal)).not.toContain('keyed');
    const sarif = onlyRun(parseSarif(readFileSync(run.sarifFile, 'utf8')));
    expect(
      sarif.results.find((r) => r.ruleId === 'aws-iam-mfa-phishing-resistant')?.properties,
    ).toMatchObject({
      fix: 'remove-phishable-mfa',
      fixCommand: `aws iam deactivate-mfa-device --user-name key-and-app --serial-number arn:aws:iam::${M}:mfa/key-and-app`,
    });
  });

  it('reports a root whose MFA is a virtual device assigned to it', async () => {
    const serial = `arn:aws:iam::${M}:mfa/root-phone`;
    answering({
      GetAccountSummary: ROOT_WITH_MFA,
      ListVirtualMFADevices: ok(
        virtualMfaDevicesXml([
          { serial, assignedTo: `arn:aws:iam::${M}:root` },
          {
            serial: `arn:aws:iam::${M}:mfa/key-and-app`,
            assignedTo: `arn:aws:iam::${M}:user/key-and-app`,
          },
        ]),
      ),
    });
    const run = await cli(['--require-phishing-resistant-mfa', 'true']);
    const root = resultsOf(run.sarifFile).filter((r) => r.principal === 'root');
    expect(root).toEqual([
      {
        rule: 'aws-iam-mfa-phishing-resistant',
        principal: 'root',
        severity: 'medium',
        message: `The root user in AWS account ${M} signs in with MFA that can be phished (authenticator app ${serial}) and has no security key or passkey. Fix: sign in as root, register a security key or passkey (Security credentials), then remove the authenticator app ${serial}.`,
      },
    ]);
  });

  it('passes a root whose MFA is not virtual, as Security Hub IAM.6 does', async () => {
    // moto's own ListVirtualMFADevices: the users' devices, none assigned to root.
    answering({ GetAccountSummary: ROOT_WITH_MFA });
    const run = await cli(['--require-phishing-resistant-mfa', 'true']);
    expect(resultsOf(run.sarifFile).map((r) => r.principal)).not.toContain('root');
    expect(proxy.calls().ListVirtualMFADevices).toBeGreaterThan(0);
  });
});

describe('a root with no password, no access keys and no MFA', () => {
  it('is a medium finding in an account that cannot confirm central management, saying why', async () => {
    answering({ GetAccountSummary: PASSWORDLESS_ROOT, ListOrganizationsFeatures: NOT_MANAGEMENT });
    const s = await step({ 'role-to-assume': roleIn(A), 'fail-on': 'medium' });
    expect(s.status).toBe(1);
    const root = resultsOf(s.sarifFile).filter((r) => r.principal === 'root');
    expect(root.map((r) => [r.rule, r.severity])).toEqual([['aws-iam-001', 'medium']]);
    expect(root[0]?.message).toContain(
      `The root user in AWS account ${A} has no password, no access keys and no MFA: it cannot sign in now, but a password can be recovered by email unless AWS Organizations manages root credentials centrally (not confirmed: iam:ListOrganizationsFeatures: AccountNotManagementOrDelegatedAdministratorException: The request was rejected`,
    );
    expect(s.summary).toContain(
      'central management of root credentials by AWS Organizations is not confirmed',
    );
  });

  it('is no finding in a member account whose organization manages root credentials, and says so', async () => {
    // Read in the account itself (IAM's delegated administrator may); the management account
    // is moto's organization's.
    answering({
      GetAccountSummary: PASSWORDLESS_ROOT,
      ListOrganizationsFeatures: ok(
        organizationsFeaturesXml(organizationId, ['RootCredentialsManagement', 'RootSessions']),
      ),
    });
    const s = await step({ 'role-to-assume': roleIn(A), 'fail-on': 'low' });
    expect(s.status).toBe(0);
    expect(resultsOf(s.sarifFile)).toEqual([]);
    expect(s.summary).toContain(
      `AWS Organizations (${organizationId}) manages the root credentials of this member account centrally`,
    );
    expect(proxy.calls().DescribeOrganization).toBeGreaterThan(0);
  });

  it("stays a finding in the organization's management account, whose root central management does not cover", async () => {
    answering({
      GetAccountSummary: PASSWORDLESS_ROOT,
      ListOrganizationsFeatures: ok(
        organizationsFeaturesXml(organizationId, ['RootCredentialsManagement']),
      ),
    });
    const s = await step({ 'role-to-assume': roleIn(M), 'fail-on': 'medium' });
    expect(s.status).toBe(1);
    expect(resultsOf(s.sarifFile).find((r) => r.principal === 'root')?.message).toContain(
      `(not confirmed: ${M} is the management account of ${organizationId}, whose own root central management does not cover)`,
    );
  });

  it('is no finding in a fleet whose organization role confirms central management', async () => {
    answering({
      GetAccountSummary: PASSWORDLESS_ROOT,
      ListOrganizationsFeatures: ok(
        organizationsFeaturesXml(organizationId, ['RootCredentialsManagement']),
      ),
    });
    const s = await step({
      'organization-role': roleIn(M),
      'role-name': ROLE,
      'account-filter': A,
      'fail-on': 'low',
    });
    expect(s.outputs).toMatchObject({ accounts: JSON.stringify([A]), result: 'pass' });
    expect(resultsOf(s.sarifFile)).toEqual([]);
    expect(s.summary).toContain(`manages the root credentials of this member account centrally`);
  });
});

describe("root's access keys", () => {
  it('are named from a report row, whatever its password state says', async () => {
    const report = join(dir, 'root-keys.csv');
    await writeFile(
      report,
      reportCsv([
        aRootRow({ access_key_1_active: 'true' }),
        aRow({ user: 'bob', mfa_active: 'true' }),
      ]),
    );
    const run = await cli(['--credential-report', report]);
    expect(run.status).toBe(1);
    expect(resultsOf(run.sarifFile).map((r) => [r.rule, r.severity, r.message])).toEqual([
      [
        'aws-iam-001',
        'critical',
        'The root user in AWS account 111122223333 has no active MFA device. Its access keys are active and give full control of the account without MFA: delete them (CIS "no root access key"). Fix: sign in as root and assign an MFA device, preferably a security key (Security credentials), and delete its access keys.',
      ],
    ]);
  });
});
