/**
 * The README's least-privilege policy (examples/iam-policy.json), held to by moto's IAM policy
 * enforcement: the audit is complete with exactly those actions, and without any one of them
 * it says which action is missing instead of passing.
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
import { iamClient } from '../support/aws-env.js';
import {
  accountSummaryXml,
  organizationsFeaturesXml,
  startFaultProxy,
  type CannedResponse,
  type FaultPlan,
  type FaultProxy,
} from '../support/fault-proxy.js';
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
  type LiveOutcome,
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

/** moto's access key for the auditor whose policy lacks cloudtrail:LookupEvents. */
let LOOKUP_DENIED_KEY = '';
const CANDIDATES = [userArn('dana'), userArn('erin', '/engineering/')];
const EXPECTED = expectedKeys(CANDIDATES);

type Keys = { accessKeyId: string; secretAccessKey: string };

let moto: MotoServer;
let admin: IAMClient;
let auditor: Keys;
const auditorWithout = new Map<string, Keys>();
/**
 * ListUsers with creation times in whole seconds, as IAM gives them: moto's have
 * microseconds, which the SDK rounds to milliseconds, at times into the next second, and a
 * user would then look re-created since the cached report.
 */
const AS_IAM_DATES = { listUsersPageSize: 1000 } as const;
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
    const name = `auditor-without-${action.split(':')[1] ?? action}`;
    auditorWithout.set(action, await bootstrapPolicyUser(admin, name, policyWithout(action)));
  }
  LOOKUP_DENIED_KEY = auditorWithout.get('cloudtrail:LookupEvents')?.accessKeyId ?? '';
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

  it('holds the README policy: the ten read actions', () => {
    expect(ACTIONS).toEqual([
      'cloudtrail:LookupEvents',
      'iam:GenerateCredentialReport',
      'iam:GetAccountSummary',
      'iam:GetCredentialReport',
      'iam:GetLoginProfile',
      'iam:ListMFADevices',
      'iam:ListOrganizationsFeatures',
      'iam:ListUsers',
      'iam:ListVirtualMFADevices',
      'organizations:DescribeOrganization',
    ]);
  });
});

describe('an auditor with exactly examples/iam-policy.json, as ambient credentials', () => {
  it('completes on a fresh report with no per-user call, and on a cached one with the changes since', async () => {
    const proxy = await startFaultProxy(moto.endpoint, AS_IAM_DATES);
    for (const name of ['dana', 'erin']) proxy.history.record('DeactivateMFADevice', name);
    try {
      asAuditor(proxy.endpoint, auditor);
      const fresh = await audit({ 'sarif-file': join(dir, 'fresh.sarif') });
      expect(fresh.outcome.accounts[0].snapshot.source).toMatchObject({
        kind: 'live-report',
        generatedByThisRun: true,
      });
      expect(fresh.outcome.accounts[0].snapshot.notAssessed).toEqual([]);
      expect(findingKeys(fresh.outcome.findings)).toEqual(EXPECTED);
      expect(fresh.outcome.outputs['not-assessed']).toBe('0');
      expect(proxy.calls()).toEqual({
        GetCallerIdentity: 1,
        GenerateCredentialReport: 2,
        GetCredentialReport: 1,
        GetAccountSummary: 1,
      });

      proxy.resetCounts();
      proxy.setPlan({ ...AS_IAM_DATES, reportGeneratedAt: new Date(Date.now() - 2 * 60 * 60_000) });
      const cached = await audit({ 'sarif-file': join(dir, 'cached.sarif') });
      expect(cached.outcome.accounts[0].snapshot.source).toMatchObject({
        generatedByThisRun: false,
      });
      expect(cached.outcome.accounts[0].snapshot.verification).toMatchObject({
        listed: USERS.length + 1 + auditorWithout.size + 1,
        readLive: 2,
        createdSince: 0,
      });
      expect(cached.outcome.accounts[0].snapshot.notAssessed).toEqual([]);
      expect(findingKeys(cached.outcome.findings)).toEqual(EXPECTED);
      expect(proxy.calls()).toEqual({
        GetCallerIdentity: 1,
        GenerateCredentialReport: 1,
        GetCredentialReport: 1,
        ListUsers: 1,
        LookupEvents: 4,
        GetLoginProfile: 2,
        ListMFADevices: 2,
        GetAccountSummary: 1,
      });
    } finally {
      await proxy.stop();
    }
  });
});

interface Case {
  readonly action: string;
  readonly outcome: string;
  readonly check: (outcome: LiveOutcome) => void;
  /** Inputs beyond the sarif-file and fail-on none every case has. */
  readonly inputs?: Readonly<Record<string, string>>;
  /** Answers for what moto cannot model (root's flags, the organization's features). */
  readonly respond?: (action: string) => CannedResponse | undefined;
}

/** The line a denial gives, with moto's own words and the one attempt a denial takes. */
const denied = (action: string): string =>
  `${action} was denied (AccessDenied: User: arn:aws:iam::${ACCOUNT}:user/auditor-without-${action.split(':')[1] ?? action} is not authorized to perform: ${action}) after 1 attempt (max-attempts); add it to the policy of the credentials the audit uses`;

/** The report cannot be had, or not brought up to date: users are read one by one, completely. */
function fallsBackTo(reason: string): Case['check'] {
  return (outcome) => {
    expect(outcome.accounts[0].snapshot.source).toEqual({ kind: 'live-enumeration', reason });
    expect(outcome.accounts[0].snapshot.notAssessed).toEqual([]);
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
    expect(outcome.accounts[0].snapshot.source.kind).toBe('live-report');
    expect(
      [...outcome.accounts[0].snapshot.notAssessed].sort((a, b) => a.name.localeCompare(b.name)),
    ).toEqual(gaps.map((gap) => ({ subject: 'principal', ...gap, action })));
    expect(findingKeys(outcome.findings)).toEqual(findings);
    expect(outcome.verdict.result).toBe('fail');
    const count = `${gaps.length} principal${gaps.length === 1 ? '' : 's'}`;
    const found = `${findings.length} finding${findings.length === 1 ? '' : 's'}`;
    expect(outcome.verdict.why).toBe(
      `Incomplete audit: ${count} not assessed (${action}); grant the missing IAM actions or set allow-incomplete: true. ${found}; fail-on is none, so findings do not fail the run.`,
    );
    expect(outcome.outputs['not-assessed']).toBe(String(gaps.length));
  };
}

/** What the audit finds when dana and erin cannot be read: root alone. */
const ROOT_ONLY = expectedKeys([], true);

/** AWS's words for a denial by moto, as the message quotes them. */
const deniedWords = (action: string): string =>
  `AccessDenied: User: arn:aws:iam::${ACCOUNT}:user/auditor-without-${action.split(':')[1] ?? action} is not authorized to perform: ${action}`;

/**
 * A root with no password, no keys and no MFA, without confirmation: medium, and why (`reason`
 * starts the reason; moto answers a denied Organizations call in XML where the SDK expects
 * JSON, so only the action is certain there).
 */
function unconfirmedRoot(reason: string): Case['check'] {
  return (outcome) => {
    expect(outcome.accounts[0].snapshot.notAssessed).toEqual([]);
    const central = outcome.accounts[0].snapshot.centralRootCredentials;
    expect(central?.confirmed).toBe(false);
    const why = central?.confirmed === false ? central.reason : '';
    expect(why.startsWith(reason)).toBe(true);
    const root = outcome.findings.find((f) => f.ruleId === 'aws-iam-001');
    expect(root?.severity).toBe('medium');
    expect(root?.detail).toContain(`(not confirmed: ${why})`);
    expect(findingKeys(outcome.findings)).toEqual(EXPECTED);
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
    check: fallsBackTo(denied('iam:GenerateCredentialReport')),
  },
  {
    action: 'iam:GetCredentialReport',
    outcome: 'reads users one by one',
    check: fallsBackTo(denied('iam:GetCredentialReport')),
  },
  {
    action: 'iam:GetLoginProfile',
    outcome: 'changed users not assessed',
    check: notAssessedFor('iam:GetLoginProfile', userGaps('iam:GetLoginProfile'), ROOT_ONLY),
  },
  {
    action: 'iam:ListMFADevices',
    outcome: 'changed users not assessed',
    check: notAssessedFor('iam:ListMFADevices', userGaps('iam:ListMFADevices'), ROOT_ONLY),
  },
  {
    // The users that exist now: without them a cached report cannot be trusted, and the
    // per-user path has nothing to read.
    action: 'iam:ListUsers',
    outcome: 'the account not assessed',
    check: (outcome) => {
      expect(outcome.accounts[0].snapshot.source).toEqual({
        kind: 'live-enumeration',
        reason: `the report AWS returned is cached, and the users it lists could not be checked against the account (no user could be listed: ${denied('iam:ListUsers')})`,
      });
      expect(outcome.accounts[0].snapshot.notAssessed).toEqual([
        {
          subject: 'account',
          arn: ROOT_ARN,
          name: 'account',
          action: 'iam:ListUsers',
          reason: `no user could be listed: ${denied('iam:ListUsers')}`,
        },
      ]);
      expect(findingKeys(outcome.findings)).toEqual(ROOT_ONLY);
      expect(outcome.verdict.result).toBe('fail');
    },
  },
  {
    action: 'iam:ListVirtualMFADevices',
    outcome: "root's device kind not assessed",
    inputs: { 'require-phishing-resistant-mfa': 'true' },
    respond: (action) =>
      action === 'GetAccountSummary'
        ? { status: 200, body: accountSummaryXml({ mfa: true, password: true, accessKeys: false }) }
        : undefined,
    check: notAssessedFor(
      'iam:ListVirtualMFADevices',
      [
        {
          arn: ROOT_ARN,
          name: 'root',
          reason: `the kind of root’s MFA device is unknown: ${denied('iam:ListVirtualMFADevices')}`,
        },
      ],
      [
        ...expectedKeys(CANDIDATES, false),
        `aws-iam-mfa-phishing-resistant ${userArn('hank')}`,
        `aws-iam-mfa-phishing-resistant ${userArn('vera')}`,
      ].sort(),
    ),
  },
  {
    action: 'iam:ListOrganizationsFeatures',
    outcome: 'a password-less root stays a medium finding',
    respond: (action) =>
      action === 'GetAccountSummary'
        ? {
            status: 200,
            body: accountSummaryXml({ mfa: false, password: false, accessKeys: false }),
          }
        : undefined,
    check: unconfirmedRoot(
      `iam:ListOrganizationsFeatures: ${deniedWords('iam:ListOrganizationsFeatures')}`,
    ),
  },
  {
    action: 'organizations:DescribeOrganization',
    outcome: 'a password-less root stays a medium finding',
    respond: (action) => {
      if (action === 'GetAccountSummary') {
        return {
          status: 200,
          body: accountSummaryXml({ mfa: false, password: false, accessKeys: false }),
        };
      }
      if (action === 'ListOrganizationsFeatures') {
        return {
          status: 200,
          body: organizationsFeaturesXml('o-abcdefghij', ['RootCredentialsManagement']),
        };
      }
      return undefined;
    },
    check: unconfirmedRoot('organizations:DescribeOrganization: '),
  },
  {
    action: 'cloudtrail:LookupEvents',
    outcome: 'reads users one by one',
    check: (outcome) => {
      fallsBackTo(
        `the report AWS returned is 120 minutes old and could not be brought up to date (cloudtrail:LookupEvents was denied (AccessDeniedException: ${LOOKUP_DENIED_KEY} is not authorized to perform: cloudtrail:LookupEvents) after 1 attempt (max-attempts); add it to the policy of the credentials the audit uses); granting cloudtrail:LookupEvents spares reading every user`,
      )(outcome);
    },
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
  let proxy: FaultProxy;
  let PLAN: FaultPlan;

  beforeAll(async () => {
    // A report exists from now on; the proxy dates moto's answer 2 hours back, so every audit
    // below brings a cached report up to date, and CloudTrail names dana and erin as changed.
    await admin.send(new GenerateCredentialReportCommand({}));
    PLAN = {
      ...AS_IAM_DATES,
      reportGeneratedAt: new Date(Date.now() - 2 * 60 * 60_000),
      lookupDenied: (key) => key === LOOKUP_DENIED_KEY,
    };
    proxy = await startFaultProxy(moto.endpoint, PLAN);
    for (const name of ['dana', 'erin']) proxy.history.record('DeactivateMFADevice', name);
  });

  afterAll(async () => {
    await proxy.stop();
  });

  it('covers every action of the policy', () => {
    expect(CASES.map((c) => c.action).sort()).toEqual([...ACTIONS].sort());
  });

  it.each(CASES)(
    'without $action: $outcome, and it says so',
    async ({ action, check, inputs, respond }) => {
      const keys = auditorWithout.get(action);
      if (keys === undefined) throw new Error(`no auditor without ${action}`);
      proxy.setPlan({ ...PLAN, ...(respond === undefined ? {} : { respond }) });
      asAuditor(proxy.endpoint, keys);
      // fail-on none: findings never fail the run, so the verdict is the gaps' alone
      const { outcome } = await audit({
        'sarif-file': join(dir, 'audit.sarif'),
        'fail-on': 'none',
        ...inputs,
      });
      check(outcome);
      // the summary names the action wherever the audit was limited by it
      expect(renderSummary(outcome)).toContain(action);
    },
  );

  it('lists the gaps in the SARIF run and is incomplete, never pass, with allow-incomplete', async () => {
    const keys = auditorWithout.get('iam:ListMFADevices');
    if (keys === undefined) throw new Error('no auditor without iam:ListMFADevices');
    proxy.setPlan(PLAN);
    asAuditor(proxy.endpoint, keys);
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
