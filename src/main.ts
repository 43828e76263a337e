import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { collectLive } from './aws/collect-live.js';
import { connect } from './aws/connect.js';
import { reuseIdToken, type OidcDeps } from './aws/credentials.js';
import { auditFleet, fleetOf } from './aws/fleet.js';
import { centralRootCredentialsOf } from './aws/root-credentials.js';
import { ConfigurationError, failureOf, UploadError } from './errors.js';
import { snapshotFromReportFile } from './collect/report-file.js';
import { sarifTarget, writeSarif } from './io/sarif-file.js';
import { uploadSarif, uploadTarget, type UploadOutcome } from './github/upload.js';
import { findUserDefinitions, IAC_LIMITS } from './io/iac.js';
import { readSuppressions } from './io/suppressions-file.js';
import {
  notAssessedOf,
  rootArnOf,
  type AccountSnapshot,
  type Finding,
  type Progress,
  type Snapshots,
  type Verdict,
} from './model.js';
import type { Options } from './options.js';
import { applySuppressions, type Suppressed } from './policy/suppressions.js';
import { decide } from './policy/threshold.js';
import { renderSarif, type AlertAnchor, type Definitions } from './render/sarif.js';
import { activeRules, rootIsAudited, type Rule } from './rules/catalog.js';
import { evaluate } from './rules/evaluate.js';
import type { WorkflowContext } from './io/workflow.js';
import { inertJson } from './text.js';
import { HOMEPAGE, RULES_URI, TOOL_NAME, VERSION } from './version.js';

/** Everything a run produced, handed to the surface (action or CLI) to show. */
export interface Outcome {
  /** One per account audited (or asked for and not audited), in the order asked. */
  readonly snapshots: Snapshots;
  readonly rules: readonly Rule[];
  readonly findings: readonly Finding[];
  readonly verdict: Verdict;
  /** The suppressions file read, and its entries that accepted nothing. */
  readonly suppressions: Omit<Suppressed, 'findings'> & { readonly file: string | null };
  readonly sarifFile: string;
  /** Where the alerts point; the action's annotations point there too. */
  readonly anchor: AlertAnchor;
  /** Where the repository defines users: their alerts point there instead. */
  readonly definitions: Definitions;
  readonly finishedAt: Date;
  /** In a workflow, the repository's code-scanning alerts of this tool. */
  readonly alertsUrl: string | null;
  /** With upload-sarif: what became of the upload. A failed one fails the step, after the rest is shown. */
  readonly upload: UploadOutcome | null;
  /** The step outputs, by name. */
  readonly outputs: Readonly<Record<string, string>>;
}

/** What a run needs from the world, so tests can hand it their own. */
export interface RunIO extends OidcDeps {
  readonly now: () => Date;
  readonly sleep: (ms: number) => Promise<void>;
  /** Progress lines for the log. */
  readonly log: (message: string) => void;
  /** How far long work has got (the action logs it, the CLI draws a bar on a terminal). */
  readonly progress: Progress;
  /** The folder repository-relative paths are relative to (the runner's workspace). */
  readonly workspace: string;
  /** The workflow step running the audit and the commit, as the entry read them. */
  readonly workflow: WorkflowContext;
  /** Shows the outcome: job summary, annotations and outputs, or the CLI's table. */
  readonly publish: (outcome: Outcome) => Promise<void>;
}

/**
 * The one pipeline: collect a snapshot, evaluate the rules, decide, render the SARIF and
 * write it, then hand the outcome to the surface. It never fails the step itself; the entry
 * does that once, from the verdict.
 */
export async function run(options: Options, io: RunIO): Promise<Outcome> {
  const startedAt = io.now();
  // Checked before the audit, so a bad path costs no AWS calls and replaces nothing.
  const sarifPath = await sarifTarget(options.sarifFile, options.credentialReport);
  const accepted = await readSuppressions(options.suppressionsFile, io.workspace);
  const iac = await findUserDefinitions(options.iacPaths, io.workspace);
  if (!iac.complete) {
    io.log(
      `Not every file under iac-paths was read (more than ${IAC_LIMITS.files} files, a file over ${IAC_LIMITS.fileBytes / 1024 / 1024} MiB, or ${IAC_LIMITS.milliseconds / 1000} s): some alerts may point at the workflow instead of the code that defines the user.`,
    );
  }
  const rules = activeRules(options.includeRoot, options.requirePhishingResistantMfa);
  const snapshots = await collect(options, io);
  const evaluatedAt = io.now();
  const grace = { hours: options.gracePeriodHours, now: evaluatedAt };
  const { findings, ...entriesNotApplied } = applySuppressions(
    snapshots.flatMap((snapshot) => evaluate(snapshot, rules, grace)),
    accepted.suppressions,
    evaluatedAt,
  );
  const notAssessed = notAssessedOf(snapshots);
  const verdict = decide(findings, notAssessed, options);
  // A fleet is audited only in a workflow (it needs GitHub's OIDC token): its anchor is the step.
  const anchor = alertAnchor(io.workflow, options.credentialReport, io.workspace, snapshots[0]);
  const accounts = snapshots.flatMap((s) => (s.accountId === null ? [] : [s.accountId]));

  const finishedAt = io.now();
  const sarif = renderSarif({
    snapshots,
    definitions: iac.definitions,
    findings,
    rules,
    anchor,
    provenance: io.workflow.provenance,
    category: options.sarifCategory,
    tool: { name: TOOL_NAME, version: VERSION, informationUri: HOMEPAGE, rulesUri: RULES_URI },
    startedAt,
    finishedAt,
  });
  const sarifText = `${inertJson(sarif, 2)}\n`;
  await writeSarif(options.sarifFile, sarifPath, sarifText);
  let upload: UploadOutcome | null = null;
  if (options.uploadSarif && options.githubToken !== null) {
    io.setSecret(options.githubToken);
    upload = await uploaded(sarifText, options.githubToken, io, startedAt);
  }
  const sarifId = upload === null || upload.kind === 'failed' ? null : upload.id;

  const outcome: Outcome = {
    snapshots,
    rules,
    findings,
    verdict,
    suppressions: { file: accepted.file, ...entriesNotApplied },
    sarifFile: options.sarifFile,
    anchor,
    definitions: iac.definitions,
    finishedAt,
    alertsUrl: io.workflow.alertsUrl,
    upload,
    outputs: {
      findings: String(findings.length),
      'failing-findings': String(verdict.counted),
      result: verdict.result,
      'max-severity': verdict.maxSeverity,
      'sarif-file': options.sarifFile,
      ...(sarifId === null ? {} : { 'sarif-id': sarifId }),
      'account-id': snapshots.length === 1 ? (accounts[0] ?? '') : '',
      'not-assessed': String(notAssessed.length),
      suppressed: String(findings.filter((f) => f.suppression !== null).length),
      accounts: JSON.stringify(accounts),
      'accounts-audited': String(snapshots.filter((s) => s.source.kind !== 'not-audited').length),
    },
  };
  await io.publish(outcome);
  return outcome;
}

/**
 * The upload, as a result: a finished audit is never lost to a failed upload. An error that
 * is not the upload's own (a bug) is thrown on.
 */
async function uploaded(
  sarifText: string,
  token: string,
  io: RunIO,
  startedAt: Date,
): Promise<UploadOutcome> {
  try {
    return await uploadSarif(sarifText, token, uploadTarget(io.env, io.workspace, startedAt), io);
  } catch (error) {
    if (!(error instanceof UploadError)) throw error;
    return { kind: 'failed', reason: failureOf(error).reason };
  }
}

/**
 * The snapshots: of a report file (no AWS call), of the live account, or of each account of
 * a fleet.
 */
async function collect(options: Options, io: RunIO): Promise<Snapshots> {
  const auditsRoot = (partition: string): boolean => rootIsAudited(options.includeRoot, partition);
  if (options.credentialReport !== null) {
    return [await snapshotFromReportFile(options.credentialReport, auditsRoot, io.now())];
  }
  const settings = {
    reportTimeoutSeconds: options.reportTimeoutSeconds,
    auditsRoot,
    readsMfaDevices: options.requirePhishingResistantMfa,
  };
  const deps = withReusedToken(io);
  const { scope } = options;
  if (scope.kind === 'one') {
    const session = await connect(options, deps, scope.role);
    const centralRootCredentials = centralRootCredentialsOf(session, session.caller.accountId);
    return [await collectLive({ ...session, ...deps, centralRootCredentials }, settings)];
  }
  const [first, ...rest] = await auditFleet(
    await fleetOf(scope, options, deps),
    options,
    deps,
    settings,
  );
  if (first === undefined) throw new Error('a fleet of no account was audited');
  return [first, ...rest];
}

/** The run's I/O with GitHub's OIDC token fetched once and reused while it is fresh. */
function withReusedToken(io: RunIO): RunIO {
  return { ...io, getIdToken: reuseIdToken(io.getIdToken, io.now) };
}

/**
 * The organization's accounts a fleet run would audit, for a matrix of jobs; an entry of
 * account-filter that names no ACTIVE account stops it, so no account drops out unseen.
 */
export async function discoverAccounts(options: Options, io: RunIO): Promise<string[]> {
  const { scope } = options;
  if (scope.kind !== 'organization') {
    throw new ConfigurationError('discover-only true needs organization-role.');
  }
  const fleet = await fleetOf(scope, options, withReusedToken(io));
  const [unknown] = fleet.unreadable;
  if (unknown !== undefined) throw new ConfigurationError(`${unknown.reason}.`);
  return fleet.targets.map((t) => t.accountId);
}

/**
 * Where alerts point: in a workflow, the step of the workflow file that runs the audit;
 * otherwise each user's line in the report; for a live audit outside a workflow, the root ARN.
 */
function alertAnchor(
  workflow: WorkflowContext,
  credentialReport: string | null,
  workspace: string,
  snapshot: AccountSnapshot,
): AlertAnchor {
  if (workflow.workflow !== null) {
    return { uri: workflow.workflow.path, line: workflow.workflow.line, inRepository: true };
  }
  if (credentialReport !== null) {
    const path = resolve(workspace, credentialReport);
    const inRepo = relative(workspace, path);
    const outside = inRepo.startsWith('..') || isAbsolute(inRepo);
    return {
      uri: outside ? pathToFileURL(path).href : inRepo.split(sep).join('/'),
      line: null,
      inRepository: !outside,
    };
  }
  // A live audit outside a workflow has no file: the account's root ARN is its address.
  return {
    uri: rootArnOf(snapshot.partition, snapshot.accountId ?? ''),
    line: 1,
    inRepository: false,
  };
}
