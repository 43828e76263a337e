/**
 * A cached credential report brought up to date, through dist/cli.js against moto, with
 * LookupEvents served by the proxy's event history in CloudTrail's shape (eventSource,
 * errorCode, userIdentity in the full record). The users are those iam:ListUsers lists now;
 * events only say whose password or MFA to read again; no event drops a user or renews a
 * grace period. Each account state is also audited user by user (and, where it can be, from a
 * fresh report and a report file): the verdicts must be the same.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateLoginProfileCommand,
  CreateUserCommand,
  DeactivateMFADeviceCommand,
  DeleteLoginProfileCommand,
  DeleteUserCommand,
  UpdateUserCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { awsEnv, iamClient } from '../support/aws-env.js';
import {
  accessDenied,
  cachedReportAnswers,
  generateReportXml,
  reportWithCreationTimes,
  startFaultProxy,
  type FaultPlan,
  type FaultProxy,
} from '../support/fault-proxy.js';
import { startMoto, type MotoServer } from '../support/moto.js';
import { currentReport, SEED_PASSWORD, seedAccount, type SeedUser } from '../support/seed.js';
import { cliBundle, node24 } from '../runner.js';
import { onlyRun, parseSarif } from '../sarif-validation.js';
import { ACCOUNT, baseEnv, oneAccountJson, runChild, userArn } from './live-helpers.js';

/** What dist/cli.js --format json prints, as far as these tests read it. */
interface CliJson {
  readonly source: { readonly kind: string; readonly reason?: string };
  readonly verification: null | {
    readonly listed: number;
    readonly readLive: number;
    readonly createdSince: number;
    readonly deletedSince: number;
    readonly eventsIgnored: number;
    readonly changesUntil: string;
    readonly changesCertainUntil: string;
  };
  readonly verdict: { readonly result: string; readonly counted: number };
  readonly findings: readonly {
    readonly rule: string;
    readonly severity: string;
    readonly arn: string;
    readonly graceUntil: string | null;
  }[];
  readonly notAssessed: readonly unknown[];
}

interface CliRun {
  readonly status: number | null;
  readonly stderr: string;
  readonly json: CliJson;
  readonly sarifFile: string;
}

/** ListUsers paged as IAM pages it (moto answers every user at once), one user a page. */
const AS_IAM_PAGES = { listUsersPageSize: 1 } as const;

/** Long ago: a user created then is past any grace period. */
const YEARS_AGO = new Date('2020-03-01T09:00:00Z');

let moto: MotoServer;
let iam: IAMClient;
let proxy: FaultProxy;
let dir: string;
let runs = 0;

beforeAll(async () => {
  moto = await startMoto();
  iam = iamClient(moto.endpoint);
});

afterAll(async () => {
  await moto.stop();
});

beforeEach(async () => {
  await moto.reset();
  proxy = await startFaultProxy(moto.endpoint);
  dir = await mkdtemp(join(tmpdir(), 'cached-report-'));
});

afterEach(async () => {
  await proxy.stop();
  await rm(dir, { recursive: true, force: true });
});

/** The CSV moto's GetCredentialReport returns now. */
const reportNow = (): Promise<string> => currentReport(iam);

/** AWS hands back `csv` as the report it generated 2 hours ago, from its cache. */
const cachedReport = (csv: string): NonNullable<FaultPlan['respond']> =>
  cachedReportAnswers(csv, new Date(Date.now() - 2 * 3_600_000));

/** The report is denied: users are read one by one. */
const perUser: NonNullable<FaultPlan['respond']> = (action) =>
  action === 'GenerateCredentialReport' ? accessDenied() : undefined;

/** dist/cli.js with ambient keys, through the proxy, its outcome as JSON. */
async function cli(args: readonly string[] = []): Promise<CliRun> {
  runs += 1;
  const sarifFile = join(dir, `audit-${runs}.sarif`);
  const exit = await runChild(
    node24,
    [cliBundle, '--format', 'json', '--sarif-file', sarifFile, '--include-root', 'false', ...args],
    { cwd: dir, env: { ...baseEnv(dir), ...awsEnv(proxy.endpoint) } },
  );
  let json: CliJson;
  try {
    json = oneAccountJson(exit.stdout) as CliJson;
  } catch {
    throw new Error(`dist/cli.js printed no JSON (exit ${exit.status}): ${exit.stderr}`);
  }
  return { status: exit.status, stderr: exit.stderr, json, sarifFile };
}

/** What two audits of one account state must agree on: each finding and its severity. */
const verdictOf = (run: CliRun) => ({
  status: run.status,
  result: run.json.verdict.result,
  counted: run.json.verdict.counted,
  findings: run.json.findings
    .map((f) => `${f.rule} ${f.arn} ${f.severity} ${f.graceUntil ?? 'no grace'}`)
    .sort(),
});

/** A seeded account whose users were created when `createdAt` says (else now). */
async function account(
  users: readonly SeedUser[],
  createdAt: ReadonlyMap<string, Date> = new Map(),
): Promise<void> {
  await seedAccount(iam, users);
  proxy.setPlan({ ...AS_IAM_PAGES, usersCreatedAt: createdAt });
}

/** Runs the cached-report audit, then the per-user one, and checks they agree. */
async function cachedAndPerUser(
  csv: string,
  createdAt: ReadonlyMap<string, Date>,
  args: readonly string[] = [],
): Promise<CliRun> {
  proxy.setPlan({ ...AS_IAM_PAGES, usersCreatedAt: createdAt, respond: cachedReport(csv) });
  const cached = await cli(args);
  expect(cached.json.source.kind).toBe('live-report');
  proxy.setPlan({ ...AS_IAM_PAGES, usersCreatedAt: createdAt, respond: perUser });
  const oneByOne = await cli(args);
  expect(oneByOne.json.source.kind).toBe('live-enumeration');
  expect(verdictOf(cached)).toEqual(verdictOf(oneByOne));
  return cached;
}

describe('an event proves only what it says', () => {
  it("keeps a user that another service's DeleteUser, or a failed one, names; and renews no grace", async () => {
    const old = new Map([['ghost', YEARS_AGO]]);
    await account(
      [
        { name: 'ghost', consolePassword: true },
        { name: 'kept', consolePassword: true, mfa: 'virtual' },
      ],
      old,
    );
    const csv = reportWithCreationTimes(await reportNow(), old);
    const admin = iamClient(proxy.endpoint);
    // A failed CreateUser (the user exists), recorded by CloudTrail with its error code.
    await expect(admin.send(new CreateUserCommand({ UserName: 'ghost' }))).rejects.toMatchObject({
      name: 'EntityAlreadyExistsException',
    });
    // A failed MFA change of kept: nothing changed.
    await expect(
      admin.send(
        new DeactivateMFADeviceCommand({ UserName: 'kept', SerialNumber: 'arn:aws:iam::1:mfa/x' }),
      ),
    ).rejects.toThrow();
    // QuickSight's and Transfer Family's users of the same name, and a denied IAM DeleteUser.
    proxy.history.record('DeleteUser', 'ghost', { source: 'quicksight.amazonaws.com' });
    proxy.history.record('CreateUser', 'ghost', { source: 'transfer.amazonaws.com' });
    proxy.history.record('DeleteUser', 'ghost', { errorCode: 'DeleteConflict' });
    proxy.history.record('DeleteLoginProfile', 'ghost', { source: 'transfer.amazonaws.com' });
    expect(proxy.history.recorded().map((e) => [e.eventName, e.shape.errorCode])).toEqual([
      ['CreateUser', 'EntityAlreadyExists'],
      ['DeactivateMFADevice', expect.any(String)],
      ['DeleteUser', undefined],
      ['CreateUser', undefined],
      ['DeleteUser', 'DeleteConflict'],
      ['DeleteLoginProfile', undefined],
    ]);

    const run = await cachedAndPerUser(csv, old, ['--grace-period-hours', '24']);
    expect(run.status).toBe(1);
    expect(verdictOf(run).findings).toEqual([`aws-iam-002 ${userArn('ghost')} high no grace`]);
    expect(run.json.verification).toMatchObject({
      listed: 2,
      readLive: 0,
      createdSince: 0,
      deletedSince: 0,
      // the failed MFA change and Transfer Family's DeleteLoginProfile
      eventsIgnored: 2,
    });
  });
});

describe('users as iam:ListUsers lists them now', () => {
  it('finds a renamed or moved user under its new name, with or without an UpdateUser event', async () => {
    await account([
      { name: 'alice', consolePassword: true, mfa: 'virtual' },
      { name: 'bob', consolePassword: true, mfa: 'virtual' },
    ]);
    const csv = await reportNow();
    const admin = iamClient(proxy.endpoint);
    for (const name of ['alice', 'bob']) {
      await admin.send(
        new DeactivateMFADeviceCommand({
          UserName: name,
          SerialNumber: `arn:aws:iam::${ACCOUNT}:mfa/${name}`,
        }),
      );
    }
    // alice's rename reaches CloudTrail; bob's is not delivered yet (made on moto directly).
    await admin.send(
      new UpdateUserCommand({ UserName: 'alice', NewUserName: 'alicia', NewPath: '/moved/' }),
    );
    await iam.send(new UpdateUserCommand({ UserName: 'bob', NewUserName: 'robert' }));
    expect(proxy.history.recorded().at(-1)).toMatchObject({
      eventName: 'UpdateUser',
      userName: 'alice',
      shape: { parameters: { newUserName: 'alicia', newPath: '/moved/' } },
    });

    const run = await cachedAndPerUser(csv, new Map());
    expect(verdictOf(run).findings).toEqual([
      `aws-iam-002 ${userArn('alicia', '/moved/')} high no grace`,
      `aws-iam-002 ${userArn('robert')} high no grace`,
    ]);
    expect(run.json.verification).toMatchObject({
      listed: 2,
      readLive: 2,
      createdSince: 2,
      deletedSince: 2,
    });
  });

  it('finds a user deleted and re-created in the same second', async () => {
    await account([{ name: 'sam', consolePassword: true, mfa: 'virtual' }]);
    // The report knew the first sam, created long ago, with MFA.
    const csv = reportWithCreationTimes(await reportNow(), new Map([['sam', YEARS_AGO]]));
    // Terraform replaces sam: the new one has a password and no MFA.
    await iam.send(
      new DeactivateMFADeviceCommand({
        UserName: 'sam',
        SerialNumber: `arn:aws:iam::${ACCOUNT}:mfa/sam`,
      }),
    );
    await iam.send(new DeleteLoginProfileCommand({ UserName: 'sam' }));
    await iam.send(new DeleteUserCommand({ UserName: 'sam' }));
    await iam.send(new CreateUserCommand({ UserName: 'sam' }));
    await iam.send(new CreateLoginProfileCommand({ UserName: 'sam', Password: SEED_PASSWORD }));
    // CloudTrail keeps whole seconds: every event of the replacement has the same time.
    const second = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
    for (const event of ['DeleteLoginProfile', 'DeleteUser', 'CreateUser', 'CreateLoginProfile']) {
      proxy.history.record(event, 'sam', { time: second });
    }

    const run = await cachedAndPerUser(csv, new Map());
    expect(verdictOf(run).findings).toEqual([`aws-iam-002 ${userArn('sam')} high no grace`]);
    expect(run.json.verification).toMatchObject({ listed: 1, readLive: 1, createdSince: 1 });
  });

  it('finds a user created after the last event CloudTrail delivered, and states the window', async () => {
    await account([{ name: 'early', consolePassword: true, mfa: 'virtual' }]);
    const csv = await reportNow();
    // Created and given a password minutes ago: CloudTrail has not delivered those events.
    await iam.send(new CreateUserCommand({ UserName: 'latecomer' }));
    await iam.send(
      new CreateLoginProfileCommand({ UserName: 'latecomer', Password: SEED_PASSWORD }),
    );
    expect(proxy.history.recorded()).toEqual([]);

    const run = await cachedAndPerUser(csv, new Map());
    expect(verdictOf(run).findings).toEqual([`aws-iam-002 ${userArn('latecomer')} high no grace`]);
    const verification = run.json.verification;
    expect(verification).toMatchObject({ listed: 2, readLive: 1, createdSince: 1 });
    // Changes made in the last 15 minutes may not have been delivered yet: said, not hidden.
    expect(
      Date.parse(verification?.changesUntil ?? '') -
        Date.parse(verification?.changesCertainUntil ?? ''),
    ).toBe(15 * 60_000);
    const sarif = onlyRun(parseSarif(readFileSync(run.sarifFile, 'utf8')));
    expect(sarif.properties).toMatchObject({
      source: 'live-report',
      changesCertainUntil: verification?.changesCertainUntil,
    });
  });
});

describe('a grace period that cannot be renewed', () => {
  it('gives none to an old user whose login profile was deleted and re-created', async () => {
    const old = new Map([['renewer', YEARS_AGO]]);
    await account([{ name: 'renewer', consolePassword: true }], old);
    const csv = reportWithCreationTimes(await reportNow(), old);
    const admin = iamClient(proxy.endpoint);
    await admin.send(new DeleteLoginProfileCommand({ UserName: 'renewer' }));
    await admin.send(
      new CreateLoginProfileCommand({ UserName: 'renewer', Password: SEED_PASSWORD }),
    );

    const run = await cachedAndPerUser(csv, old, ['--grace-period-hours', '24']);
    expect(run.status).toBe(1);
    expect(verdictOf(run).findings).toEqual([`aws-iam-002 ${userArn('renewer')} high no grace`]);
    expect(run.json.verification).toMatchObject({ readLive: 1 });
  });

  it('gives the same verdict on all four paths to an old user given a password, and a new one', async () => {
    const old = new Map([['veteran', YEARS_AGO]]);
    await account(
      [
        { name: 'veteran' },
        { name: 'newbie', consolePassword: true },
        { name: 'vera', consolePassword: true, mfa: 'virtual' },
      ],
      old,
    );
    const before = reportWithCreationTimes(await reportNow(), old);
    await iamClient(proxy.endpoint).send(
      new CreateLoginProfileCommand({ UserName: 'veteran', Password: SEED_PASSWORD }),
    );
    const grace = ['--grace-period-hours', '24'];

    // 1. A fresh report: this run's GenerateCredentialReport starts one.
    let generated = false;
    proxy.setPlan({
      ...AS_IAM_PAGES,
      usersCreatedAt: old,
      respond: (action) => {
        if (action !== 'GenerateCredentialReport' || generated) return undefined;
        generated = true;
        return { status: 200, body: generateReportXml('STARTED') };
      },
    });
    const fresh = await cli(grace);
    expect(fresh.json.source).toMatchObject({ kind: 'live-report' });
    expect(fresh.json.verification).toBeNull();

    // 2. The report from before the password, cached; 3. user by user.
    const cached = await cachedAndPerUser(before, old, grace);

    // 4. The report as AWS writes it now, as a file.
    const file = join(dir, 'credential-report.csv');
    await writeFile(file, reportWithCreationTimes(await reportNow(), old));
    const offline = await cli([...grace, '--credential-report', file]);
    expect(offline.json.source.kind).toBe('report-file');

    const newbieGrace = fresh.json.findings.find((f) => f.arn === userArn('newbie'))?.graceUntil;
    expect(newbieGrace).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    for (const run of [fresh, cached, offline]) {
      expect(verdictOf(run)).toEqual({
        status: 1,
        result: 'fail',
        counted: 1,
        findings: [
          `aws-iam-002 ${userArn('newbie')} low ${newbieGrace ?? ''}`,
          `aws-iam-002 ${userArn('veteran')} high no grace`,
        ],
      });
    }
  });

  it('gives none to a user AWS says was created in the future, on the live paths', async () => {
    const future = new Map([['time-traveller', new Date('2099-01-01T00:00:00Z')]]);
    await account([{ name: 'time-traveller', consolePassword: true }], future);
    const csv = reportWithCreationTimes(await reportNow(), future);
    const run = await cachedAndPerUser(csv, future, ['--grace-period-hours', '24']);
    expect(run.status).toBe(1);
    expect(verdictOf(run).findings).toEqual([
      `aws-iam-002 ${userArn('time-traveller')} high no grace`,
    ]);
  });

  it('refuses a report file with a user created in the future, naming the line', async () => {
    const file = join(dir, 'future.csv');
    await account([{ name: 'now', consolePassword: true }]);
    const csv = reportWithCreationTimes(
      await reportNow(),
      new Map([['now', new Date('2099-01-01T00:00:00Z')]]),
    );
    await writeFile(file, csv);
    const exit = await runChild(
      node24,
      [cliBundle, '--credential-report', file, '--sarif-file', join(dir, 'future.sarif')],
      { cwd: dir, env: baseEnv(dir) },
    );
    expect(exit.status).toBe(2);
    expect(exit.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        new RegExp(
          `^iam-mfa-audit: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: line 2: column user_creation_time: "2099-01-01T00:00:00\\+00:00" is in the future \\(now is .+Z\\); a report lists users created before it was written$`,
        ),
      ),
    ]);
  });
});
