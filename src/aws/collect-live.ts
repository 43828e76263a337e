import type { IAMClient } from '@aws-sdk/client-iam';
import { ReportError } from '../errors.js';
import type {
  AccountSnapshot,
  NotAssessed,
  Principal,
  SnapshotSource,
  Verification,
} from '../model.js';
import { parseCredentialReport, type ParsedReport } from '../report/credential-report.js';
import { describeFailure, rethrowUnlessAws } from './aws-errors.js';
import type { Caller } from './connect.js';
import { fetchCredentialReport, type FetchedReport } from './fetch-report.js';
import { readRoot } from './root.js';
import { listAllUsers, readUserStates, type UserRef, type UserState } from './user-state.js';

export interface LiveDeps {
  readonly iam: IAMClient;
  /** The account the credentials act in. */
  readonly caller: Caller;
  readonly now: () => Date;
  readonly sleep: (ms: number) => Promise<void>;
  readonly log: (message: string) => void;
}

export interface LiveSettings {
  readonly reportTimeoutSeconds: number;
  readonly maxReportAgeMinutes: number;
  /** Whether root is read in a partition (include-root, and its rule applies there). */
  readonly auditsRoot: (partition: string) => boolean;
  /** Whether a principal breaks a rule of the run: a stale report's candidates are those that do. */
  readonly breaksARule: (principal: Principal) => boolean;
}

interface Users {
  readonly principals: Principal[];
  readonly notAssessed: NotAssessed[];
}

/**
 * Reads the live account: the credential report when it can be had (re-checking a stale
 * one), or user by user when it cannot; then root from the account summary. What could
 * not be read is listed as not assessed, never left out silently.
 */
export async function collectLive(
  deps: LiveDeps,
  settings: LiveSettings,
): Promise<AccountSnapshot> {
  const { caller } = deps;
  const rootArn = `arn:${caller.partition}:iam::${caller.accountId}:root`;

  deps.log('Requesting the IAM credential report…');
  const attempt = await fetchCredentialReport(deps.iam, settings.reportTimeoutSeconds * 1000, deps);
  let source: SnapshotSource;
  let users: Users;
  let verification: Verification | null = null;
  let reportRoot: Principal | undefined;

  const read = attempt.ok ? readReport(attempt.report) : attempt;
  if (read.ok) {
    const { report, parsed } = read;
    source = {
      kind: 'live-report',
      generatedAt: report.generatedAt,
      generatedByThisRun: report.generatedByThisRun,
    };
    reportRoot = parsed.principals.find((p) => p.kind === 'root');
    const reportUsers = parsed.principals.filter((p) => p.kind === 'user');
    const ageMinutes = (deps.now().getTime() - report.generatedAt.getTime()) / 60_000;
    if (report.generatedByThisRun || ageMinutes <= settings.maxReportAgeMinutes) {
      users = { principals: reportUsers, notAssessed: [] };
    } else {
      deps.log(
        `The report is ${Math.round(ageMinutes)} minutes old: re-checking its candidate findings live…`,
      );
      ({ users, verification } = await refreshStaleReport(
        deps.iam,
        reportUsers,
        settings.breaksARule,
        ageMinutes,
        rootArn,
      ));
    }
  } else {
    deps.log(`No credential report (${read.reason}): reading users one by one…`);
    source = { kind: 'live-enumeration', reason: read.reason };
    users = await enumerateUsers(deps.iam, rootArn);
  }

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

function principalFrom(user: UserRef, state: UserState & { ok: true }): Principal {
  return {
    kind: 'user',
    name: user.name,
    arn: user.arn,
    createdAt: user.createdAt,
    consolePassword: state.consolePassword,
    passwordLastUsed: state.consolePassword ? (user.passwordLastUsed ?? 'never') : null,
    mfaActive: state.mfaActive,
    accessKeysActive: null, // ListUsers and the user reads do not look at keys
    reportLine: null,
  };
}

/** Reads users' live state; those that cannot be read are not assessed. */
async function assess(iam: IAMClient, refs: readonly UserRef[]): Promise<Users> {
  const states = await readUserStates(iam, refs);
  const principals: Principal[] = [];
  const notAssessed: NotAssessed[] = [];
  refs.forEach((ref, i) => {
    const state = states[i];
    if (state?.ok) principals.push(principalFrom(ref, state));
    else if (state) notAssessed.push(state.notAssessed);
  });
  return { principals, notAssessed };
}

/** The fallback when there is no report: ListUsers, then each user's password and MFA. */
async function enumerateUsers(iam: IAMClient, rootArn: string): Promise<Users> {
  let refs: UserRef[];
  try {
    refs = await listAllUsers(iam);
  } catch (error) {
    return {
      principals: [],
      notAssessed: [accountNotAssessed(rootArn, error, 'no user could be listed')],
    };
  }
  return assess(iam, refs);
}

/** The whole account's users, when iam:ListUsers could not be read. */
function accountNotAssessed(rootArn: string, error: unknown, consequence: string): NotAssessed {
  rethrowUnlessAws(error);
  const action = 'iam:ListUsers';
  return {
    arn: rootArn,
    name: 'account',
    action,
    reason: `${consequence}: ${describeFailure(action, error)}`,
  };
}

/**
 * A report older than max-report-age-minutes: re-check its candidate findings live and
 * drop those fixed since; list users to assess those created since and drop those deleted.
 */
async function refreshStaleReport(
  iam: IAMClient,
  reportUsers: readonly Principal[],
  isCandidate: (principal: Principal) => boolean,
  ageMinutes: number,
  rootArn: string,
): Promise<{ users: Users; verification: Verification }> {
  const candidates = reportUsers.filter(isCandidate);
  const rechecked = await readUserStates(iam, candidates);
  const byArn = new Map(reportUsers.map((p) => [p.arn, p]));
  const notAssessed: NotAssessed[] = [];
  let dropped = 0;
  candidates.forEach((candidate, i) => {
    const state = rechecked[i];
    if (!state) return;
    if (!state.ok) {
      notAssessed.push(state.notAssessed); // keeps the report's finding, and says it is unconfirmed
      return;
    }
    const now = {
      ...candidate,
      consolePassword: state.consolePassword,
      mfaActive: state.mfaActive,
    };
    byArn.set(candidate.arn, now);
    if (!isCandidate(now)) dropped += 1;
  });

  let created: Users = { principals: [], notAssessed: [] };
  try {
    const listed = await listAllUsers(iam);
    const listedArns = new Set(listed.map((u) => u.arn));
    for (const arn of [...byArn.keys()]) if (!listedArns.has(arn)) byArn.delete(arn); // deleted since
    const inReport = new Set(reportUsers.map((p) => p.arn));
    created = await assess(
      iam,
      listed.filter((u) => !inReport.has(u.arn)),
    );
  } catch (error) {
    notAssessed.push(
      accountNotAssessed(rootArn, error, 'users created since the report could not be found'),
    );
  }

  return {
    users: {
      principals: [...byArn.values(), ...created.principals],
      notAssessed: [...notAssessed, ...created.notAssessed],
    },
    verification: {
      reportAgeMinutes: Math.round(ageMinutes),
      rechecked: candidates.length,
      dropped,
      createdSince: created.principals.length + created.notAssessed.length,
    },
  };
}
