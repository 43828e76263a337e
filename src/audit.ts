import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  accountAudits,
  accountIds,
  notAssessedOf,
  partitionOf,
  type AccountAudits,
  type AuditResult,
  type PullRequestSuppressions,
} from './audit-result.js';
import { collectLive } from './aws/collect-live.js';
import { connect } from './aws/connect.js';
import { reuseIdToken, type OidcDeps } from './aws/credentials.js';
import { auditFleet, fleetOf } from './aws/fleet.js';
import { centralRootCredentialsOf } from './aws/root-credentials.js';
import { snapshotFromReportFile } from './collect/report-file.js';
import { ConfigurationError, failureOf } from './errors.js';
import { findUserDefinitions, IAC_LIMITS } from './io/iac.js';
import {
  parseSuppressions,
  readSuppressions,
  type SuppressionsRead,
} from './io/suppressions-file.js';
import type { FileAtCommit } from './github/base-file.js';
import {
  rootArnOf,
  type AccountSnapshot,
  type Finding,
  type Progress,
  type Snapshots,
  type Suppression,
} from './model.js';
import type { AuditSource, Plan } from './options.js';
import { fingerprint } from './fingerprint.js';
import { readTerraformPlan, type IamChange } from './iac/terraform-plan.js';
import { withHistory, type History } from './policy/history.js';
import { applyPlan, type PlanCause } from './policy/terraform.js';
import { addedOrWidened, applySuppressions } from './policy/suppressions.js';
import { decide } from './policy/threshold.js';
import { categoryId, type AlertAnchor } from './render/sarif.js';
import { activeRules, collectionNeeds, rootIsAudited, type Rule } from './rules/catalog.js';
import { evaluate } from './rules/evaluate.js';
import type { RunnerContext } from './runner-context.js';

/** What an audit needs from the world, so tests can hand it their own. */
export interface AuditDeps extends OidcDeps {
  readonly now: () => Date;
  readonly sleep: (ms: number) => Promise<void>;
  /** Progress lines for the log. */
  readonly log: (message: string) => void;
  /** How far long work has got (the action logs it, the CLI draws a bar on a terminal). */
  readonly progress: Progress;
  readonly context: RunnerContext;
  /** What earlier runs knew, for the code-scanning category of the run. */
  readonly readHistory: (category: string) => Promise<History>;
  /** On a pull request, a file of the repository as its base holds it; null on other runs. */
  readonly readAtBase: ((path: string) => Promise<FileAtCommit>) | null;
}

/**
 * The audit: reads the suppressions and where the repository defines users, collects each
 * account, evaluates the rules, applies the suppressions and decides. It writes nothing and
 * prints nothing but progress; the outputs render what it returns.
 */
export async function audit(plan: Plan, deps: AuditDeps): Promise<AuditResult> {
  const startedAt = deps.now();
  const { workspace } = deps.context;
  const accepted = await readSuppressions(plan.policy.suppressionsFile, workspace);
  const pullRequest = await comparedWithBase(accepted, workspace, deps.readAtBase);
  const iac = await findUserDefinitions(plan.outputs.iacPaths, workspace);
  if (!iac.complete) {
    deps.log(
      `Not every file under iac-paths was read (more than ${IAC_LIMITS.files} files, a file over ${IAC_LIMITS.fileBytes / 1024 / 1024} MiB, or ${IAC_LIMITS.milliseconds / 1000} s): some alerts may point at the workflow instead of the code that defines the user.`,
    );
  }
  // Read before any AWS call: a file that is no plan stops the run at once.
  const planChanges = (await Promise.all(plan.terraformPlans.map(readTerraformPlan))).flat();
  const rules = activeRules(plan.rules.includeRoot, plan.rules.requirePhishingResistantMfa);
  const collected = await collect(plan.source, rules, plan.rules.includeRoot, deps);
  const evaluatedAt = deps.now();
  const grace = { hours: plan.policy.gracePeriodHours, now: evaluatedAt };
  const planned =
    plan.terraformPlans.length === 0
      ? null
      : afterPlan(
          collected,
          planChanges,
          plan.terraformPlans,
          (s) => evaluate(s, rules, grace),
          evaluatedAt,
        );
  const snapshots = planned?.snapshots ?? collected;
  const perAccount = snapshots.map((snapshot) => evaluate(snapshot, rules, grace));
  const { findings: suppressed, ...entriesNotApplied } = applySuppressions(
    perAccount.flat(),
    accepted.suppressions,
    evaluatedAt,
  );
  // With a plan, the account as it is now is the baseline: the plan's change is what counts.
  const history =
    planned?.history ?? (await deps.readHistory(categoryId(plan.outputs.sarifCategory, snapshots)));
  const { findings, fixed } = withHistory(suppressed, history, plan.policy.acceptDismissedAlerts);
  const accounts = accountAudits(snapshots, splitLike(findings, perAccount), plan.policy);
  const { workflow } = deps.context;
  return {
    accounts,
    rules,
    findings,
    verdict: decide(findings, notAssessedOf(accounts), plan.policy),
    history,
    fixed,
    terraform: planned === null ? null : { files: plan.terraformPlans, causes: planned.causes },
    suppressions: {
      file: accepted.file,
      ...entriesNotApplied,
      ...(pullRequest === null ? {} : { pullRequest }),
    },
    anchor: alertAnchor(deps.context, plan.source, accounts),
    definitions: iac.definitions,
    provenance: workflow.provenance,
    alertsUrl: workflow.alertsUrl,
    anchorNote: workflow.anchorNote ?? null,
    startedAt,
    finishedAt: deps.now(),
  };
}

/**
 * On a pull request, the entries of the suppressions file that it adds or widens compared
 * with its base, so the reviewer sees the exception being granted; null on other runs or
 * without a file in the repository.
 */
async function comparedWithBase(
  accepted: SuppressionsRead,
  workspace: string,
  readAtBase: AuditDeps['readAtBase'],
): Promise<PullRequestSuppressions | null> {
  if (readAtBase === null || accepted.file === null) return null;
  const inRepository = relative(workspace, resolve(workspace, accepted.file));
  if (inRepository.startsWith('..') || isAbsolute(inRepository)) return null;
  const base = await readAtBase(inRepository.split(sep).join('/'));
  if (base.kind === 'unreadable') return { kind: 'unreadable', reason: base.reason };
  let entries: Suppression[] = [];
  if (base.kind === 'text') {
    try {
      entries = parseSuppressions(base.text, `${accepted.file} at the base`);
    } catch (error) {
      return { kind: 'unreadable', reason: failureOf(error).reason };
    }
  }
  return { kind: 'compared', added: addedOrWidened(accepted.suppressions, entries) };
}

/**
 * The account after the plan, and the account now as the history it is judged against: a
 * finding the plan causes is new, one it clears is fixed.
 */
function afterPlan(
  snapshots: Snapshots,
  changes: readonly IamChange[],
  files: readonly string[],
  judge: (snapshot: AccountSnapshot) => Finding[],
  now: Date,
): { snapshots: Snapshots; history: History; causes: ReadonlyMap<string, PlanCause> } {
  const [only, ...others] = snapshots;
  if (others.length > 0) {
    throw new ConfigurationError(
      'terraform-plan: a plan changes one account; audit that account alone, or leave terraform-plan empty for a fleet.',
    );
  }
  const before = judge(only);
  const after = applyPlan(only, changes, now);
  return {
    snapshots: [after.snapshot],
    causes: after.causes,
    history: {
      kind: 'read',
      source: `the account now, before ${files.join(', ')}`,
      alerts: [],
      alertOf: new Map(),
      known: new Set(before.map(fingerprint)),
      principals: new Map(before.map((f) => [fingerprint(f), f.principal.arn])),
    },
  };
}

/** `items` cut into lists as long as those of `shape`, in order. */
function splitLike<T>(items: readonly T[], shape: readonly (readonly unknown[])[]): T[][] {
  let at = 0;
  return shape.map((part) => items.slice(at, (at += part.length)));
}

/**
 * The snapshots: of a report file (no AWS call), of the live account, or of each account of
 * a fleet; each reads what the active rules need.
 */
async function collect(
  source: AuditSource,
  rules: readonly Rule[],
  includeRoot: boolean,
  deps: AuditDeps,
): Promise<Snapshots> {
  const auditsRoot = (partition: string): boolean => rootIsAudited(includeRoot, partition);
  if (source.kind === 'report-file') {
    return [await snapshotFromReportFile(source.path, auditsRoot, deps.now())];
  }
  const settings = {
    reportTimeoutSeconds: source.reportTimeoutSeconds,
    auditsRoot,
    readsMfaDevices: collectionNeeds(rules).mfaDevices,
  };
  const withToken = withReusedToken(deps);
  const { scope, session } = source;
  if (scope.kind === 'one') {
    const signedIn = await connect(session, withToken, scope.role);
    const centralRootCredentials = centralRootCredentialsOf(signedIn, signedIn.caller.accountId);
    return [await collectLive({ ...signedIn, ...withToken, centralRootCredentials }, settings)];
  }
  const fleet = await fleetOf(scope, session, withToken);
  const [first, ...rest] = await auditFleet(
    fleet,
    session,
    source.maxParallelAccounts,
    withToken,
    settings,
  );
  if (first === undefined) throw new Error('a fleet of no account was audited');
  return [first, ...rest];
}

/** The deps with GitHub's OIDC token fetched once and reused while it is fresh. */
function withReusedToken<D extends OidcDeps & { readonly now: () => Date }>(deps: D): D {
  return { ...deps, getIdToken: reuseIdToken(deps.getIdToken, deps.now) };
}

/**
 * The organization's accounts a fleet run would audit, for a matrix of jobs; an entry of
 * account-filter that names no ACTIVE account stops it, so no account drops out unseen.
 */
export async function discoverAccounts(plan: Plan, deps: AuditDeps): Promise<string[]> {
  const { source } = plan;
  if (source.kind !== 'live' || source.scope.kind !== 'organization') {
    throw new ConfigurationError('discover-only true needs organization-role.');
  }
  const fleet = await fleetOf(source.scope, source.session, withReusedToken(deps));
  const [unknown] = fleet.unreadable;
  if (unknown !== undefined) throw new ConfigurationError(`${unknown.reason}.`);
  return fleet.targets.map((t) => t.accountId);
}

/**
 * Where alerts point: in a workflow, the step of the workflow file that runs the audit;
 * otherwise each user's line in the report; for a live audit outside a workflow, the root ARN
 * of the account (a fleet needs GitHub's OIDC token, so it runs in a workflow).
 */
function alertAnchor(
  context: RunnerContext,
  source: AuditSource,
  accounts: AccountAudits,
): AlertAnchor {
  const { workflow } = context.workflow;
  if (workflow !== null) return { uri: workflow.path, line: workflow.line, inRepository: true };
  if (source.kind === 'report-file') {
    const path = resolve(context.workspace, source.path);
    const inRepo = relative(context.workspace, path);
    const outside = inRepo.startsWith('..') || isAbsolute(inRepo);
    return {
      uri: outside ? pathToFileURL(path).href : inRepo.split(sep).join('/'),
      line: null,
      inRepository: !outside,
    };
  }
  const [accountId = ''] = accountIds(accounts);
  return { uri: rootArnOf(partitionOf(accounts), accountId), line: 1, inRepository: false };
}
