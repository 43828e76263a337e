import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { IAMClient } from '@aws-sdk/client-iam';
import { ReportError } from '../errors.js';
import {
  rootArnOf,
  tracked,
  type AccountSnapshot,
  type NotAssessed,
  type Principal,
  type Progress,
  type SnapshotSource,
  type Verification,
} from '../model.js';
import { parseCredentialReport, type ParsedReport } from '../report/credential-report.js';
import { notAssessedAfter } from './aws-errors.js';
import { changesSince, type UserChange } from './changes.js';
import type { Caller } from './connect.js';
import { fetchCredentialReport, type FetchedReport } from './fetch-report.js';
import { readRoot } from './root.js';
import {
  listAllUsers,
  readMfaKinds,
  readUserStates,
  type UserRef,
  type UserState,
} from './user-state.js';

interface LiveDeps {
  readonly iam: IAMClient;
  readonly cloudtrail: CloudTrailClient;
  /** The account the credentials act in. */
  readonly caller: Caller;
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
  /** Whether the kinds of MFA devices are needed (the report does not tell them). */
  readonly readsMfaKinds: boolean;
}

interface Users {
  readonly principals: Principal[];
  readonly notAssessed: NotAssessed[];
}

/**
 * Reads the live account: the credential report when it can be had (a cached one brought up
 * to date with the IAM changes since), or user by user when it cannot; then root from the
 * account summary. What could not be read is listed as not assessed, never left out silently.
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
  const fromReport = read.ok ? await usersAsOfNow(deps, read.report, read.parsed) : read;
  let source: SnapshotSource;
  let users: Users;
  let verification: Verification | null = null;
  if (fromReport.ok) {
    ({ users, verification } = fromReport);
    source = {
      kind: 'live-report',
      generatedAt: fromReport.report.generatedAt,
      generatedByThisRun: fromReport.report.generatedByThisRun,
    };
  } else {
    deps.log(`No usable credential report (${fromReport.reason}): reading users one by one…`);
    source = { kind: 'live-enumeration', reason: fromReport.reason };
    users = await enumerateUsers(deps, rootArn);
  }

  if (settings.readsMfaKinds) users = await withMfaKinds(deps, users);
  const notes: string[] = [];
  const principals = [...users.principals];
  const notAssessed = [...users.notAssessed];
  if (settings.auditsRoot(caller.partition)) {
    const root = await readRoot(deps.iam, rootArn, reportRoot);
    if (root.ok) {
      principals.unshift(root.root);
      if (root.centrallyManaged && !root.root.mfaActive) {
        notes.push(
          'The root user has no password and no access keys, so it cannot sign in and is not a finding (as when AWS Organizations manages root credentials centrally, or they were deleted).',
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
    notes,
  };
}

/** Reads the device kinds of every console user with MFA whose kinds are not known yet. */
async function withMfaKinds(deps: LiveDeps, users: Users): Promise<Users> {
  const unknown = users.principals.filter(
    (p) => p.consolePassword === true && p.mfaActive && p.mfaDevices === null,
  );
  const kinds = await tracked(deps.progress, 'users’ MFA devices read', unknown.length, (onRead) =>
    readMfaKinds(deps.iam, unknown, onRead),
  );
  const notAssessed = [...users.notAssessed];
  const principals = users.principals.map((p) => {
    const read = kinds.get(p.arn);
    if (read === undefined) return p;
    if (!read.ok) {
      notAssessed.push(read.notAssessed);
      return p;
    }
    return { ...p, mfaDevices: read.kinds };
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
    passwordCreatedAt: state.passwordCreatedAt,
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
 * not tell comes from a user's report row, when `rowOf` has one.
 */
async function assess(
  deps: LiveDeps,
  refs: readonly UserRef[],
  rowOf: (name: string) => Principal | undefined = () => undefined,
): Promise<Users> {
  const states = await tracked(deps.progress, 'users read', refs.length, (onRead) =>
    readUserStates(deps.iam, refs, onRead),
  );
  const principals: Principal[] = [];
  const notAssessed: NotAssessed[] = [];
  refs.forEach((ref, i) => {
    const state = states[i];
    if (state?.ok) principals.push(principalFrom(ref, state, rowOf(ref.name)));
    else if (state) notAssessed.push(state.notAssessed);
  });
  return { principals, notAssessed };
}

/** The fallback when there is no report: ListUsers, then each user's password and MFA. */
async function enumerateUsers(deps: LiveDeps, rootArn: string): Promise<Users> {
  let refs: UserRef[];
  try {
    refs = await listAllUsers(deps.iam);
  } catch (error) {
    const account = { arn: rootArn, name: 'account' };
    return {
      principals: [],
      notAssessed: [notAssessedAfter(error, account, 'iam:ListUsers', 'no user could be listed')],
    };
  }
  return assess(deps, refs);
}

/** How far before a report's GeneratedTime changes are looked for: clocks and delivery differ. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** CloudTrail's event history keeps 90 days of management events. */
const EVENT_HISTORY_MS = 90 * 24 * 60 * 60_000;

/**
 * The report's users as they are now. A report this run caused to be generated is current.
 * One AWS returned from its cache is brought up to date with the IAM changes CloudTrail
 * recorded since it was generated; when those cannot be read, there is no usable report.
 */
async function usersAsOfNow(
  deps: LiveDeps,
  report: FetchedReport,
  parsed: ParsedReport,
): Promise<
  | { ok: true; report: FetchedReport; users: Users; verification: Verification | null }
  | { ok: false; reason: string }
> {
  const reportUsers = parsed.principals.filter((p) => p.kind === 'user');
  if (report.generatedByThisRun) {
    return {
      ok: true,
      report,
      users: { principals: reportUsers, notAssessed: [] },
      verification: null,
    };
  }
  const now = deps.now().getTime();
  const ageMinutes = Math.round((now - report.generatedAt.getTime()) / 60_000);
  const since = new Date(report.generatedAt.getTime() - CLOCK_SKEW_MS);
  if (now - since.getTime() > EVENT_HISTORY_MS) {
    return {
      ok: false,
      reason: `the report AWS returned is ${ageMinutes} minutes old, older than the 90 days of CloudTrail's event history, so the changes since cannot be read`,
    };
  }
  deps.log(
    `The report AWS returned is ${ageMinutes} minutes old: reading the IAM changes CloudTrail recorded since…`,
  );
  const changes = await changesSince(deps.cloudtrail, since, deps);
  if (!changes.ok) {
    return {
      ok: false,
      reason: `the report AWS returned is ${ageMinutes} minutes old and could not be brought up to date (${changes.reason}); granting cloudtrail:LookupEvents spares reading every user`,
    };
  }
  const updated = await applyChanges(deps, reportUsers, changes.changes);
  return {
    ok: true,
    report,
    users: updated.users,
    verification: {
      reportAgeMinutes: ageMinutes,
      changesSince: changes.since.toISOString(),
      changesUntil: changes.until.toISOString(),
      readLive: updated.readLive,
      createdSince: updated.createdSince,
      deletedSince: updated.deletedSince,
    },
  };
}

/**
 * Applies the recorded changes to the report's users: a user whose last change is its
 * deletion is dropped; every other user named in a change is read live (password, MFA),
 * those not in the report as created since. One that cannot be read keeps its report row
 * and is not assessed.
 */
async function applyChanges(
  deps: LiveDeps,
  reportUsers: readonly Principal[],
  changes: readonly UserChange[],
): Promise<{ users: Users; readLive: number; createdSince: number; deletedSince: number }> {
  const last = new Map<string, UserChange>();
  const createdEvent = new Map<string, UserChange>();
  for (const change of [...changes].sort((a, b) => a.time.getTime() - b.time.getTime())) {
    last.set(change.userName, change);
    if (change.event === 'CreateUser') createdEvent.set(change.userName, change);
  }
  const byName = new Map(reportUsers.map((p) => [p.name, p]));
  const toRead: UserRef[] = [];
  let createdSince = 0;
  let deletedSince = 0;
  for (const [name, change] of last) {
    if (change.event === 'DeleteUser') {
      if (byName.delete(name)) deletedSince += 1;
      continue;
    }
    const inReport = byName.get(name);
    const created = createdEvent.get(name);
    if (!inReport) createdSince += 1;
    toRead.push({
      name,
      arn:
        created?.arn ??
        inReport?.arn ??
        `arn:${deps.caller.partition}:iam::${deps.caller.accountId}:user/${name}`,
      createdAt: created ? created.time.toISOString() : (inReport?.createdAt ?? null),
      passwordLastUsed: created ? null : (inReport?.passwordLastUsed ?? null),
    });
  }

  // One that cannot be read keeps its report row, if any, and is not assessed.
  const { principals, notAssessed } = await assess(deps, toRead, (name) => byName.get(name));
  for (const p of principals) byName.set(p.name, p);
  return {
    users: { principals: [...byName.values()], notAssessed },
    readLive: toRead.length,
    createdSince,
    deletedSince,
  };
}
