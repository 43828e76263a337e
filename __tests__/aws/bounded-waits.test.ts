/**
 * Every wait of an AWS call has a total deadline, every listing an end, every credential
 * source a bound: dist/cli.js and dist/index.js against loopback endpoints that drip one byte
 * a second, answer without end, never answer, or page forever. Each run is bounded by its
 * child's kill timer (a run that hangs fails on its signal), never by a timing assertion.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changesSince } from '../../src/aws/changes.js';
import { cliBundle, node24 } from '../runner.js';
import { awsEnv, iamClient, TEST_CREDENTIALS } from '../support/aws-env.js';
import { JSON_11 } from '../support/event-history.js';
import {
  accessDenied,
  cachedReportAnswers,
  startFaultProxy,
  type CannedResponse,
  type FaultProxy,
} from '../support/fault-proxy.js';
import { startForwardProxy } from '../support/forward-proxy.js';
import { listenOnLoopback, silentServer } from '../support/loopback.js';
import { startMoto, type MotoServer } from '../support/moto.js';
import { currentReport, seedAccount } from '../support/seed.js';
import { VERSION } from '../../src/version.js';
import {
  baseEnv,
  oneAccountJson,
  runActionStep,
  runChild,
  userArn,
  type ChildExit,
} from './live-helpers.js';

/** Answers 200 at once, then one byte of the body a second, never ending it. */
function drippingServer(): HttpServer {
  return createHttpServer((request, response) => {
    request.resume();
    response.writeHead(200, { 'content-type': 'text/xml' });
    response.write('<');
    const timer = setInterval(() => {
      response.write(' ');
    }, 1_000);
    response.on('close', () => {
      clearInterval(timer);
    });
  });
}

/** Answers 200 with 40 MiB of XML-looking text, as fast as the client reads it. */
function floodingServer(): HttpServer {
  const chunk = Buffer.alloc(1024 * 1024, 'x');
  return createHttpServer((request, response) => {
    request.resume();
    response.writeHead(200, { 'content-type': 'text/xml' });
    let sent = 0;
    const more = (): void => {
      while (sent < 40 && !response.destroyed) {
        sent += 1;
        if (!response.write(chunk)) {
          response.once('drain', more);
          return;
        }
      }
      response.end();
    };
    more();
  });
}

let dir: string;
let moto: MotoServer;
let proxy: FaultProxy;
const silent = silentServer();
/** GitHub's OIDC token endpoint, never answering: a server of its own, to count its requests. */
const silentToken = silentServer();
const dripping = drippingServer();
const flooding = floodingServer();
let silentUrl: string;
let silentTokenUrl: string;
let drippingUrl: string;
let floodingUrl: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bounded-waits-'));
  moto = await startMoto();
  proxy = await startFaultProxy(moto.endpoint);
  [silentUrl, silentTokenUrl, drippingUrl, floodingUrl] = await Promise.all([
    listenOnLoopback(silent.server),
    listenOnLoopback(silentToken.server),
    listenOnLoopback(dripping),
    listenOnLoopback(flooding),
  ]);
  await seedAccount(iamClient(moto.endpoint), [
    { name: 'dana', consolePassword: true },
    { name: 'vera', consolePassword: true, mfa: 'virtual' },
  ]);
}, 60_000);

afterAll(async () => {
  dripping.closeAllConnections();
  flooding.closeAllConnections();
  for (const server of [silent.server, silentToken.server, dripping, flooding]) server.close();
  await proxy.stop();
  await moto.stop();
  await rm(dir, { recursive: true, force: true });
});

let runs = 0;
/** dist/cli.js with `env` over a bare environment, in its own folder; its SARIF path. */
async function cli(
  args: readonly string[],
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<ChildExit & { sarifFile: string }> {
  runs += 1;
  const sarifFile = join(dir, `run-${runs}.sarif`);
  const exit = await runChild(node24, [cliBundle, '--sarif-file', sarifFile, ...args], {
    cwd: dir,
    env: { ...baseEnv(dir), ...env },
    timeoutMs,
  });
  expect(exit.signal).toBeNull();
  return { ...exit, sarifFile };
}

const unreachable = (endpoint: string, why: string, attempts: string): string =>
  `iam-mfa-audit: sts:GetCallerIdentity: ${endpoint} is unreachable (${why}) after ${attempts} (max-attempts); check the network, a proxy, or AWS_ENDPOINT_URL.\n`;

// The slow cases wait on real deadlines (10 to 30 s each) and share nothing: they run at once.
describe.concurrent('waits that end', () => {
  describe.concurrent('an AWS endpoint that answers badly', () => {
    it('ends an attempt whose answer drips a byte a second at its 10 s deadline', async () => {
      const exit = await cli(['--max-attempts', '1'], awsEnv(drippingUrl), 30_000);
      expect(exit.status).toBe(2);
      expect(exit.stderr).toBe(
        unreachable(drippingUrl, 'TimeoutError: no complete answer within 10 s', '1 attempt'),
      );
    });

    it('stops asking an endpoint that left 3 attempts in a row unanswered, whatever max-attempts says', async () => {
      const exit = await cli(['--max-attempts', '10'], awsEnv(silentUrl), 45_000);
      expect(exit.status).toBe(2);
      expect(exit.stderr).toBe(
        unreachable(
          silentUrl,
          'EndpointUnreachable: gave no complete answer 3 times in a row, so it is not asked again in this run',
          '4 attempts',
        ),
      );
    });

    it('refuses an answer larger than 32 MiB, having read no more than that', async () => {
      const exit = await cli(['--max-attempts', '1'], awsEnv(floodingUrl), 30_000);
      expect(exit.status).toBe(2);
      expect(exit.stderr).toBe(
        'iam-mfa-audit: sts:GetCallerIdentity failed (UnusableAnswer: an answer of more than 32 MiB, larger than any AWS answer this audit reads) after 1 attempt (max-attempts).\n',
      );
    });
  });

  describe.concurrent('credentials that never come', () => {
    it('asks a silent OIDC endpoint 4 times, each a new request ended at 5 s, then stops with one line', async () => {
      const before = silentToken.requests();
      const step = await runActionStep({
        stepDir: join(dir, 'oidc-step'),
        workspace: dir,
        workflow: '.github/workflows/audit.yml',
        inputs: { 'role-to-assume': 'arn:aws:iam::123456789012:role/audit' },
        env: {
          AWS_ENDPOINT_URL: proxy.endpoint,
          ACTIONS_ID_TOKEN_REQUEST_URL: `${silentTokenUrl}/token?api-version=2.0`,
          ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'ghs_requesttoken',
        },
      });
      expect(step.signal).toBeNull();
      expect(step.status).toBe(1);
      expect(silentToken.requests() - before).toBe(4);
      const errors = step.stdout.split('\n').filter((line) => line.startsWith('::error'));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain('no complete answer within 5 s');
      expect(step.outputs).toEqual({ result: 'error' });
      expect(`${step.stdout}${step.summary}`).not.toContain('ghs_requesttoken');
    });

    it('stops a credential_process that never ends at 30 s, and every process it started', async () => {
      const marker = `${process.pid}${Date.now() % 100_000}`;
      const config = join(dir, 'hanging-config');
      await writeFile(
        config,
        `[profile hangs]\ncredential_process = sh -c 'sleep 1${marker}; echo late'\n`,
      );
      const exit = await cli(
        ['--profile', 'hangs'],
        { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none') },
        50_000,
      );
      expect(exit.status).toBe(2);
      expect(exit.stderr).toBe(
        'iam-mfa-audit: profile "hangs": credential_process did not finish within 30 s and was stopped; check the command the profile names.\n',
      );
      const left = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
      expect(left).not.toContain(`sleep 1${marker}`);
      expect(existsSync(exit.sarifFile)).toBe(false);
    });

    it('names a profile that is in neither file', async () => {
      const exit = await cli(['--profile', 'nope'], {
        AWS_CONFIG_FILE: join(dir, 'none'),
        AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'),
      });
      expect(exit.status).toBe(2);
      expect(exit.stderr).toBe(
        'iam-mfa-audit: profile "nope" is in neither the shared config file nor the credentials file (AWS_CONFIG_FILE, default ~/.aws/config; AWS_SHARED_CREDENTIALS_FILE, default ~/.aws/credentials); name a profile defined there.\n',
      );
    });

    it("says a profile's web_identity_token_file is missing, not an internal error", async () => {
      const config = join(dir, 'web-identity-config');
      const tokenFile = join(dir, 'no-such-token');
      await writeFile(
        config,
        `[profile ci]\nrole_arn = arn:aws:iam::123456789012:role/audit\nweb_identity_token_file = ${tokenFile}\n`,
      );
      const exit = await cli(['--profile', 'ci'], {
        ...awsEnv(proxy.endpoint),
        AWS_ACCESS_KEY_ID: '',
        AWS_SECRET_ACCESS_KEY: '',
        AWS_CONFIG_FILE: config,
        AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'),
      });
      expect(exit.status).toBe(2);
      expect(exit.stderr).toMatch(
        new RegExp(
          `^iam-mfa-audit: profile "ci" gave no credentials: .*${tokenFile}.*; check the files and commands the profile names\\.\\n$`,
        ),
      );
      expect(exit.stderr).not.toContain('internal error');
    });
  });
});

/** A ListUsers page holding `name`, saying more follows after `marker`. */
function listUsersPage(name: string, marker: string): CannedResponse {
  return {
    status: 200,
    body:
      '<ListUsersResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ListUsersResult>' +
      `<IsTruncated>true</IsTruncated><Marker>${marker}</Marker><Users><member><Path>/</Path>` +
      `<UserName>${name}</UserName><UserId>AIDA${name.toUpperCase()}</UserId>` +
      `<Arn>${userArn(name)}</Arn><CreateDate>2020-01-01T00:00:00Z</CreateDate></member></Users>` +
      '</ListUsersResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata>' +
      '</ListUsersResponse>',
  };
}

interface Json {
  readonly source: { readonly kind: string; readonly reason?: string };
  readonly verdict: { readonly result: string };
  readonly findings: readonly { readonly arn: string }[];
  readonly notAssessed: readonly { readonly arn: string; readonly reason: string }[];
}

describe('listings that never end', () => {
  /** dist/cli.js through the proxy with `respond`, its JSON. */
  async function audit(respond: (action: string) => CannedResponse | undefined): Promise<{
    status: number | null;
    json: Json;
    calls: Record<string, number>;
  }> {
    proxy.setPlan({ respond });
    proxy.resetCounts();
    const exit = await cli(
      ['--format', 'json', '--include-root', 'false'],
      awsEnv(proxy.endpoint),
      90_000,
    );
    return { status: exit.status, json: oneAccountJson(exit.stdout) as Json, calls: proxy.calls() };
  }

  it('stops at a ListUsers Marker it was given before: the account is not assessed', async () => {
    const { status, json, calls } = await audit((action) =>
      action === 'GenerateCredentialReport'
        ? accessDenied()
        : action === 'ListUsers'
          ? listUsersPage('loop', 'again')
          : undefined,
    );
    expect(status).toBe(1);
    expect(json.verdict.result).toBe('fail');
    expect(calls.ListUsers).toBe(2);
    expect(json.notAssessed.map((n) => n.reason).join('\n')).toContain(
      'iam:ListUsers gave the same page token twice; its listing would never end',
    );
  });

  it('stops after 1,000 ListUsers pages with ever new Markers: the account is not assessed', async () => {
    let page = 0;
    const { status, json, calls } = await audit((action) => {
      if (action === 'GenerateCredentialReport') return accessDenied();
      if (action !== 'ListUsers') return undefined;
      page += 1;
      return listUsersPage(`u${page}`, `m${page}`);
    });
    expect(status).toBe(1);
    expect(json.verdict.result).toBe('fail');
    expect(calls.ListUsers).toBe(1000);
    expect(json.findings).toEqual([]);
    expect(json.notAssessed.map((n) => n.reason).join('\n')).toContain(
      'iam:ListUsers gave more than 1000 pages, more than any account has',
    );
  });

  it('stops at a LookupEvents NextToken it was given before, and reads every user instead', async () => {
    const csv = await currentReport(iamClient(moto.endpoint));
    const cached = cachedReportAnswers(csv, new Date(Date.now() - 2 * 3_600_000));
    const { status, json, calls } = await audit((action) =>
      action === 'LookupEvents'
        ? {
            status: 200,
            headers: JSON_11,
            body: JSON.stringify({ Events: [], NextToken: 'again' }),
          }
        : cached(action),
    );
    expect(calls.LookupEvents).toBe(2);
    expect(json.source.kind).toBe('live-enumeration');
    expect(json.source.reason).toContain(
      'cloudtrail:LookupEvents gave the same page token twice; its listing would never end',
    );
    expect(status).toBe(1);
    expect(json.findings.map((f) => f.arn)).toEqual([userArn('dana')]);
  });
});

describe('CloudTrail lookups past their total budget', () => {
  it('gives up bringing the report up to date after 60 s of lookups, on the clock it is given', async () => {
    let page = 0;
    proxy.setPlan({
      respond: (action) => {
        if (action !== 'LookupEvents') return undefined;
        page += 1;
        return {
          status: 200,
          headers: JSON_11,
          body: JSON.stringify({ Events: [], NextToken: `t${page}` }),
        };
      },
    });
    const cloudtrail = new CloudTrailClient({
      region: 'us-east-1',
      endpoint: proxy.endpoint,
      credentials: TEST_CREDENTIALS,
    });
    // Each page costs 7 s on this clock: the tenth would start past the 60 s budget.
    let clock = Date.parse('2026-12-06T12:00:00Z');
    const attempt = await changesSince(cloudtrail, new Date(clock - 3_600_000), {
      now: () => new Date(clock),
      sleep: () => {
        clock += 7_000;
        return Promise.resolve();
      },
    });
    expect(page).toBe(9);
    expect(attempt).toEqual({
      ok: false,
      reason:
        'cloudtrail:LookupEvents failed (UnusableAnswer: cloudtrail:LookupEvents took more than 60 s in all)',
    });
  });
});

describe('who the calls say they are from, and to which account they may go', () => {
  it('names the tool and its version in the user agent of every AWS call', async () => {
    const agents = new Map<string, string>();
    proxy.setPlan({
      respond: (action, _body, _key, headers) => {
        agents.set(
          action,
          `${String(headers['user-agent'])} ${String(headers['x-amz-user-agent'])}`,
        );
        return undefined;
      },
    });
    const exit = await cli(['--include-root', 'false'], awsEnv(proxy.endpoint));
    expect(exit.status).toBe(1);
    expect([...agents.keys()]).toEqual(
      expect.arrayContaining([
        'GetCallerIdentity',
        'GenerateCredentialReport',
        'GetCredentialReport',
      ]),
    );
    for (const [action, agent] of agents) {
      expect(agent, action).toContain(`iam-mfa-audit/${VERSION}`);
    }
  });

  it('stops before any audit when the credentials are of an account allowed-account-ids does not list', async () => {
    proxy.setPlan({});
    proxy.resetCounts();
    const exit = await cli(
      ['--allowed-account-ids', '111111111111,222222222222'],
      awsEnv(proxy.endpoint),
    );
    expect(exit.status).toBe(2);
    expect(exit.stderr).toBe(
      "iam-mfa-audit: the credentials from the AWS SDK's default credential chain (environment, shared config, instance role; or set role-to-assume) are for account 123456789012, which allowed-account-ids does not list (111111111111, 222222222222); nothing was audited. Use credentials of a listed account, or list this one.\n",
    );
    expect(proxy.calls()).toEqual({ GetCallerIdentity: 1 });
    expect(existsSync(exit.sarifFile)).toBe(false);
  });

  it('audits when the account is listed', async () => {
    proxy.setPlan({});
    const exit = await cli(
      ['--allowed-account-ids', '123456789012', '--include-root', 'false', '--format', 'json'],
      awsEnv(proxy.endpoint),
    );
    expect(exit.status).toBe(1);
    const json = oneAccountJson(exit.stdout) as Json;
    expect(json.findings.map((f) => f.arn)).toEqual([userArn('dana')]);
  });
});

describe('behind a proxy, as self-hosted runners are', () => {
  it('sends every AWS call through HTTP_PROXY, and none through it for a host NO_PROXY names', async () => {
    const forward = await startForwardProxy();
    try {
      proxy.setPlan({});
      const moto = new URL(proxy.endpoint).host;
      const through = await cli(['--include-root', 'false', '--format', 'json'], {
        ...awsEnv(proxy.endpoint),
        HTTP_PROXY: forward.url,
      });
      expect(through.status).toBe(1);
      expect((oneAccountJson(through.stdout) as Json).findings.map((f) => f.arn)).toEqual([
        userArn('dana'),
      ]);
      const seen = forward.seen();
      expect(seen.length).toBeGreaterThanOrEqual(4);
      expect(new Set(seen)).toEqual(new Set([`POST ${moto}`]));

      const direct = await cli(['--include-root', 'false'], {
        ...awsEnv(proxy.endpoint),
        HTTP_PROXY: forward.url,
        NO_PROXY: '127.0.0.1',
      });
      expect(direct.status).toBe(1);
      expect(forward.seen()).toHaveLength(seen.length);
    } finally {
      await forward.stop();
    }
  });
});
