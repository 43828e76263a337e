import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { collectLive } from './aws/collect-live.js';
import { connect } from './aws/connect.js';
import type { OidcDeps } from './aws/credentials.js';
import { snapshotFromReportFile } from './collect/report-file.js';
import type { AccountSnapshot, Finding, Verdict } from './model.js';
import type { Options } from './options.js';
import { countedFindings, decide } from './policy/threshold.js';
import { renderAnnotations, type Annotation } from './render/annotations.js';
import { renderSarif, type AlertAnchor } from './render/sarif.js';
import { renderSummary } from './render/summary.js';
import { activeRules, type Rule } from './rules/catalog.js';
import { evaluate } from './rules/evaluate.js';
import { writeFileAtomic } from './io/write-atomic.js';
import { VERSION } from './version.js';

/** Everything a run produced, handed to the surface (action or CLI) to show. */
export interface Outcome {
  readonly snapshot: AccountSnapshot;
  readonly rules: readonly Rule[];
  readonly findings: readonly Finding[];
  readonly verdict: Verdict;
  readonly sarifFile: string;
  readonly summary: string;
  readonly annotations: readonly Annotation[];
  readonly outputs: Readonly<Record<string, string>>;
}

/** What a run needs from the world, so tests can hand it their own. */
export interface RunIO extends OidcDeps {
  readonly now: () => Date;
  readonly sleep: (ms: number) => Promise<void>;
  /** Progress lines for the log. */
  readonly log: (message: string) => void;
  /** Shows the outcome: job summary, annotations and outputs, or the CLI's table. */
  readonly publish: (outcome: Outcome) => Promise<void>;
}

/**
 * The one pipeline: collect a snapshot, evaluate the rules, decide, render, and write
 * every output. It never fails the step itself; the entry does that once, from the verdict.
 */
export async function run(options: Options, io: RunIO): Promise<Outcome> {
  const startedAt = io.now();
  const rules = activeRules(options.includeRoot);
  const snapshot = await collect(options, io, rules);
  const findings = evaluate(snapshot, rules);
  const verdict = decide(findings, snapshot.notAssessed, options);
  const anchor = alertAnchor(options, io.env, snapshot);

  const sarif = renderSarif({
    snapshot,
    findings,
    rules,
    anchor,
    toolVersion: VERSION,
    startedAt,
    finishedAt: io.now(),
  });
  await writeFileAtomic(options.sarifFile, `${JSON.stringify(sarif, null, 2)}\n`);

  const outcome: Outcome = {
    snapshot,
    rules,
    findings,
    verdict,
    sarifFile: options.sarifFile,
    summary: renderSummary({
      snapshot,
      findings,
      rules,
      verdict,
      sarifFile: options.sarifFile,
      now: io.now(),
    }),
    annotations: renderAnnotations(snapshot, findings, rules, anchor),
    outputs: {
      findings: String(findings.length),
      'failing-findings': String(countedFindings(findings, options).length),
      result: verdict.result,
      'max-severity': verdict.maxSeverity,
      'sarif-file': options.sarifFile,
      'account-id': snapshot.accountId ?? '',
      'not-assessed': String(snapshot.notAssessed.length),
    },
  };
  await io.publish(outcome);
  return outcome;
}

/** The snapshot from a report file (no AWS call) or from the live account. */
async function collect(
  options: Options,
  io: RunIO,
  rules: readonly Rule[],
): Promise<AccountSnapshot> {
  if (options.credentialReport !== null) return snapshotFromReportFile(options.credentialReport);
  const { iam, sts } = await connect(options, io);
  return collectLive(
    { iam, sts, now: io.now, sleep: io.sleep, log: io.log },
    {
      reportTimeoutSeconds: options.reportTimeoutSeconds,
      maxReportAgeMinutes: options.maxReportAgeMinutes,
      includeRoot: options.includeRoot,
      rules,
      credentialSource: credentialSource(options),
    },
  );
}

function credentialSource(options: Options): string {
  if (options.roleToAssume !== null) return `the role ${options.roleToAssume}`;
  if (options.profile !== null) return `profile ${options.profile}`;
  return "the AWS SDK's default credential chain (environment, shared config, instance role; or set role-to-assume)";
}

/**
 * Where alerts point: in a workflow, the line of the workflow file that uses this action
 * (GITHUB_WORKFLOW_REF is `owner/repo/PATH@REF`); otherwise each user's line in the report.
 */
export function alertAnchor(
  options: Options,
  env: RunIO['env'],
  snapshot: AccountSnapshot,
): AlertAnchor {
  const root = env.GITHUB_WORKSPACE ?? process.cwd();
  const workflow = /^[^/]+\/[^/]+\/(.+?)@/.exec(env.GITHUB_WORKFLOW_REF ?? '')?.[1];
  if (workflow) return { uri: workflow, line: lineOfStep(resolve(root, workflow)) };
  if (options.credentialReport !== null) {
    const path = resolve(options.credentialReport);
    const inRepo = relative(root, path);
    const uri =
      inRepo.startsWith('..') || isAbsolute(inRepo)
        ? pathToFileURL(path).href
        : inRepo.split(sep).join('/');
    return { uri, line: null };
  }
  // A live audit outside a workflow has no file: the account's root ARN is its address.
  return { uri: `arn:${snapshot.partition}:iam::${snapshot.accountId ?? ''}:root`, line: 1 };
}

function lineOfStep(workflowPath: string): number {
  try {
    const lines = readFileSync(workflowPath, 'utf8').split(/\r?\n/);
    const index = lines.findIndex((line) => /uses:.*iam-mfa-audit/.test(line));
    return index >= 0 ? index + 1 : 1;
  } catch {
    return 1;
  }
}
