/**
 * Faults moto never makes, injected by the fault proxy in front of it: throttling, 500s, 503s,
 * slow answers and dropped connections. Within max-attempts the audit's answer is the same as
 * without faults; beyond it, the audit fails closed and names the call that gave out.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IAMClient } from '@aws-sdk/client-iam';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { iamClient } from '../support/aws-env.js';
import {
  accessDenied,
  cachedReportAnswers,
  startFaultProxy,
  type FaultPlan,
  type FaultProxy,
} from '../support/fault-proxy.js';
import { startMoto, type MotoServer } from '../support/moto.js';
import { currentReport, seedAccount, type SeedUser } from '../support/seed.js';
import { audit, expectedKeys, findingKeys, stubAwsEnv, userArn } from './live-helpers.js';

// Small on purpose: after a throttle, the SDK's adaptive retry lets a client send about one
// request every two seconds until it recovers, so every request counts against the clock.
const USERS: SeedUser[] = [
  { name: 'open-1', consolePassword: true },
  { name: 'open-2', consolePassword: true },
  { name: 'open-eng', path: '/engineering/', consolePassword: true },
  { name: 'vera', consolePassword: true, mfa: 'virtual' },
  { name: 'hank', consolePassword: true, mfa: 'hardware' },
  { name: 'svc-build' },
];
const CANDIDATES = USERS.filter((u) => u.consolePassword === true && u.mfa === undefined);
const EXPECTED = expectedKeys(CANDIDATES.map((u) => userArn(u.name, u.path)));

// With this seed, both audits below meet every kind of fault (the draws are consumed in order,
// one per request, whichever request it is).
const RANDOM_FAULTS: FaultPlan = {
  seed: 1961,
  throttleRate: 0.3,
  error500Rate: 0.1,
  error503Rate: 0.1,
  slowRate: 0.1,
  slowMs: 200,
  dropRate: 0.05,
};

const KINDS = ['drop', 'error500', 'error503', 'slow', 'throttle'];

const DENY_REPORT: FaultPlan['respond'] = (action) =>
  action === 'GenerateCredentialReport' ? accessDenied() : undefined;

let moto: MotoServer;
let iam: IAMClient;
let proxy: FaultProxy;
let dir: string;

const total = (counts: Record<string, number>): number =>
  Object.values(counts).reduce((a, b) => a + b, 0);

/** Faults that answered in place of moto, so the SDK had to send the request again. */
const failedRequests = (faults: Record<string, number>): number =>
  (faults.throttle ?? 0) + (faults.error500 ?? 0) + (faults.error503 ?? 0) + (faults.drop ?? 0);

/** The proxy hands back moto's report as one cached 2 hours ago. */
let CACHED: NonNullable<FaultPlan['respond']>;

beforeAll(async () => {
  moto = await startMoto();
  iam = iamClient(moto.endpoint);
  await seedAccount(iam, USERS);
  CACHED = cachedReportAnswers(await currentReport(iam), new Date(Date.now() - 2 * 60 * 60_000));
  proxy = await startFaultProxy(moto.endpoint);
  // CloudTrail names every candidate as changed since the report, so each is read live and
  // the per-user calls meet the faults too.
  for (const user of CANDIDATES) {
    proxy.history.record('DeactivateMFADevice', user.name, {
      time: new Date(Date.now() - 60 * 60_000),
    });
  }
});

afterAll(async () => {
  await proxy.stop();
  await moto.stop();
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'faults-'));
  proxy.setPlan({ respond: CACHED });
  proxy.resetCounts();
  stubAwsEnv(proxy.endpoint);
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

describe('without faults', () => {
  it('audits the cached report, reading the users CloudTrail names live', async () => {
    const { outcome: baseline } = await audit({ 'sarif-file': join(dir, 'audit.sarif') });
    expect(findingKeys(baseline.findings)).toEqual(EXPECTED);
    expect(baseline.accounts[0].snapshot.verification).toMatchObject({
      readLive: CANDIDATES.length,
      createdSince: 0,
      deletedSince: 0,
    });
    expect(baseline.accounts[0].snapshot.notAssessed).toEqual([]);
    // the two canned report answers, nothing else
    expect(proxy.faults()).toEqual({ respond: 2 });
  });
});

describe('random faults within max-attempts', () => {
  it('ends with exactly the findings of the audit without faults', async () => {
    proxy.setPlan({ ...RANDOM_FAULTS, respond: CACHED });
    const { outcome } = await audit({
      'sarif-file': join(dir, 'audit.sarif'),
      'max-attempts': '10',
    });

    expect(outcome.accounts[0].snapshot.notAssessed).toEqual([]);
    expect(findingKeys(outcome.findings)).toEqual(EXPECTED);
    expect(outcome.accounts[0].snapshot.source).toMatchObject({
      kind: 'live-report',
      generatedByThisRun: false,
    });
    expect(outcome.accounts[0].snapshot.verification).toMatchObject({
      readLive: CANDIDATES.length,
    });
    expect(outcome.outputs).toMatchObject({ result: 'fail', 'not-assessed': '0' });

    const faults = proxy.faults();
    expect(Object.keys(faults).sort()).toEqual([...KINDS, 'respond'].sort());
    // GetCallerIdentity, Generate, Get, ListUsers, 4 LookupEvents (the local event history,
    // not faulted), GetAccountSummary, and two calls per candidate; every request that failed
    // was sent again, slow ones were answered late
    expect(total(proxy.calls())).toBe(9 + 2 * CANDIDATES.length + failedRequests(faults));
  }, 60_000);

  it('ends with the same findings on the per-user path', async () => {
    proxy.setPlan({ ...RANDOM_FAULTS, respond: DENY_REPORT });
    const { outcome } = await audit({
      'sarif-file': join(dir, 'audit.sarif'),
      'max-attempts': '10',
    });

    expect(outcome.accounts[0].snapshot.source.kind).toBe('live-enumeration');
    expect(outcome.accounts[0].snapshot.notAssessed).toEqual([]);
    expect(findingKeys(outcome.findings)).toEqual(EXPECTED);
    const faults = proxy.faults();
    expect(faults.respond).toBe(1);
    expect(Object.keys(faults).sort()).toEqual([...KINDS, 'respond'].sort());
    // GetCallerIdentity, the denied Generate (final, not retried), ListUsers, GetAccountSummary,
    // every user's login profile and the MFA devices of those with a password
    const passwords = USERS.filter((u) => u.consolePassword === true).length;
    expect(total(proxy.calls())).toBe(4 + USERS.length + passwords + failedRequests(faults));
  }, 60_000);
});

describe('throttling beyond max-attempts', () => {
  const throttled = (name: string, path?: string) => ({
    subject: 'principal',
    arn: userArn(name, path),
    name,
    action: 'iam:ListMFADevices',
    reason:
      'iam:ListMFADevices was still throttled (Throttling: Rate exceeded) after 2 attempts (max-attempts)',
  });

  it('fails closed: the candidates whose MFA could not be read are not assessed, and it never passes', async () => {
    proxy.setPlan({ throttleRate: 1, onlyActions: ['ListMFADevices'], respond: CACHED });
    // three audits at once (each its own clients), to spend the adaptive retry's waits only once
    const [byDefault, findingsDoNotCount, allowed] = await Promise.all([
      audit({ 'sarif-file': join(dir, 'default.sarif'), 'max-attempts': '2' }),
      audit({ 'sarif-file': join(dir, 'none.sarif'), 'max-attempts': '2', 'fail-on': 'none' }),
      audit({
        'sarif-file': join(dir, 'allowed.sarif'),
        'max-attempts': '2',
        'fail-on': 'none',
        'allow-incomplete': 'true',
      }),
    ]);

    const expectedGaps = CANDIDATES.map((u) => throttled(u.name, u.path));
    for (const { outcome } of [byDefault, findingsDoNotCount, allowed]) {
      const gaps = [...outcome.accounts[0].snapshot.notAssessed].sort((a, b) =>
        a.name.localeCompare(b.name),
      );
      expect(gaps).toEqual(expectedGaps);
      // a changed user that could not be read is not judged by its old report row
      expect(findingKeys(outcome.findings)).toEqual(expectedKeys([]));
      expect(outcome.outputs['not-assessed']).toBe(String(CANDIDATES.length));
      expect(outcome.verdict.result).not.toBe('pass');
    }

    expect(byDefault.outcome.verdict.result).toBe('fail');
    expect(byDefault.outcome.verdict.why).toBe(
      `1 finding at high or above, 0 tolerated (max-findings); also ${CANDIDATES.length} principals not assessed (iam:ListMFADevices).`,
    );
    expect(findingsDoNotCount.outcome.verdict.result).toBe('fail');
    expect(findingsDoNotCount.outcome.verdict.why).toMatch(
      new RegExp(
        `^Incomplete audit: ${CANDIDATES.length} principals not assessed \\(iam:ListMFADevices\\); grant the missing IAM actions or set allow-incomplete: true\\.`,
      ),
    );
    expect(allowed.outcome.verdict.result).toBe('incomplete');
    expect(allowed.outcome.outputs.result).toBe('incomplete');

    // two attempts per candidate and audit, every one of them throttled
    expect(proxy.calls().ListMFADevices).toBe(3 * 2 * CANDIDATES.length);
    expect(proxy.faults()).toEqual({ respond: 3 * 2, throttle: 3 * 2 * CANDIDATES.length });
  }, 90_000);
});
