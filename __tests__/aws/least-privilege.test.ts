/**
 * The README's least-privilege policy (examples/iam-policy.json), held to by moto's IAM policy
 * enforcement: the audit is complete with exactly those six actions, and without any one of
 * them it says which action is missing instead of passing.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GenerateCredentialReportCommand,
  ListUsersCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { renderSummary } from '../../src/render/summary.js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Outcome } from '../../src/main.js';
import { iamClient } from '../support/aws-env.js';
import { startFaultProxy } from '../support/fault-proxy.js';
import { startMoto, type MotoServer } from '../support/moto.js';
import { bootstrapPolicyUser, seedAccount } from '../support/seed.js';
import { repoRoot } from '../fixtures.js';
import { onlyRun } from '../sarif-validation.js';
import {
  ACCOUNT,
  audit,
  expectedKeys,
  findingKeys,
  readSarif,
  ROOT_ARN,
  stubAwsEnv,
  userArn,
  SMALL_ACCOUNT,
} from './live-helpers.js';

interface PolicyDocument {
  Version: string;
  Statement: { Sid?: string; Effect: string; Action: string[]; Resource: string }[];
}

const POLICY_TEXT = readFileSync(join(repoRoot, 'examples', 'iam-policy.json'), 'utf8');
const POLICY = JSON.parse(POLICY_TEXT) as PolicyDocument;
const ACTIONS = POLICY.Statement.flatMap((statement) => statement.Action);

/** The policy with one action taken out. */
function policyWithout(action: string): PolicyDocument {
  return {
    ...POLICY,
    Statement: POLICY.Statement.map((s) => ({
      ...s,
      Action: s.Action.filter((a) => a !== action),
    })),
  };
}

const USERS = SMALL_ACCOUNT;
const CANDIDATES = [userArn('dana'), userArn('erin', '/engineering/')];
const EXPECTED = expectedKeys(CANDIDATES);

type Keys = { accessKeyId: string; secretAccessKey: string };

let moto: MotoServer;
let admin: IAMClient;
let auditor: Keys;
const auditorWithout = new Map<string, Keys>();
let dir: string;

beforeAll(async () => {
  // Exactly the requests bootstrapPolicyUser makes for the admin (CreateUser, PutUserPolicy,
  // CreateAccessKey) skip auth; every later request must be signed by a key moto knows.
  moto = await startMoto({ env: { INITIAL_NO_AUTH_ACTION_COUNT: '3' } });
  const adminKeys = await bootstrapPolicyUser(iamClient(moto.endpoint), 'admin', {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
  });
  admin = iamClient(moto.endpoint, adminKeys);
  await seedAccount(admin, USERS);
  auditor = await bootstrapPolicyUser(admin, 'auditor', POLICY_TEXT);
  for (const action of ACTIONS) {
    const name = `auditor-without-${action.replace('iam:', '')}`;
    auditorWithout.set(action, await bootstrapPolicyUser(admin, name, policyWithout(action)));
  }
}, 60_000);

afterAll(async () => {
  await moto.stop();
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'least-privilege-'));
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

function asAuditor(endpoint: string, keys: Keys): void {
  stubAwsEnv(endpoint, {
    AWS_ACCESS_KEY_ID: keys.accessKeyId,
    AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
  });
}

describe('moto enforcing policies', () => {
  it('refuses unknown keys once the no-auth window has closed', async () => {
    await expect(iamClient(moto.endpoint).send(new ListUsersCommand({}))).rejects.toMatchObject({
      name: 'InvalidClientTokenId',
    });
  });

  it('holds the README policy: the six read actions', () => {
    expect(ACTIONS).toEqual([
      'iam:GenerateCredentialReport',
      'iam:GetCredentialReport',
      'iam:GetAccountSummary',
      'iam:GetLoginProfile',
      'iam:ListMFADevices',
      'iam:ListUsers',
    ]);
  });
});

describe('an auditor with exactly examples/iam-policy.json, as ambient credentials', () => {
  it('completes on a fresh report with no per-user call, and on a stale one with re-checks', async () => {
    const proxy = await startFaultProxy(moto.endpoint);
    try {
      asAuditor(proxy.endpoint, auditor);
      const fresh = await audit({ 'sarif-file': join(dir, 'fresh.sarif') });
      expect(fresh.outcome.snapshot.source).toMatchObject({
        kind: 'live-report',
        generatedByThisRun: true,
      });
      expect(fresh.outcome.snapshot.notAssessed).toEqual([]);
      expect(findingKeys(fresh.outcome.findings)).toEqual(EXPECTED);
      expect(fresh.outcome.outputs['not-assessed']).toBe('0');
      expect(proxy.calls()).toEqual({
        GetCallerIdentity: 1,
        GenerateCredentialReport: 2,
        GetCredentialReport: 1,
        GetAccountSummary: 1,
      });

      proxy.resetCounts();
      const stale = await audit({ 'sarif-file': join(dir, 'stale.sarif') });
      expect(stale.outcome.snapshot.source).toMatchObject({ generatedByThisRun: false });
      expect(stale.outcome.snapshot.verification).toMatchObject({
        rechecked: 2,
        dropped: 0,
        createdSince: 0,
      });
      expect(stale.outcome.snapshot.notAssessed).toEqual([]);
      expect(findingKeys(stale.outcome.findings)).toEqual(EXPECTED);
      expect(proxy.calls()).toMatchObject({ GetLoginProfile: 2, ListMFADevices: 2, ListUsers: 1 });
    } finally {
      await proxy.stop();
    }
  });
});

interface Case {
  readonly action: string;
  readonly outcome: string;
  readonly check: (outcome: Outcome) => void;
}

/** The line a denial gives, with moto's own words and the one attempt a denial takes. */
const denied = (action: string): string =>
  `${action} was denied (AccessDenied: User: arn:aws:iam::${ACCOUNT}:user/auditor-without-${action.replace('iam:', '')} is not authorized to perform: ${action}) after 1 attempt (max-attempts); add it to the policy of the credentials the audit uses`;

/** The report cannot be had: the audit reads users one by one and is still complete. */
function fallsBackTo(action: string): Case['check'] {
  return (outcome) => {
    expect(outcome.snapshot.source).toEqual({ kind: 'live-enumeration', reason: denied(action) });
    expect(outcome.snapshot.notAssessed).toEqual([]);
    expect(findingKeys(outcome.findings)).toEqual(EXPECTED);
    expect(outcome.verdict.result).toBe('pass');
    expect(outcome.outputs['not-assessed']).toBe('0');
  };
}

/** The audit cannot read some principals: they are listed, and the run fails naming the action. */
function notAssessedFor(
  action: string,
  gaps: readonly { arn: string; name: string; reason: string }[],
  findings: readonly string[],
): Case['check'] {
  return (outcome) => {
    expect(outcome.snapshot.source.kind).toBe('live-report');
    expect([...outcome.snapshot.notAssessed].sort((a, b) => a.name.localeCompare(b.name))).toEqual(
      gaps.map((gap) => ({ ...gap, action })),
    );
    expect(findingKeys(outcome.findings)).toEqual(findings);
    expect(outcome.verdict.result).toBe('fail');
    const count = `${gaps.length} principal${gaps.length === 1 ? '' : 's'}`;
    expect(outcome.verdict.why).toBe(
      `Incomplete audit: ${count} not assessed (${action}); grant the missing IAM actions or set allow-incomplete: true. ${findings.length} findings; fail-on is none, so findings do not fail the run.`,
    );
    expect(outcome.outputs['not-assessed']).toBe(String(gaps.length));
  };
}

const userGaps = (action: string) => [
  { arn: userArn('dana'), name: 'dana', reason: denied(action) },
  { arn: userArn('erin', '/engineering/'), name: 'erin', reason: denied(action) },
];

const CASES: Case[] = [
  {
    action: 'iam:GenerateCredentialReport',
    outcome: 'reads users one by one',
    check: fallsBackTo('iam:GenerateCredentialReport'),
  },
  {
    action: 'iam:GetCredentialReport',
    outcome: 'reads users one by one',
    check: fallsBackTo('iam:GetCredentialReport'),
  },
  {
    action: 'iam:GetLoginProfile',
    outcome: 'candidates not re-checked',
    check: notAssessedFor('iam:GetLoginProfile', userGaps('iam:GetLoginProfile'), EXPECTED),
  },
  {
    action: 'iam:ListMFADevices',
    outcome: 'candidates not re-checked',
    check: notAssessedFor('iam:ListMFADevices', userGaps('iam:ListMFADevices'), EXPECTED),
  },
  {
    action: 'iam:ListUsers',
    outcome: 'new users not searched',
    check: notAssessedFor(
      'iam:ListUsers',
      [
        {
          arn: ROOT_ARN,
          name: 'account',
          reason: `users created since the report could not be found: ${denied('iam:ListUsers')}`,
        },
      ],
      EXPECTED,
    ),
  },
  {
    action: 'iam:GetAccountSummary',
    outcome: 'root not assessed',
    check: notAssessedFor(
      'iam:GetAccountSummary',
      [{ arn: ROOT_ARN, name: 'root', reason: denied('iam:GetAccountSummary') }],
      expectedKeys(CANDIDATES, false),
    ),
  },
];

describe('an auditor missing one action of the policy', () => {
  beforeAll(async () => {
    // A report exists from now on, and moto dates it 2015: every audit below sees it stale and
    // needs the per-user actions to re-check its candidates.
    await admin.send(new GenerateCredentialReportCommand({}));
  });

  it('covers every action of the policy', () => {
    expect(CASES.map((c) => c.action).sort()).toEqual([...ACTIONS].sort());
  });

  it.each(CASES)('without $action: $outcome, and it says so', async ({ action, check }) => {
    const keys = auditorWithout.get(action);
    if (keys === undefined) throw new Error(`no auditor without ${action}`);
    asAuditor(moto.endpoint, keys);
    // fail-on none: findings never fail the run, so the verdict is the gaps' alone
    const { outcome } = await audit({ 'sarif-file': join(dir, 'audit.sarif'), 'fail-on': 'none' });
    check(outcome);
    // the summary names the action wherever the audit was limited by it
    expect(renderSummary(outcome)).toContain(action);
  });

  it('lists the gaps in the SARIF run and is incomplete, never pass, with allow-incomplete', async () => {
    const keys = auditorWithout.get('iam:ListMFADevices');
    if (keys === undefined) throw new Error('no auditor without iam:ListMFADevices');
    asAuditor(moto.endpoint, keys);
    const sarifFile = join(dir, 'audit.sarif');
    const { outcome } = await audit({
      'sarif-file': sarifFile,
      'fail-on': 'none',
      'allow-incomplete': 'true',
    });
    expect(outcome.verdict.result).toBe('incomplete');
    expect(outcome.outputs.result).toBe('incomplete');

    const invocation = onlyRun(await readSarif(sarifFile)).invocations?.[0];
    expect(invocation?.executionSuccessful).toBe(false);
    const notifications = invocation?.toolExecutionNotifications ?? [];
    expect(notifications.map((n): unknown => n.properties?.action)).toEqual([
      'iam:ListMFADevices',
      'iam:ListMFADevices',
    ]);
    expect(notifications.map((n) => n.message.text).sort()).toEqual([
      `Not assessed: dana (${userArn('dana')}): ${denied('iam:ListMFADevices')}`,
      `Not assessed: erin (${userArn('erin', '/engineering/')}): ${denied('iam:ListMFADevices')}`,
    ]);
  });
});
