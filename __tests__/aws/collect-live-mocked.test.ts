/**
 * What moto does not model, with the SDK mocked: ListUsers pages, the root row, a
 * stale report, report polling states, centrally managed root, exhausted throttling.
 */
import {
  GenerateCredentialReportCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  GetLoginProfileCommand,
  IAMClient,
  ListMFADevicesCommand,
  ListUsersCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { collectLive, type LiveSettings } from '../../src/aws/collect-live.js';
import { identify } from '../../src/aws/connect.js';
import { decide } from '../../src/policy/threshold.js';
import { SILENT_PROGRESS, type CentralRootCredentials } from '../../src/model.js';
import { activeRules } from '../../src/rules/catalog.js';
import { evaluate } from '../../src/rules/evaluate.js';
import { ACCOUNT, aRootRow, aRow, reportCsv } from '../fixtures.js';

const NOW = new Date('2026-11-29T12:00:00Z');
const iam = new IAMClient({ region: 'us-east-1' });
const sts = new STSClient({ region: 'us-east-1' });
const iamMock = mockClient(iam);
const stsMock = mockClient(sts);
const slept: number[] = [];

const RULES = activeRules(true);
const settings: LiveSettings = {
  reportTimeoutSeconds: 120,
  auditsRoot: () => true,
  readsMfaDevices: false,
};
const cloudtrail = new CloudTrailClient({ region: 'us-east-1' });
const trailMock = mockClient(cloudtrail);

/** What a CloudTrail record may say beyond its name and user. */
interface RecordShape {
  /** `eventSource`; default IAM's. */
  source?: string;
  errorCode?: string;
  /** The caller, for a call that names no user. */
  userIdentity?: { type: string; userName?: string };
}

/** A CloudTrail event history entry as LookupEvents returns it. */
function trailEvent(
  name: string,
  userName: string | null,
  minutesAgo: number,
  shape: RecordShape = {},
) {
  const source = shape.source ?? 'iam.amazonaws.com';
  return {
    EventId: `${name}-${userName ?? 'none'}-${minutesAgo}`,
    EventName: name,
    EventTime: new Date(NOW.getTime() - minutesAgo * 60_000),
    EventSource: source,
    CloudTrailEvent: JSON.stringify({
      eventSource: source,
      eventName: name,
      userIdentity: shape.userIdentity ?? { type: 'AssumedRole' },
      ...(shape.errorCode === undefined ? {} : { errorCode: shape.errorCode, errorMessage: 'x' }),
      requestParameters: userName === null ? null : { userName },
      responseElements: null,
    }),
  };
}

/** LookupEvents answers: the given events, each under its own event name. */
function trailHolds(events: ReturnType<typeof trailEvent>[]): void {
  trailMock
    .on(LookupEventsCommand)
    .callsFake((input: { LookupAttributes?: { AttributeValue?: string }[] }) => ({
      Events: events.filter((e) => e.EventName === input.LookupAttributes?.[0]?.AttributeValue),
    }));
}

/** What the organization says of root's credentials, when asked. */
let central: CentralRootCredentials = { confirmed: false, reason: 'not read in this test' };

function collect(overrides: Partial<LiveSettings> = {}) {
  let clock = NOW.getTime();
  return collectLive(
    {
      iam,
      cloudtrail,
      caller: { accountId: ACCOUNT, partition: 'aws' },
      now: () => new Date(clock),
      sleep: (ms) => {
        slept.push(ms);
        clock += ms;
        return Promise.resolve();
      },
      log: () => undefined,
      progress: SILENT_PROGRESS,
      centralRootCredentials: () => Promise.resolve(central),
    },
    { ...settings, ...overrides },
  );
}

/** An error as the SDK throws it: the exception class as name, the AWS code as Code. */
const awsError = (code: string, message = code) =>
  Object.assign(new Error(message), {
    name: EXCEPTION[code] ?? code,
    Code: code,
    $metadata: { attempts: 10 },
  });
const EXCEPTION: Record<string, string> = {
  NoSuchEntity: 'NoSuchEntityException',
  LimitExceeded: 'LimitExceededException',
  ReportInProgress: 'CredentialReportNotReadyException',
};

function reportOf(rows: Record<string, string>[], generatedAt: Date) {
  return {
    Content: new TextEncoder().encode(reportCsv(rows)),
    GeneratedTime: generatedAt,
    ReportFormat: 'text/csv' as const,
  };
}

/** A user as ListUsers lists it; created when aRow says, unless told otherwise. */
const userRef = (name: string, i = 0, created = '2021-01-20T16:30:00Z', path = '/') => ({
  UserName: name,
  UserId: `AIDA${String(i).padStart(17, '0')}`,
  Arn: `arn:aws:iam::${ACCOUNT}:user${path}${name}`,
  Path: path,
  CreateDate: new Date(created),
});

beforeEach(() => {
  iamMock.reset();
  stsMock.reset();
  trailMock.reset();
  trailMock.on(LookupEventsCommand).resolves({ Events: [] });
  slept.length = 0;
  central = { confirmed: false, reason: 'not read in this test' };
  stsMock.on(GetCallerIdentityCommand).resolves({
    Account: ACCOUNT,
    Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/audit/iam-mfa-audit`,
  });
  iamMock.on(GetAccountSummaryCommand).resolves({
    SummaryMap: { AccountMFAEnabled: 1, AccountPasswordPresent: 1, AccountAccessKeysPresent: 0 },
  });
});

describe('the credential report path', () => {
  it('polls through STARTED, LimitExceeded and ReportInProgress, and marks the report as generated by this run', async () => {
    iamMock
      .on(GenerateCredentialReportCommand)
      .resolvesOnce({ State: 'STARTED' })
      .rejectsOnce(awsError('LimitExceeded'))
      .resolves({ State: 'COMPLETE' });
    iamMock
      .on(GetCredentialReportCommand)
      .rejectsOnce(awsError('ReportInProgress'))
      .resolves(reportOf([aRootRow(), aRow({ user: 'bob' })], new Date('2026-11-29T11:00:00Z')));

    const snapshot = await collect();

    expect(snapshot.source).toEqual({
      kind: 'live-report',
      generatedAt: new Date('2026-11-29T11:00:00Z'),
      generatedByThisRun: true,
    });
    expect(snapshot.verification).toBeNull();
    expect(iamMock.commandCalls(GenerateCredentialReportCommand)).toHaveLength(4);
    expect(iamMock.commandCalls(GetLoginProfileCommand)).toHaveLength(0);
    expect(slept).toEqual([100, 200, 400]);
    expect(snapshot.principals.map((p) => p.name)).toEqual(['root', 'bob']);
  });

  it('takes root from the account summary, over the report row', async () => {
    iamMock.on(GenerateCredentialReportCommand).resolves({ State: 'STARTED' });
    iamMock
      .on(GenerateCredentialReportCommand)
      .resolvesOnce({ State: 'STARTED' })
      .resolves({ State: 'COMPLETE' });
    iamMock
      .on(GetCredentialReportCommand)
      .resolves(reportOf([aRootRow({ mfa_active: 'false' })], NOW));

    const snapshot = await collect();
    const root = snapshot.principals.find((p) => p.kind === 'root');
    expect(root).toMatchObject({
      mfaActive: true,
      consolePassword: true,
      createdAt: '2019-03-04T09:15:00+00:00',
    });
    expect(evaluate(snapshot, RULES)).toEqual([]);
  });

  describe('a root with no password, no access keys and no MFA', () => {
    beforeEach(() => {
      iamMock
        .on(GenerateCredentialReportCommand)
        .resolvesOnce({ State: 'STARTED' })
        .resolves({ State: 'COMPLETE' });
      iamMock.on(GetCredentialReportCommand).resolves(reportOf([aRootRow()], NOW));
      iamMock.on(GetAccountSummaryCommand).resolves({
        SummaryMap: {
          AccountMFAEnabled: 0,
          AccountPasswordPresent: 0,
          AccountAccessKeysPresent: 0,
        },
      });
    });

    it('is a medium finding while central management is not confirmed, saying why', async () => {
      central = { confirmed: false, reason: 'iam:ListOrganizationsFeatures: AccessDenied: no' };
      const snapshot = await collect();
      expect(snapshot.centralRootCredentials).toEqual(central);
      expect(evaluate(snapshot, RULES).map((f) => [f.ruleId, f.severity, f.detail])).toEqual([
        [
          'aws-iam-001',
          'medium',
          `The root user in AWS account ${ACCOUNT} has no password, no access keys and no MFA: it cannot sign in now, but a password can be recovered by email unless AWS Organizations manages root credentials centrally (not confirmed: iam:ListOrganizationsFeatures: AccessDenied: no).`,
        ],
      ]);
      expect(snapshot.notes).toEqual([
        'The root user has no password, no access keys and no MFA: a medium finding, since a password can be recovered by email and central management of root credentials by AWS Organizations is not confirmed (iam:ListOrganizationsFeatures: AccessDenied: no).',
      ]);
    });

    it('is no finding when AWS Organizations manages root credentials centrally, and says so', async () => {
      central = { confirmed: true, organizationId: 'o-abcdefghij' };
      const snapshot = await collect();
      expect(evaluate(snapshot, RULES)).toEqual([]);
      expect(snapshot.notes).toEqual([
        'The root user has no password, no access keys and no MFA, and is not a finding: AWS Organizations (o-abcdefghij) manages the root credentials of this member account centrally (RootCredentialsManagement, iam:ListOrganizationsFeatures), so no password can be recovered by email.',
      ]);
    });
  });

  it('reconciles a cached report with the users listed now and the IAM changes since', async () => {
    const reportTime = new Date(NOW.getTime() - 2 * 60 * 60_000);
    iamMock.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
    iamMock
      .on(GetCredentialReportCommand)
      .resolves(
        reportOf(
          [
            aRootRow(),
            aRow({ user: 'mfa-removed', mfa_active: 'true' }),
            aRow({ user: 'given-password', password_enabled: 'false' }),
            aRow({ user: 'mfa-enabled' }),
            aRow({ user: 'still-open' }),
            aRow({ user: 'deleted' }),
            aRow({ user: 'has-mfa', mfa_active: 'true' }),
            aRow({ user: 'self-service', mfa_active: 'true' }),
            aRow({ user: 'renamed', mfa_active: 'true', password_enabled: 'false' }),
            aRow({ user: 'recreated', mfa_active: 'true' }),
          ],
          reportTime,
        ),
      );
    iamMock.on(ListUsersCommand).resolves({
      Users: [
        userRef('mfa-removed'),
        userRef('given-password'),
        userRef('mfa-enabled'),
        userRef('still-open'),
        userRef('has-mfa'),
        userRef('self-service'),
        userRef('new-name', 0, '2021-01-20T16:30:00Z', '/moved/'),
        userRef('recreated', 0, '2026-11-29T11:30:00Z'),
        userRef('newcomer', 0, '2026-11-29T11:45:00Z', '/team/'),
      ],
    });
    trailHolds([
      trailEvent('DeactivateMFADevice', 'mfa-removed', 90),
      trailEvent('CreateLoginProfile', 'given-password', 80),
      // IAM takes a user name in any case; CloudTrail records it as written.
      trailEvent('EnableMFADevice', 'MFA-Enabled', 70),
      // The user turned its own MFA off: the record names it only as the caller.
      trailEvent('DeactivateMFADevice', null, 65, {
        userIdentity: { type: 'IAMUser', userName: 'self-service' },
      }),
      // Another service's call, and a denied one: they change nothing here.
      trailEvent('DeleteLoginProfile', 'has-mfa', 50, { source: 'transfer.amazonaws.com' }),
      trailEvent('DeactivateMFADevice', 'has-mfa', 40, { errorCode: 'AccessDenied' }),
    ]);
    iamMock.on(GetLoginProfileCommand).resolves({});
    iamMock.on(ListMFADevicesCommand).resolves({ MFADevices: [] });
    iamMock.on(ListMFADevicesCommand, { UserName: 'mfa-enabled' }).resolves({
      MFADevices: [
        { UserName: 'mfa-enabled', SerialNumber: `arn:aws:iam::${ACCOUNT}:mfa/x`, EnableDate: NOW },
      ],
    });

    const snapshot = await collect();

    expect(snapshot.source).toMatchObject({ kind: 'live-report', generatedByThisRun: false });
    expect(snapshot.verification).toEqual({
      reportAgeMinutes: 120,
      changesSince: new Date(reportTime.getTime() - 5 * 60_000).toISOString(),
      changesUntil: NOW.toISOString(),
      changesCertainUntil: new Date(NOW.getTime() - 15 * 60_000).toISOString(),
      listed: 9,
      readLive: 7,
      createdSince: 3,
      deletedSince: 2,
      eventsIgnored: 2,
    });
    const findings = evaluate(snapshot, RULES).map((f) => f.principal.arn);
    expect(findings.sort()).toEqual(
      [
        `arn:aws:iam::${ACCOUNT}:user/given-password`,
        `arn:aws:iam::${ACCOUNT}:user/mfa-removed`,
        `arn:aws:iam::${ACCOUNT}:user/moved/new-name`,
        `arn:aws:iam::${ACCOUNT}:user/recreated`,
        `arn:aws:iam::${ACCOUNT}:user/self-service`,
        `arn:aws:iam::${ACCOUNT}:user/still-open`,
        `arn:aws:iam::${ACCOUNT}:user/team/newcomer`,
      ].sort(),
    );
    expect(snapshot.principals.map((p) => p.name)).not.toContain('deleted');
    // one lookup per event name, paced within LookupEvents' 2 requests per second
    expect(trailMock.commandCalls(LookupEventsCommand)).toHaveLength(4);
    expect(slept.filter((ms) => ms === 500)).toHaveLength(3);
    // only the users changed or not in the report as they are now are read: two calls each
    expect(
      iamMock
        .commandCalls(GetLoginProfileCommand)
        .map((c) => c.args[0].input.UserName)
        .sort(),
    ).toEqual([
      'given-password',
      'mfa-enabled',
      'mfa-removed',
      'new-name',
      'newcomer',
      'recreated',
      'self-service',
    ]);
    expect(iamMock.commandCalls(ListMFADevicesCommand)).toHaveLength(7);
    expect(iamMock.commandCalls(ListUsersCommand)).toHaveLength(1);
  });

  it.each([
    [
      'LookupEvents is denied',
      () => {
        trailMock.on(LookupEventsCommand).rejects(awsError('AccessDeniedException', 'no'));
      },
      'cloudtrail:LookupEvents was denied (AccessDeniedException: no) after 10 attempts (max-attempts); add it to the policy of the credentials the audit uses',
    ],
    [
      'an event names no user and its caller is no IAM user',
      () => {
        trailHolds([trailEvent('CreateLoginProfile', null, 10)]);
      },
      'cloudtrail:LookupEvents returned a CreateLoginProfile event (CreateLoginProfile-none-10) that names no user, by a caller that is not an IAM user',
    ],
    [
      'a record names its user with something that is not a name',
      () => {
        const event = trailEvent('EnableMFADevice', null, 10, {
          userIdentity: { type: 'IAMUser', userName: 'someone-else' },
        });
        const record = JSON.parse(event.CloudTrailEvent) as Record<string, unknown>;
        record.requestParameters = { userName: { nested: 'bob' } };
        trailHolds([{ ...event, CloudTrailEvent: JSON.stringify(record) }]);
      },
      'cloudtrail:LookupEvents returned a EnableMFADevice event (EnableMFADevice-none-10) whose userName is not a name',
    ],
    [
      'a record is not JSON',
      () => {
        trailHolds([{ ...trailEvent('EnableMFADevice', 'bob', 10), CloudTrailEvent: '{' }]);
      },
      'cloudtrail:LookupEvents returned a EnableMFADevice event (EnableMFADevice-bob-10) whose CloudTrailEvent is not JSON',
    ],
    [
      'the event history repeats its page token',
      () => {
        trailMock.on(LookupEventsCommand).resolves({ Events: [], NextToken: 'again' });
      },
      'cloudtrail:LookupEvents failed (UnusableAnswer: cloudtrail:LookupEvents gave the same page token twice; its listing would never end)',
    ],
  ])('reads every user live when %s, and says why', async (_case, arrange, why) => {
    iamMock.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
    iamMock
      .on(GetCredentialReportCommand)
      .resolves(
        reportOf(
          [aRootRow(), aRow({ user: 'bob', mfa_active: 'true' })],
          new Date(NOW.getTime() - 60 * 60_000),
        ),
      );
    arrange();
    iamMock.on(ListUsersCommand).resolves({ Users: [userRef('bob')] });
    iamMock.on(GetLoginProfileCommand).resolves({});
    iamMock.on(ListMFADevicesCommand).resolves({ MFADevices: [] });

    const snapshot = await collect();
    expect(snapshot.source).toEqual({
      kind: 'live-enumeration',
      reason: `the report AWS returned is 60 minutes old and could not be brought up to date (${why}); granting cloudtrail:LookupEvents spares reading every user`,
    });
    expect(snapshot.verification).toBeNull();
    // bob had MFA in the report and has none now: read live, he is found
    expect(evaluate(snapshot, RULES).map((f) => f.principal.name)).toEqual(['bob']);
    expect(iamMock.commandCalls(ListUsersCommand)).toHaveLength(1);
  });

  it('reports a changed user it could not read as not assessed, never by its old row', async () => {
    iamMock.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
    iamMock
      .on(GetCredentialReportCommand)
      .resolves(reportOf([aRow({ user: 'bob' })], new Date('2026-11-28T00:00:00Z')));
    iamMock.on(ListUsersCommand).resolves({ Users: [userRef('bob')] });
    trailHolds([trailEvent('EnableMFADevice', 'bob', 10)]);
    iamMock.on(GetLoginProfileCommand).rejects(awsError('AccessDenied', 'not authorized'));

    const snapshot = await collect();
    expect(evaluate(snapshot, RULES)).toEqual([]);
    expect(snapshot.notAssessed).toEqual([
      {
        subject: 'principal',
        arn: `arn:aws:iam::${ACCOUNT}:user/bob`,
        name: 'bob',
        action: 'iam:GetLoginProfile',
        reason:
          'iam:GetLoginProfile was denied (AccessDenied: not authorized) after 10 attempts (max-attempts); add it to the policy of the credentials the audit uses',
      },
    ]);
    const verdict = decide([], snapshot.notAssessed, {
      failOn: 'high',
      maxFindings: 0,
      allowIncomplete: true,
    });
    expect(verdict.result).toBe('incomplete');
  });

  it('reads every user live when the users cannot be listed, and fails closed', async () => {
    iamMock.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
    iamMock
      .on(GetCredentialReportCommand)
      .resolves(reportOf([aRow({ user: 'bob' })], new Date('2026-11-29T11:00:00Z')));
    iamMock.on(ListUsersCommand).rejects(awsError('AccessDenied', 'no'));

    const snapshot = await collect({ auditsRoot: () => false });
    expect(snapshot.source).toEqual({
      kind: 'live-enumeration',
      reason:
        'the report AWS returned is cached, and the users it lists could not be checked against the account (no user could be listed: iam:ListUsers was denied (AccessDenied: no) after 10 attempts (max-attempts); add it to the policy of the credentials the audit uses)',
    });
    expect(snapshot.principals).toEqual([]);
    expect(snapshot.notAssessed.map((n) => [n.name, n.action])).toEqual([
      ['account', 'iam:ListUsers'],
    ]);
    expect(iamMock.commandCalls(ListUsersCommand)).toHaveLength(1);
    expect(trailMock.commandCalls(LookupEventsCommand)).toHaveLength(0);
  });
});

describe('the per-user fallback', () => {
  it('reads every ListUsers page when the report is denied, and says why', async () => {
    iamMock.on(GenerateCredentialReportCommand).rejects(awsError('AccessDenied', 'denied'));
    const names = Array.from({ length: 2500 }, (_, i) => `user-${i}`);
    iamMock
      .on(ListUsersCommand)
      .resolvesOnce({
        Users: names.slice(0, 1000).map((name, i) => userRef(name, i)),
        IsTruncated: true,
        Marker: 'm1',
      })
      .resolvesOnce({
        Users: names.slice(1000, 2000).map((name, i) => userRef(name, i)),
        IsTruncated: true,
        Marker: 'm2',
      })
      .resolvesOnce({
        Users: names.slice(2000).map((name, i) => userRef(name, i)),
        IsTruncated: false,
      });
    iamMock.on(GetLoginProfileCommand).rejects(awsError('NoSuchEntity'));
    iamMock.on(GetLoginProfileCommand, { UserName: 'user-7' }).resolves({});
    iamMock.on(ListMFADevicesCommand).resolves({ MFADevices: [] });

    const snapshot = await collect();

    expect(snapshot.source).toEqual({
      kind: 'live-enumeration',
      reason:
        'iam:GenerateCredentialReport was denied (AccessDenied: denied) after 10 attempts (max-attempts); add it to the policy of the credentials the audit uses',
    });
    // three pages, each asked for with the marker the page before gave
    expect(
      iamMock.commandCalls(ListUsersCommand).map((c) => c.args[0].input.Marker ?? null),
    ).toEqual([null, 'm1', 'm2']);
    expect(snapshot.principals.filter((p) => p.kind === 'user')).toHaveLength(2500);
    expect(evaluate(snapshot, RULES).map((f) => f.principal.name)).toEqual(['user-7']);
    expect(iamMock.commandCalls(ListMFADevicesCommand)).toHaveLength(1);
  });

  it.each([
    [
      'repeats its marker',
      { IsTruncated: true, Marker: 'm1' },
      'iam:ListUsers gave the same page token twice; its listing would never end',
    ],
    [
      'promises more without a marker',
      { IsTruncated: true },
      'iam:ListUsers said there is more but gave no Marker',
    ],
  ])('fails closed on a listing that %s', async (_case, page, why) => {
    iamMock.on(GenerateCredentialReportCommand).rejects(awsError('AccessDenied'));
    iamMock.on(ListUsersCommand).resolves({ Users: [userRef('bob')], ...page });

    const snapshot = await collect({ auditsRoot: () => false });
    expect(snapshot.principals).toEqual([]);
    expect(snapshot.notAssessed).toEqual([
      {
        subject: 'account',
        arn: `arn:aws:iam::${ACCOUNT}:root`,
        name: 'account',
        action: 'iam:ListUsers',
        reason: `no user could be listed: iam:ListUsers failed (UnusableAnswer: ${why})`,
      },
    ]);
    expect(iamMock.commandCalls(ListUsersCommand).length).toBeLessThanOrEqual(2);
  });

  it('falls back when the report is not ready in time', async () => {
    iamMock.on(GenerateCredentialReportCommand).resolves({ State: 'INPROGRESS' });
    iamMock.on(ListUsersCommand).resolves({ Users: [] });

    const snapshot = await collect({ reportTimeoutSeconds: 5 });
    expect(snapshot.source).toEqual({
      kind: 'live-enumeration',
      reason: 'the credential report was not ready within 5 s (report-timeout-seconds)',
    });
    expect(slept.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(5000);
  });

  it('fails closed: an account whose users cannot be listed is not assessed, and never passes', async () => {
    iamMock.on(GenerateCredentialReportCommand).rejects(awsError('AccessDenied'));
    iamMock.on(ListUsersCommand).rejects(awsError('AccessDenied'));

    const snapshot = await collect();
    expect(snapshot.principals.filter((p) => p.kind === 'user')).toEqual([]);
    expect(snapshot.notAssessed).toEqual([
      {
        subject: 'account',
        arn: `arn:aws:iam::${ACCOUNT}:root`,
        name: 'account',
        action: 'iam:ListUsers',
        reason:
          'no user could be listed: iam:ListUsers was denied (AccessDenied) after 10 attempts (max-attempts); add it to the policy of the credentials the audit uses',
      },
    ]);
    const verdict = decide(evaluate(snapshot, RULES), snapshot.notAssessed, {
      failOn: 'high',
      maxFindings: 0,
      allowIncomplete: false,
    });
    expect(verdict.result).toBe('fail');
    expect(verdict.why).toContain('iam:ListUsers');
  });

  it('marks a user whose calls stay throttled as not assessed, naming the attempts', async () => {
    iamMock.on(GenerateCredentialReportCommand).rejects(awsError('AccessDenied'));
    iamMock.on(ListUsersCommand).resolves({ Users: [userRef('alice'), userRef('bob', 1)] });
    iamMock.on(GetLoginProfileCommand).resolves({});
    iamMock.on(ListMFADevicesCommand).resolves({ MFADevices: [] });
    iamMock
      .on(ListMFADevicesCommand, { UserName: 'bob' })
      .rejects(awsError('Throttling', 'Rate exceeded'));

    const snapshot = await collect({ auditsRoot: () => false });
    expect(snapshot.notAssessed).toEqual([
      {
        subject: 'principal',
        arn: `arn:aws:iam::${ACCOUNT}:user/bob`,
        name: 'bob',
        action: 'iam:ListMFADevices',
        reason:
          'iam:ListMFADevices was still throttled (Throttling: Rate exceeded) after 10 attempts (max-attempts)',
      },
    ]);
    expect(evaluate(snapshot, activeRules(false)).map((f) => f.principal.name)).toEqual(['alice']);
    expect(iamMock.commandCalls(GetAccountSummaryCommand)).toHaveLength(0);
  });
});

describe('credentials', () => {
  it("turns missing or invalid credentials into one line with AWS's words", async () => {
    stsMock
      .on(GetCallerIdentityCommand)
      .rejects(
        awsError('CredentialsProviderError', 'Could not load credentials from any providers\nmore'),
      );
    await expect(identify(sts, 'the test credentials')).rejects.toThrow(
      'AWS credentials from the test credentials are missing or invalid (sts:GetCallerIdentity: CredentialsProviderError: Could not load credentials from any providers more) after 10 attempts (max-attempts).',
    );
  });

  it('names the account and partition the credentials act in', async () => {
    stsMock.on(GetCallerIdentityCommand).resolves({
      Account: '123456789012',
      Arn: 'arn:aws-us-gov:sts::123456789012:assumed-role/audit/s',
    });
    await expect(identify(sts, 'x')).resolves.toEqual({
      accountId: '123456789012',
      partition: 'aws-us-gov',
    });
  });
});

describe('a bug is not an AWS answer', () => {
  const bug = () => {
    throw new TypeError("Cannot read properties of undefined (reading 'UserName')");
  };

  beforeEach(() => {
    iamMock.on(GenerateCredentialReportCommand).rejects(awsError('AccessDenied'));
    iamMock.on(ListUsersCommand).resolves({ Users: [userRef('bob')] });
    iamMock.on(GetLoginProfileCommand).resolves({});
    iamMock.on(ListMFADevicesCommand).resolves({ MFADevices: [] });
  });

  it('a TypeError inside a user read fails the audit instead of passing for a denial', async () => {
    iamMock.on(GetLoginProfileCommand).callsFake(bug);
    await expect(collect()).rejects.toThrow(TypeError);
  });

  it('a TypeError inside the root read fails the audit too', async () => {
    iamMock.on(GetAccountSummaryCommand).callsFake(bug);
    await expect(collect()).rejects.toThrow(TypeError);
  });
});
