import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { IAMClient } from '@aws-sdk/client-iam';
import { ReportError } from '../errors.js';
import {
  CLOCK_SKEW_MS,
  rootArnOf,
  tracked,
  withoutCredentials,
  type AccountSnapshot,
  type CentralRootCredentials,
  type NotAssessed,
  type Principal,
  type Progress,
  type SnapshotSource,
  type Verification,
} from '../model.js';
import { parseCredentialReport, type ParsedReport } from '../report/credential-report.js';
import { notAssessedAfter } from './aws-errors.js';
import { changesSince } from './changes.js';
import type { Caller } from './connect.js';
import { fetchCredentialReport, type FetchedReport } from './fetch-report.js';
import { readRoot } from './root.js';
import {
  listAllUsers,
  readMfaDevices,
  readUserStates,
  type UserRef,
  type UserState,
} from './user-state.js';

interface LiveDeps {
  readonly iam: IAMClient;
  readonly cloudtrail: CloudTrailClient;
  /** The account the credentials act in. */
  readonly caller: Caller;
  /**
   * Whether AWS Organizations manages this account's root credentials centrally; asked only
   * for a root with no password, no access keys and no MFA.
   */
  readonly centralRootCredentials: () => Promise<CentralRootCredentials>;
  readonly now: () => Date;
  readonly sleep: (ms: number) => Promise<void>;
  readonly log: (message: string) => void;
  /** How far the long reads have got: user by user, and the wait for the report. */
  readonly progress: Progress;
}

export interface LiveSettings {
  readonly reportTimeoutSeconds: number;
  /** Whether root is read in a partition (include-root, and its rule applies there). */
  readonly auditsRoot: (partition: string) => boolean;
  /** Whether MFA devices are read one by one (the report does not tell their kinds). */
  readonly readsMfaDevices: boolean;
}

interface Users {
  readonly principals: Principal[];
  readonly notAssessed: NotAssessed[];
}

/**
 * Reads the live account: the credential report when it can be had (a cached one reconciled
 * with the users listed now and the IAM changes since), or user by user when it cannot; then
 * root from the account summary. What could not be read is listed as not assessed, never left
 * out silently.
 */
export async function collectLive(
  deps: LiveDeps,
  settings: LiveSettings,
): Promise<AccountSnapshot> {
  const { caller } = deps;
  const rootArn = rootArnOf(caller.partition, caller.accountId);

  deps.log('Requesting the IAM credential report…');
  const attempt = await fetchCredentialReport(deps.iam, settings.reportTimeoutSeconds * 1000, deps);
  const read = attempt.ok ? readReport(attempt.report) : attempt;
  const reportRoot = read.ok ? read.parsed.principals.find((p) => p.kind === 'root') : undefined;
  let source: SnapshotSource;
  let users: Users;
  let verification: Verification | null = null;
  if (read.ok && read.report.generatedByThisRun) {
    // A report this run caused to be generated is as current as the run.
    source = liveReport(read.report);
    users = {
      principals: read.parsed.principals.filter((p) => p.kind === 'user'),
      notAssessed: [],
    };
  } else {
    // A cached report is trusted only for the users that exist now: they are listed first.
    const listing = await listUsers(deps, rootArn);
    let cached: CachedReport;
    if (!read.ok) cached = read;
    else if (listing.ok) cached = await reconcile(deps, read.report, read.parsed, listing.users);
    else {
      cached = {
        ok: false,
        reason: `the report AWS returned is cached, and the users it lists could not be checked against the account (${listing.notAssessed.reason})`,
      };
    }
    if (cached.ok) {
      source = liveReport(cached.report);
      ({ users, verification } = cached);
    } else {
      deps.log(`No usable credential report (${cached.reason}): reading users one by one…`);
      source = { kind: 'live-enumeration', reason: cached.reason };
      users = listing.ok
        ? await assess(deps, listing.users)
        : { principals: [], notAssessed: [listing.notAssessed] };
    }
  }

  if (settings.readsMfaDevices) users = await withMfaDevices(deps, users);
  const notes: string[] = [];
  const principals = [...users.principals];
  const notAssessed = [...users.notAssessed];
  let centralRootCredentials: CentralRootCredentials | null = null;
  if (settings.auditsRoot(caller.partition)) {
    const root = await readRoot(deps.iam, rootArn, reportRoot, settings.readsMfaDevices);
    if (root.ok) {
      principals.unshift(root.root);
      notAssessed.push(...root.notAssessed);
      if (withoutCredentials(root.root) && !root.root.mfaActive) {
        centralRootCredentials = await deps.centralRootCredentials();
        notes.push(
          centralRootCredentials.confirmed
            ? `The root user has no password, no access keys and no MFA, and is not a finding: AWS Organizations (${centralRootCredentials.organizationId}) manages the root credentials of this member account centrally (RootCredentialsManagement, iam:ListOrganizationsFeatures), so no password can be recovered by email.`
            : `The root user has no password, no access keys and no MFA: a medium finding, since a password can be recovered by email and central management of root credentials by AWS Organizations is not confirmed (${centralRootCredentials.reason}).`,
        );
      }
    } else {
      notAssessed.push(root.notAssessed);
    }
  }

  return {
    accountId: caller.accountId,
    partition: caller.partition,
    source,
    principals,
    notAssessed,
    verification,
    centralRootCredentials,
    notes,
  };
}

function liveReport(report: FetchedReport): SnapshotSource {
  return {
    kind: 'live-report',
    generatedAt: report.generatedAt,
    generatedByThisRun: report.generatedByThisRun,
  };
}

/** Reads the MFA devices of every console user with MFA whose devices are not known yet. */
async function withMfaDevices(deps: LiveDeps, users: Users): Promise<Users> {
  const unknown = users.principals.filter(
    (p) => p.consolePassword === true && p.mfaActive && p.mfaDevices === null,
  );
  const devices = await tracked(
    deps.progress,
    'users’ MFA devices read',
    unknown.length,
    (onRead) => readMfaDevices(deps.iam, unknown, onRead),
  );
  const notAssessed = [...users.notAssessed];
  const principals = users.principals.map((p) => {
    const read = devices.get(p.arn);
    if (read === undefined) return p;
    if (!read.ok) {
      notAssessed.push(read.notAssessed);
      return p;
    }
    return { ...p, mfaDevices: read.devices };
  });
  return { principals, notAssessed };
}

/** The fetched report, parsed; a report the parser rejects sends the audit user by user. */
function readReport(
  report: FetchedReport,
): { ok: true; report: FetchedReport; parsed: ParsedReport } | { ok: false; reason: string } {
  try {
    const parsed = parseCredentialReport(
      report.text,
      'the credential report from iam:GetCredentialReport',
    );
    return { ok: true, report, parsed };
  } catch (error) {
    if (!(error instanceof ReportError)) throw error;
    return { ok: false, reason: `the credential report could not be read (${error.message})` };
  }
}

/** A user read live; what the live reads do not tell comes from its report row, if any. */
function principalFrom(
  user: UserRef,
  state: UserState & { ok: true },
  reportRow?: Principal,
): Principal {
  return {
    kind: 'user',
    name: user.name,
    arn: user.arn,
    createdAt: user.createdAt,
    consolePassword: state.consolePassword,
    passwordLastUsed: state.consolePassword ? (user.passwordLastUsed ?? 'never') : null,
    mfaActive: state.mfaActive,
    // Without a password the devices are not read: unknown, not none.
    mfaDevices: state.consolePassword ? state.mfaDevices : null,
    // The live reads do not look at access keys: the report's word, or unknown.
    accessKeysActive: reportRow?.accessKeysActive ?? null,
    reportLine: reportRow?.reportLine ?? null,
  };
}

/**
 * Reads users' live state; those that cannot be read are not assessed. What the live reads do
 * not tell comes from a user's report row, when `rows` has one for its ARN.
 */
async function assess(
  deps: LiveDeps,
  refs: readonly UserRef[],
  rows: ReadonlyMap<string, Principal> = new Map(),
): Promise<Users> {
  const states = await tracked(deps.progress, 'users read', refs.length, (onRead) =>
    readUserStates(deps.iam, refs, onRead),
  );
  const principals: Principal[] = [];
  const notAssessed: NotAssessed[] = [];
  refs.forEach((ref, i) => {
    const state = states[i];
    if (state?.ok) principals.push(principalFrom(ref, state, rows.get(ref.arn)));
    else if (state) notAssessed.push(state.notAssessed);
  });
  return { principals, notAssessed };
}

/** Every user as iam:ListUsers lists it now, or the account not assessed when it cannot. */
async function listUsers(
  deps: LiveDeps,
  rootArn: string,
): Promise<{ ok: true; users: UserRef[] } | { ok: false; notAssessed: NotAssessed }> {
  try {
    return { ok: true, users: await listAllUsers(deps.iam) };
  } catch (error) {
    const account = { subject: 'account', arn: rootArn, name: 'account' } as const;
    return {
      ok: false,
      notAssessed: notAssessedAfter(error, account, 'iam:ListUsers', 'no user could be listed'),
    };
  }
}

/** CloudTrail's event history keeps 90 days of management events. */
const EVENT_HISTORY_MS = 90 * 24 * 60 * 60_000;
/**
 * Changes made this long before the run are taken as delivered: CloudTrail delivers within
 * about 5 minutes on average, without a guarantee.
 */
const DELIVERY_MS = 15 * 60_000;

/** Whether two times fall in the same second (the report and IAM both count whole seconds). */
function sameSecond(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return false;
  const [x, y] = [Date.parse(a), Date.parse(b)];
  return !Number.isNaN(x) && Math.floor(x / 1000) === Math.floor(y / 1000);
}

type CachedReport =
  | { ok: true; report: FetchedReport; users: Users; verification: Verification }
  | { ok: false; reason: string };

/**
 * A report AWS returned from its cache, brought up to date. The users are those listed now:
 * one the report has, created in the same second, keeps its row unless CloudTrail recorded a
 * change of its password or MFA since; every other one (created, renamed, moved or re-created
 * since, or changed) is read live. Rows of users no longer listed are dropped. No event drops
 * or adds a user. When the events cannot be read, there is no usable report.
 */
async function reconcile(
  deps: LiveDeps,
  report: FetchedReport,
  parsed: ParsedReport,
  listed: readonly UserRef[],
): Promise<CachedReport> {
  const now = deps.now().getTime();
  const ageMinutes = Math.round((now - report.generatedAt.getTime()) / 60_000);
  // From a little before the report's GeneratedTime: clocks and delivery differ.
  const since = new Date(report.generatedAt.getTime() - CLOCK_SKEW_MS);
  if (now - since.getTime() > EVENT_HISTORY_MS) {
    return {
      ok: false,
      reason: `the report AWS returned is ${ageMinutes} minutes old, older than the 90 days of CloudTrail's event history, so the changes since cannot be read`,
    };
  }
  deps.log(
    `The report AWS returned is ${ageMinutes} minutes old: checking it against the ${listed.length} users listed now and the IAM changes CloudTrail recorded since…`,
  );
  const changes = await changesSince(deps.cloudtrail, since, deps);
  if (!changes.ok) {
    return {
      ok: false,
      reason: `the report AWS returned is ${ageMinutes} minutes old and could not be brought up to date (${changes.reason}); granting cloudtrail:LookupEvents spares reading every user`,
    };
  }

  const rows = new Map(parsed.principals.filter((p) => p.kind === 'user').map((p) => [p.arn, p]));
  const toRead: UserRef[] = [];
  const sameUser = new Map<string, Principal>();
  let createdSince = 0;
  for (const user of listed) {
    const row = rows.get(user.arn);
    if (row === undefined || !sameSecond(row.createdAt, user.createdAt)) {
      createdSince += 1;
      toRead.push(user);
      continue;
    }
    sameUser.set(user.arn, row);
    if (changes.users.has(user.name.toLowerCase())) toRead.push(user);
  }
  const live = await assess(deps, toRead, sameUser);
  const readLive = new Map(live.principals.map((p) => [p.arn, p]));
  const unread = new Set(toRead.map((u) => u.arn));
  // In the order listed; a user read live replaces its row, one that could not be read is
  // not assessed (and has no row to fall back on).
  const principals = listed.flatMap((u) => {
    const p = unread.has(u.arn) ? readLive.get(u.arn) : sameUser.get(u.arn);
    return p === undefined ? [] : [p];
  });
  const listedArns = new Set(listed.map((u) => u.arn));
  return {
    ok: true,
    report,
    users: { principals, notAssessed: live.notAssessed },
    verification: {
      reportAgeMinutes: ageMinutes,
      changesSince: changes.since.toISOString(),
      changesUntil: changes.until.toISOString(),
      changesCertainUntil: new Date(changes.until.getTime() - DELIVERY_MS).toISOString(),
      listed: listed.length,
      readLive: toRead.length,
      createdSince,
      deletedSince: [...rows.keys()].filter((arn) => !listedArns.has(arn)).length,
      eventsIgnored: changes.ignored,
    },
  };
}
