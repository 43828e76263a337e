/**
 * Proves the integration-test harness itself: moto comes up and is seeded through the real IAM
 * API, accounts are separate, the fault proxy forwards and injects, the OIDC endpoint answers.
 */
import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateUserCommand,
  GenerateCredentialReportCommand,
  GetCredentialReportCommand,
  GetLoginProfileCommand,
  GetUserCommand,
  ListMFADevicesCommand,
  ListUsersCommand,
  ListVirtualMFADevicesCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  awsEnv,
  iamClient,
  MOTO_DEFAULT_ACCOUNT,
  stsClient,
  TEST_CREDENTIALS,
} from '../support/aws-env.js';
import {
  awsErrorXml,
  credentialReportXml,
  startFaultProxy,
  type FaultProxy,
} from '../support/fault-proxy.js';
import { MOTO_MISSING_MESSAGE, startMoto, type MotoServer } from '../support/moto.js';
import { startOidcServer } from '../support/oidc-server.js';
import {
  bootstrapPolicyUser,
  deleteLoginProfile,
  hardwareSerial,
  seedAccount,
  setUserMfa,
  type SeedUser,
} from '../support/seed.js';
import { HEADER } from '../fixtures.js';

const USERS: SeedUser[] = [
  { name: 'alice', path: '/engineering/', consolePassword: true, mfa: 'virtual' },
  { name: 'bob', path: '/ops/', mfa: 'hardware' },
  { name: 'carol', consolePassword: true, mfa: 'none' },
];

/**
 * What an SDK call rejected with. The SDK names modeled errors by their exception class
 * (NoSuchEntityException) and keeps the wire code in `Code` (NoSuchEntity); unmodeled errors
 * (Throttling, AccessDenied) have name === Code. `code` is Node's (ECONNRESET).
 */
interface Failure {
  name: string;
  awsCode: string | undefined;
  message: string;
  status: number | undefined;
  code: string | undefined;
}

async function failure(promise: Promise<unknown>): Promise<Failure> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    const extra = error as Error & {
      $metadata?: { httpStatusCode?: number };
      Code?: string;
      code?: string;
    };
    return {
      name: error.name,
      awsCode: extra.Code,
      message: error.message,
      status: extra.$metadata?.httpStatusCode,
      code: extra.code,
    };
  }
  throw new Error('expected the call to fail');
}

/** Rows of moto's credential report as header-keyed records (moto's fields hold no commas). */
function parseReport(csv: string): { header: string[]; rows: Record<string, string>[] } {
  const [headerLine = '', ...lines] = csv.trim().split('\n');
  const header = headerLine.split(',');
  const rows = lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(header.map((column, i) => [column, cells[i] ?? '']));
  });
  return { header, rows };
}

function decodeJwtPart(part: string | undefined): Record<string, unknown> {
  return JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}

let moto: MotoServer;
let iam: IAMClient;

beforeAll(async () => {
  moto = await startMoto();
  iam = iamClient(moto.endpoint);
  await seedAccount(iam, USERS);
});

afterAll(async () => {
  await moto.stop();
});

describe('moto seeded through the IAM API', () => {
  it('lists the seeded users with their paths', async () => {
    const { Users = [] } = await iam.send(new ListUsersCommand({}));
    const byName = Object.fromEntries(Users.map((user) => [user.UserName ?? '', user]));
    expect(Object.keys(byName).sort()).toEqual(['alice', 'bob', 'carol']);
    expect(byName.alice?.Path).toBe('/engineering/');
    expect(byName.alice?.Arn).toBe(`arn:aws:iam::${MOTO_DEFAULT_ACCOUNT}:user/engineering/alice`);
    expect(byName.bob?.Path).toBe('/ops/');
    expect(byName.carol?.Path).toBe('/');
  });

  it('has login profiles only where seeded; absent is NoSuchEntityException (404)', async () => {
    const alice = await iam.send(new GetLoginProfileCommand({ UserName: 'alice' }));
    expect(alice.LoginProfile?.UserName).toBe('alice');
    const carol = await iam.send(new GetLoginProfileCommand({ UserName: 'carol' }));
    expect(carol.LoginProfile?.UserName).toBe('carol');
    const bob = await failure(iam.send(new GetLoginProfileCommand({ UserName: 'bob' })));
    expect(bob).toMatchObject({
      name: 'NoSuchEntityException',
      awsCode: 'NoSuchEntity',
      status: 404,
    });
  });

  it('lists MFA serials: a virtual ARN, a hardware serial that is not virtual, none', async () => {
    const serials = async (name: string): Promise<string[]> => {
      const { MFADevices = [] } = await iam.send(new ListMFADevicesCommand({ UserName: name }));
      return MFADevices.map((device) => device.SerialNumber ?? '');
    };
    expect(await serials('alice')).toEqual([`arn:aws:iam::${MOTO_DEFAULT_ACCOUNT}:mfa/alice`]);
    expect(await serials('bob')).toEqual([hardwareSerial('bob')]);
    expect(hardwareSerial('bob')).toMatch(/^GAHT[0-9A-F]{8}$/);
    expect(await serials('carol')).toEqual([]);

    const { VirtualMFADevices = [] } = await iam.send(new ListVirtualMFADevicesCommand({}));
    expect(VirtualMFADevices.map((device) => device.SerialNumber)).toEqual([
      `arn:aws:iam::${MOTO_DEFAULT_ACCOUNT}:mfa/alice`,
    ]);
  });

  it('generates a credential report with the 22 columns and the seeded state', async () => {
    const first = await iam.send(new GenerateCredentialReportCommand({}));
    expect(first.State).toBe('STARTED');
    const second = await iam.send(new GenerateCredentialReportCommand({}));
    expect(second.State).toBe('COMPLETE');

    const report = await iam.send(new GetCredentialReportCommand({}));
    expect(report.ReportFormat).toBe('text/csv');
    expect(report.GeneratedTime).toBeInstanceOf(Date);
    const { header, rows } = parseReport(Buffer.from(report.Content ?? []).toString('utf8'));
    expect(header).toEqual(HEADER);
    const state = Object.fromEntries(
      rows.map((row) => [row.user ?? '', `${row.password_enabled}/${row.mfa_active}`]),
    );
    // moto writes no <root_account> row.
    expect(state).toEqual({ alice: 'true/true', bob: 'false/true', carol: 'true/false' });
  });

  it('serves a separate, empty account per x-moto-account-id', async () => {
    const other = iamClient(moto.endpoint, TEST_CREDENTIALS, { accountId: '111111111111' });
    const { Users = [] } = await other.send(new ListUsersCommand({}));
    expect(Users).toEqual([]);
    expect(await failure(other.send(new GetCredentialReportCommand({})))).toMatchObject({
      name: 'CredentialReportNotPresentException',
      awsCode: 'ReportNotPresent',
      status: 410,
    });

    await other.send(new CreateUserCommand({ UserName: 'zed' }));
    const zed = await other.send(new GetUserCommand({ UserName: 'zed' }));
    expect(zed.User?.Arn).toBe('arn:aws:iam::111111111111:user/zed');
    expect(await failure(iam.send(new GetUserCommand({ UserName: 'zed' })))).toMatchObject({
      name: 'NoSuchEntityException',
      awsCode: 'NoSuchEntity',
    });

    const sts = stsClient(moto.endpoint, TEST_CREDENTIALS, { accountId: '111111111111' });
    expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe('111111111111');
  });

  it('changes state for "fixed since the report" scenarios', async () => {
    const serial = await setUserMfa(iam, 'carol', 'virtual');
    expect(serial).toBe(`arn:aws:iam::${MOTO_DEFAULT_ACCOUNT}:mfa/carol`);
    await deleteLoginProfile(iam, 'alice');
    expect(
      await failure(iam.send(new GetLoginProfileCommand({ UserName: 'alice' }))),
    ).toMatchObject({ name: 'NoSuchEntityException', awsCode: 'NoSuchEntity', status: 404 });
    const report = await iam.send(new GetCredentialReportCommand({}));
    const { rows } = parseReport(Buffer.from(report.Content ?? []).toString('utf8'));
    expect(rows.find((row) => row.user === 'carol')?.mfa_active).toBe('true');
    expect(rows.find((row) => row.user === 'alice')?.password_enabled).toBe('false');
  });

  it('builds the SDK environment for code under test', () => {
    expect(awsEnv(moto.endpoint, { AWS_ACCESS_KEY_ID: 'AKIAOTHER' })).toEqual({
      AWS_ENDPOINT_URL: moto.endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'AKIAOTHER',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      AWS_EC2_METADATA_DISABLED: 'true',
    });
  });
});

describe('fault proxy', () => {
  let proxy: FaultProxy;
  let viaProxy: IAMClient;

  beforeAll(async () => {
    proxy = await startFaultProxy(moto.endpoint, {});
    viaProxy = iamClient(proxy.endpoint);
  });

  afterAll(async () => {
    await proxy.stop();
  });

  it('forwards unchanged and counts by action', async () => {
    proxy.resetCounts();
    const { Users = [] } = await viaProxy.send(new ListUsersCommand({}));
    expect(Users.map((user) => user.UserName).sort()).toEqual(['alice', 'bob', 'carol']);
    await viaProxy.send(new GetUserCommand({ UserName: 'bob' }));
    await viaProxy.send(new GetUserCommand({ UserName: 'carol' }));
    expect(proxy.calls()).toEqual({ ListUsers: 1, GetUser: 2 });
    expect(proxy.faults()).toEqual({});
  });

  it('throttles only the chosen action', async () => {
    proxy.resetCounts();
    proxy.setPlan({ throttleRate: 1, onlyActions: ['GetLoginProfile'] });
    const throttled = await failure(
      viaProxy.send(new GetLoginProfileCommand({ UserName: 'carol' })),
    );
    expect(throttled).toMatchObject({
      name: 'Throttling',
      awsCode: 'Throttling',
      status: 400,
      message: 'Rate exceeded',
    });
    await viaProxy.send(new ListUsersCommand({}));
    expect(proxy.calls()).toEqual({ GetLoginProfile: 1, ListUsers: 1 });
    expect(proxy.faults()).toEqual({ throttle: 1 });
  });

  it('answers 500 InternalFailure and 503 ServiceUnavailable', async () => {
    proxy.setPlan({ error500Rate: 1 });
    expect(await failure(viaProxy.send(new ListUsersCommand({})))).toMatchObject({
      name: 'InternalFailure',
      status: 500,
    });
    proxy.setPlan({ error503Rate: 1 });
    expect(await failure(viaProxy.send(new ListUsersCommand({})))).toMatchObject({
      name: 'ServiceUnavailable',
      status: 503,
    });
  });

  it('drops connections', async () => {
    proxy.resetCounts();
    proxy.setPlan({ dropRate: 1, onlyActions: ['ListUsers'] });
    const dropped = await failure(viaProxy.send(new ListUsersCommand({})));
    // The SDK's HTTP handler renames ECONNRESET errors to TimeoutError (so they count as transient).
    expect(dropped).toMatchObject({ name: 'TimeoutError', code: 'ECONNRESET', status: undefined });
    expect(proxy.faults()).toEqual({ drop: 1 });
    // The client recovers on the next request.
    proxy.setPlan({});
    await viaProxy.send(new ListUsersCommand({}));
  });

  it('delays before forwarding', async () => {
    proxy.setPlan({ slowRate: 1, slowMs: 300 });
    const started = performance.now();
    await viaProxy.send(new GetUserCommand({ UserName: 'alice' }));
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('repeats the same faults for the same seed', async () => {
    const pattern = async (): Promise<string> => {
      proxy.setPlan({ seed: 42, throttleRate: 0.5, onlyActions: ['GetUser'] });
      let outcomes = '';
      for (let i = 0; i < 16; i++) {
        try {
          await viaProxy.send(new GetUserCommand({ UserName: 'alice' }));
          outcomes += '.';
        } catch {
          outcomes += 'T';
        }
      }
      return outcomes;
    };
    const first = await pattern();
    expect(first).toMatch(/T/);
    expect(first).toMatch(/\./);
    expect(await pattern()).toBe(first);
  });

  it('answers chosen actions itself: AccessDenied, a stale report, LimitExceeded', async () => {
    const staleCsv = `${HEADER.join(',')}\n`;
    const staleTime = new Date('2026-01-02T03:04:05Z');
    proxy.resetCounts();
    proxy.setPlan({
      respond: (action) => {
        if (action === 'GetCredentialReport') {
          return {
            status: 403,
            body: awsErrorXml(
              'AccessDenied',
              'User: arn:aws:iam::123456789012:user/ci is not authorized to perform: iam:GetCredentialReport',
            ),
          };
        }
        if (action === 'GenerateCredentialReport') {
          return { status: 409, body: awsErrorXml('LimitExceeded', 'Report in progress') };
        }
        return undefined;
      },
    });
    const denied = await failure(viaProxy.send(new GetCredentialReportCommand({})));
    expect(denied).toMatchObject({ name: 'AccessDenied', awsCode: 'AccessDenied', status: 403 });
    expect(denied.message).toContain('iam:GetCredentialReport');
    expect(await failure(viaProxy.send(new GenerateCredentialReportCommand({})))).toMatchObject({
      name: 'LimitExceededException',
      awsCode: 'LimitExceeded',
      status: 409,
    });
    expect(proxy.faults()).toEqual({ respond: 2 });

    proxy.setPlan({
      respond: (action) =>
        action === 'GetCredentialReport'
          ? { status: 200, body: credentialReportXml(staleCsv, staleTime) }
          : undefined,
    });
    const stale = await viaProxy.send(new GetCredentialReportCommand({}));
    expect(stale.GeneratedTime).toEqual(staleTime);
    expect(Buffer.from(stale.Content ?? []).toString('utf8')).toBe(staleCsv);
    proxy.setPlan({});
  });

  it('pages ListUsers as IAM does, and dates users as told in ListUsers and the report', async () => {
    const longAgo = new Date('2020-03-01T09:00:00Z');
    proxy.setPlan({ listUsersPageSize: 2, usersCreatedAt: new Map([['bob', longAgo]]) });
    const first = await viaProxy.send(new ListUsersCommand({}));
    expect(first).toMatchObject({ IsTruncated: true, Marker: '2' });
    const second = await viaProxy.send(new ListUsersCommand({ Marker: first.Marker }));
    expect(second.IsTruncated).toBe(false);
    expect(second.Marker).toBeUndefined();
    const pages = [first.Users ?? [], second.Users ?? []];
    expect(pages.map((users) => users.length)).toEqual([2, 1]);
    const all = pages.flat();
    expect(all.map((u) => u.UserName).sort()).toEqual(['alice', 'bob', 'carol']);
    expect(all.find((u) => u.UserName === 'bob')?.CreateDate).toEqual(longAgo);
    expect(all.find((u) => u.UserName === 'alice')?.CreateDate).not.toEqual(longAgo);

    await viaProxy.send(new GenerateCredentialReportCommand({}));
    const report = await viaProxy.send(new GetCredentialReportCommand({}));
    const rows = Buffer.from(report.Content ?? [])
      .toString('utf8')
      .split('\n');
    expect(rows.find((row) => row.startsWith('bob,'))?.split(',')[2]).toBe(
      '2020-03-01T09:00:00+00:00',
    );
    proxy.setPlan({});
  });

  it('records IAM calls as CloudTrail does: failed ones with their error code', async () => {
    const before = proxy.history.recorded().length;
    await expect(viaProxy.send(new CreateUserCommand({ UserName: 'carol' }))).rejects.toThrow();
    expect(proxy.history.recorded().slice(before)).toMatchObject([
      { eventName: 'CreateUser', userName: 'carol', shape: { errorCode: 'EntityAlreadyExists' } },
    ]);
    const answer = JSON.parse(
      proxy.history.lookup(
        JSON.stringify({
          LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'CreateUser' }],
        }),
      ).body,
    ) as { Events: { EventTime: number; CloudTrailEvent: string }[] };
    const [event] = answer.Events;
    expect(Number.isInteger(event?.EventTime)).toBe(true);
    expect(JSON.parse(event?.CloudTrailEvent ?? '{}')).toMatchObject({
      eventSource: 'iam.amazonaws.com',
      eventName: 'CreateUser',
      errorCode: 'EntityAlreadyExists',
      requestParameters: { userName: 'carol' },
      userIdentity: { type: 'AssumedRole' },
    });
  });
});

describe('moto enforcing IAM policies behind the proxy', () => {
  it('keeps the SigV4 signature valid and applies the bootstrap user policy', async () => {
    // Three unauthenticated requests: exactly what bootstrapPolicyUser makes.
    const strict = await startMoto({ env: { INITIAL_NO_AUTH_ACTION_COUNT: '3' } });
    const proxy = await startFaultProxy(strict.endpoint, {});
    try {
      const keys = await bootstrapPolicyUser(iamClient(strict.endpoint), 'auditor', {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: ['iam:ListUsers'], Resource: '*' }],
      });
      expect(keys.accessKeyId).toMatch(/^AKIA/);

      const auditor = iamClient(proxy.endpoint, keys);
      const { Users = [] } = await auditor.send(new ListUsersCommand({}));
      expect(Users.map((user) => user.UserName)).toEqual(['auditor']);

      const denied = await failure(
        auditor.send(new GetLoginProfileCommand({ UserName: 'auditor' })),
      );
      expect(denied).toMatchObject({ name: 'AccessDenied', awsCode: 'AccessDenied', status: 403 });

      const unknown = await failure(iamClient(proxy.endpoint).send(new ListUsersCommand({})));
      expect(unknown).toMatchObject({ name: 'InvalidClientTokenId', status: 403 });
      expect(proxy.calls()).toEqual({ ListUsers: 2, GetLoginProfile: 1 });
    } finally {
      await proxy.stop();
      await strict.stop();
    }
  });
});

describe('moto lifecycle', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'harness-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** A fake python3: answers the import check with `check`, then runs `serve` as the server. */
  async function fakePython(name: string, check: string, serve: string): Promise<string> {
    const path = join(dir, name);
    const script = `#!/bin/sh\nif [ "$1" = "-c" ]; then ${check}; fi\n${serve}\n`;
    await writeFile(path, script);
    await chmod(path, 0o755);
    return path;
  }

  it('throws one clear error when python3 is missing', async () => {
    await expect(startMoto({ python: join(dir, 'no-such-python3') })).rejects.toThrow(
      new Error(MOTO_MISSING_MESSAGE),
    );
  });

  it('throws the same error when moto cannot be imported', async () => {
    const python = await fakePython(
      'python-without-moto',
      `echo "ModuleNotFoundError: No module named 'moto'" >&2; exit 1`,
      'exit 1',
    );
    await expect(startMoto({ python })).rejects.toThrow(new Error(MOTO_MISSING_MESSAGE));
  });

  it('reports the tail of the server output when it does not start', async () => {
    const python = await fakePython(
      'python-crashing',
      'echo "$0"; exit 0',
      'echo "ImportError: cannot import name werkzeug (fake)" >&2; exit 3',
    );
    const error = await failure(startMoto({ python }));
    expect(error.message).toMatch(/did not start: exited early \(code 3\)/);
    expect(error.message).toContain('ImportError: cannot import name werkzeug (fake)');
  });

  it('retries on a new port when the free port was taken before moto bound it', async () => {
    const realPython = execFileSync('python3', ['-c', 'import sys;print(sys.executable)'], {
      encoding: 'utf8',
    }).trim();
    const attempts = join(dir, 'attempts.log');
    const python = await fakePython(
      'python-port-race',
      'echo "$0"; exit 0',
      [
        `echo "$*" >> '${attempts}'`,
        `if [ "$(wc -l < '${attempts}')" -lt 2 ]; then`,
        '  echo "OSError: [Errno 98] Address already in use" >&2; exit 1',
        'fi',
        `exec '${realPython}' "$@"`,
      ].join('\n'),
    );
    const server = await startMoto({ python });
    try {
      const tried = (await readFile(attempts, 'utf8')).trim().split('\n');
      expect(tried).toHaveLength(2);
      expect(tried[1]).toBe(`-m moto.server -H 127.0.0.1 -p ${server.port}`);
      expect(tried[0]).not.toBe(tried[1]);
      const { Users = [] } = await iamClient(server.endpoint).send(new ListUsersCommand({}));
      expect(Users).toEqual([]);
    } finally {
      await server.stop();
    }
  });

  it('gives up after the start timeout and kills the process', async () => {
    const pidFile = join(dir, 'hanging.pid');
    const python = await fakePython(
      'python-hanging',
      'echo "$0"; exit 0',
      `echo $$ > '${pidFile}'; exec sleep 30`,
    );
    const error = await failure(startMoto({ python, startTimeoutMs: 400 }));
    expect(error.message).toMatch(/did not start: not healthy after 400 ms/);
    const pid = Number(await readFile(pidFile, 'utf8'));
    expect(pid).toBeGreaterThan(0);
    // Signal 0 only probes: ESRCH means the process is gone.
    expect(() => process.kill(pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
  });

  it('resets every account', async () => {
    await moto.reset();
    const { Users = [] } = await iam.send(new ListUsersCommand({}));
    expect(Users).toEqual([]);
  });
});

describe('OIDC token endpoint', () => {
  const getToken = (url: string, bearer: string): Promise<Response> =>
    fetch(url, { headers: { Authorization: `Bearer ${bearer}`, Accept: 'application/json' } });

  it('answers a JWT-shaped token and records audiences', async () => {
    const oidc = await startOidcServer();
    try {
      expect(oidc.requestUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/.*\?api-version=2\.0$/);
      const response = await getToken(
        `${oidc.requestUrl}&audience=sts.amazonaws.com`,
        oidc.requestToken,
      );
      expect(response.status).toBe(200);
      const { value } = (await response.json()) as { value: string };
      expect(value).toBe(oidc.token);
      const parts = value.split('.');
      expect(parts).toHaveLength(3);
      expect(decodeJwtPart(parts[0])).toMatchObject({ typ: 'JWT', alg: 'RS256' });
      expect(decodeJwtPart(parts[1])).toMatchObject({
        iss: 'https://token.actions.githubusercontent.com',
        aud: 'sts.amazonaws.com',
        sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
      });

      const wrong = await getToken(`${oidc.requestUrl}&audience=other`, 'not-the-token');
      expect(wrong.status).toBe(401);
      expect(oidc.audiences()).toEqual(['sts.amazonaws.com']);
      expect(oidc.requests()).toBe(2);
      expect(oidc.env()).toEqual({
        ACTIONS_ID_TOKEN_REQUEST_URL: oidc.requestUrl,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: oidc.requestToken,
      });
    } finally {
      await oidc.stop();
    }
  });

  it('fails the first N requests, then answers', async () => {
    const oidc = await startOidcServer({ failFirst: 2, token: 'given.token.value' });
    try {
      const url = `${oidc.requestUrl}&audience=sts.amazonaws.com`;
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const response = await getToken(url, oidc.requestToken);
        statuses.push(response.status);
        if (response.ok)
          expect(await response.json()).toEqual({ count: 1, value: 'given.token.value' });
        else await response.arrayBuffer();
      }
      expect(statuses).toEqual([500, 500, 200]);
      expect(oidc.audiences()).toEqual(Array<string>(3).fill('sts.amazonaws.com'));
    } finally {
      await oidc.stop();
    }
  });
});
