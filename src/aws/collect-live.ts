import type { IAMClient } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { AwsAccessError, ReportError } from '../errors.js';
import type {
  AccountSnapshot,
  NotAssessed,
  Principal,
  SnapshotSource,
  Verification,
} from '../model.js';
import { parseCredentialReport, type ParsedReport } from '../report/credential-report.js';
import type { Rule } from '../rules/catalog.js';
import { errorCode, failureKind } from './aws-errors.js';
import { fetchCredentialReport, type FetchedReport } from './fetch-report.js';
import { readRoot } from './root.js';
import { listAllUsers, readUserStates, type UserRef, type UserState } from './user-state.js';

export interface LiveDeps {
  readonly iam: IAMClient;
  readonly sts: STSClient;
  readonly now: () => Date;
  readonly sleep: (ms: number) => Promise<void>;
  readonly log: (message: string) => void;
}

export interface LiveSettings {
  readonly reportTimeoutSeconds: number;
  readonly maxReportAgeMinutes: number;
  readonly includeRoot: boolean;
  /** The rules evaluated: a stale report's candidates are the users that break one. */
  readonly rules: readonly Rule[];
  /** Where the credentials come from, for the message when they do not work. */
  readonly credentialSource: string;
}

interface Users {
  readonly principals: Principal[];
  readonly gaps: NotAssessed[];
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
  const caller = await whoAmI(deps.sts, settings.credentialSource);
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
      users = { principals: reportUsers, gaps: [] };
    } else {
      deps.log(
        `The report is ${Math.round(ageMinutes)} minutes old: re-checking its candidate findings live…`,
      );
      ({ users, verification } = await refreshStaleReport(
        deps.iam,
        reportUsers,
        settings.rules,
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
  const gaps = [...users.gaps];
  if (settings.includeRoot) {
    const root = await readRoot(deps.iam, rootArn, reportRoot);
    if (root.ok) {
      principals.unshift(root.root);
      if (root.centrallyManaged && !root.root.mfaActive) {
        notes.push(
          'The root user has no password and no access keys (root credentials managed centrally by AWS Organizations), so it cannot sign in and is not a finding.',
        );
      }
    } else {
      gaps.push(root.gap);
    }
  }

  return {
    accountId: caller.accountId,
    partition: caller.partition,
    source,
    principals,
    notAssessed: gaps,
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

/** sts:GetCallerIdentity needs no permission: it proves the credentials and names the account. */
async function whoAmI(
  sts: STSClient,
  credentialSource: string,
): Promise<{ accountId: string; partition: string }> {
  try {
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    const partition = /^arn:([^:]+):/.exec(identity.Arn ?? '')?.[1] ?? 'aws';
    if (!identity.Account) throw new Error('no account in the answer');
    return { accountId: identity.Account, partition };
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n', 1)[0] : String(error);
    throw new AwsAccessError(
      `AWS credentials from ${credentialSource} are missing or invalid (sts:GetCallerIdentity: ${errorCode(error)}: ${detail ?? ''}).`,
    );
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
    accessKeysActive: false,
    reportLine: null,
  };
}

/** Reads users' live state; those that cannot be read are gaps. */
async function assess(iam: IAMClient, refs: readonly UserRef[]): Promise<Users> {
  const states = await readUserStates(iam, refs);
  const principals: Principal[] = [];
  const gaps: NotAssessed[] = [];
  refs.forEach((ref, i) => {
    const state = states[i];
    if (state?.ok) principals.push(principalFrom(ref, state));
    else if (state) gaps.push(state.gap);
  });
  return { principals, gaps };
}

/** The fallback when there is no report: ListUsers, then each user's password and MFA. */
async function enumerateUsers(iam: IAMClient, rootArn: string): Promise<Users> {
  let refs: UserRef[];
  try {
    refs = await listAllUsers(iam);
  } catch (error) {
    return { principals: [], gaps: [accountGap(rootArn, error, 'no user could be listed')] };
  }
  return assess(iam, refs);
}

function accountGap(rootArn: string, error: unknown, consequence: string): NotAssessed {
  const action = 'iam:ListUsers';
  const denied = failureKind(error) === 'denied';
  return {
    arn: rootArn,
    name: 'account',
    action,
    reason: `${action} ${denied ? 'was denied' : `failed (${errorCode(error)})`}, so ${consequence}`,
  };
}

/**
 * A report older than max-report-age-minutes: re-check its candidate findings live and
 * drop those fixed since; list users to assess those created since and drop those deleted.
 */
async function refreshStaleReport(
  iam: IAMClient,
  reportUsers: readonly Principal[],
  rules: readonly Rule[],
  ageMinutes: number,
  rootArn: string,
): Promise<{ users: Users; verification: Verification }> {
  const isCandidate = (p: Principal): boolean => rules.some((rule) => rule.breaks(p));
  const candidates = reportUsers.filter(isCandidate);
  const rechecked = await readUserStates(iam, candidates);
  const byArn = new Map(reportUsers.map((p) => [p.arn, p]));
  const gaps: NotAssessed[] = [];
  let dropped = 0;
  candidates.forEach((candidate, i) => {
    const state = rechecked[i];
    if (!state) return;
    if (!state.ok) {
      gaps.push(state.gap); // keeps the report's finding, and says it is unconfirmed
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

  let created: Users = { principals: [], gaps: [] };
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
    gaps.push(accountGap(rootArn, error, 'users created since the report could not be found'));
  }

  return {
    users: {
      principals: [...byArn.values(), ...created.principals],
      gaps: [...gaps, ...created.gaps],
    },
    verification: {
      reportAgeMinutes: Math.round(ageMinutes),
      rechecked: candidates.length,
      dropped,
      createdSince: created.principals.length + created.gaps.length,
    },
  };
}
