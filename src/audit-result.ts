import type {
  AccountSnapshot,
  Finding,
  NotAssessed,
  Snapshots,
  Suppression,
  Verdict,
} from './model.js';
import type { FixedAlert, History } from './policy/history.js';
import type { PlanCause } from './policy/terraform.js';
import type { ThresholdPolicy } from './policy/threshold.js';
import { decide } from './policy/threshold.js';
import type { Suppressed } from './policy/suppressions.js';
import type { AlertAnchor, Definitions, Provenance } from './render/sarif.js';
import type { Rule } from './rules/catalog.js';

/** One account of a run: what was read of it (or why it was not audited), and its findings. */
export interface AccountAudit {
  /** Its principals, or, with source `not-audited`, why the account could not be read. */
  readonly snapshot: AccountSnapshot;
  readonly findings: readonly Finding[];
  /** The account judged alone, by the run's policy. */
  readonly verdict: Verdict;
}

/** The accounts of a run, in the order asked for: one account is a fleet of one. */
export type AccountAudits = readonly [AccountAudit, ...AccountAudit[]];

/** On a pull request: the entries of the suppressions file it adds or widens, or why not known. */
export type PullRequestSuppressions =
  | { readonly kind: 'compared'; readonly added: readonly Suppression[] }
  | { readonly kind: 'unreadable'; readonly reason: string };

/** The suppressions file read, and its entries that accepted nothing. */
export type SuppressionsUsed = Omit<Suppressed, 'findings'> & {
  readonly file: string | null;
  /** On a pull request, compared with its base; absent on other runs. */
  readonly pullRequest?: PullRequestSuppressions;
};

/** What an audit found: data only, for the outputs to render. */
export interface AuditResult {
  readonly accounts: AccountAudits;
  readonly rules: readonly Rule[];
  /** Every account's findings, in the order of the accounts. */
  readonly findings: readonly Finding[];
  /** The run's verdict: every account's findings and gaps against one threshold. */
  readonly verdict: Verdict;
  /** What earlier runs knew: read, unreadable (and why) or not asked for. */
  readonly history: History;
  /** Alerts open before whose findings are gone: fixed by this run. */
  readonly fixed: readonly FixedAlert[];
  /** With terraform-plan: the plan files, and the change behind each principal it touches. */
  readonly terraform: {
    readonly files: readonly string[];
    readonly causes: ReadonlyMap<string, PlanCause>;
  } | null;
  readonly suppressions: SuppressionsUsed;
  /** Where the alerts point; the action's annotations point there too. */
  readonly anchor: AlertAnchor;
  /** Where the repository defines users: their alerts point there instead. */
  readonly definitions: Definitions;
  /** The workflow run and commit audited from, in a workflow. */
  readonly provenance: Provenance | null;
  /** In a workflow, the repository's code-scanning alerts of this tool. */
  readonly alertsUrl: string | null;
  /** Why the alerts point at line 1 of the workflow file, when they do for want of the step. */
  readonly anchorNote: string | null;
  readonly startedAt: Date;
  readonly finishedAt: Date;
}

/**
 * Each account with its findings and its own verdict; `findings` holds one list per
 * snapshot, in the same order.
 */
export function accountAudits(
  snapshots: Snapshots,
  findings: readonly (readonly Finding[])[],
  policy: ThresholdPolicy,
): AccountAudits {
  const audit = (snapshot: AccountSnapshot, i: number): AccountAudit => {
    const own = findings[i] ?? [];
    return { snapshot, findings: own, verdict: decide(own, snapshot.notAssessed, policy) };
  };
  const [first, ...rest] = snapshots;
  return [audit(first, 0), ...rest.map((s, i) => audit(s, i + 1))];
}

/** What a run could not read, over all its accounts. */
export function notAssessedOf(accounts: AccountAudits): NotAssessed[] {
  return accounts.flatMap((a) => a.snapshot.notAssessed);
}

/** The principals a run audited, over all its accounts. */
export function principalCount(accounts: AccountAudits): number {
  return accounts.reduce((n, a) => n + a.snapshot.principals.length, 0);
}

/** The partition of a run's accounts (one run audits one partition). */
export function partitionOf(accounts: AccountAudits): string {
  return accounts[0].snapshot.partition;
}

/** The run's only account, or null for a fleet of several. */
export function soleAccount(accounts: AccountAudits): AccountSnapshot | null {
  return accounts.length === 1 ? accounts[0].snapshot : null;
}

/** The account ids audited or asked for (a report of no user names none). */
export function accountIds(accounts: AccountAudits): string[] {
  return accounts.flatMap((a) => (a.snapshot.accountId === null ? [] : [a.snapshot.accountId]));
}

/** What changed since the last run, over the open (not accepted) findings. */
export function changes(result: Pick<AuditResult, 'findings' | 'fixed'>): {
  readonly newOrReopened: number;
  readonly reopened: number;
  readonly stillOpen: number;
  readonly fixed: number;
} {
  const open = result.findings.filter((f) => f.suppression === null);
  const state = (s: string) => open.filter((f) => f.history?.state === s).length;
  return {
    newOrReopened: state('new') + state('reopened'),
    reopened: state('reopened'),
    stillOpen: state('open'),
    fixed: result.fixed.length,
  };
}
