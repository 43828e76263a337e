import * as core from '@actions/core';
import type { Outcome } from '../main.js';
import { notAssessedOf, principalCount } from '../model.js';
import { renderAnnotations } from '../render/annotations.js';
import { renderDiscoverySummary, renderErrorSummary, renderSummary } from '../render/summary.js';

/** Shows an outcome on the runner: step outputs, annotations, a log line and the job summary. */
export async function publishToGitHub(outcome: Outcome): Promise<void> {
  const { verdict, findings, snapshots } = outcome;
  const principals = principalCount(snapshots);
  const where =
    snapshots.length === 1
      ? `account ${snapshots[0].accountId ?? 'unknown'}`
      : `${snapshots.length} accounts`;
  core.info(
    `iam-mfa-audit: ${verdict.result} - ${findings.length} finding(s) in ${principals} principal(s) of ${where}. ${verdict.why}`,
  );
  core.info(`SARIF written to ${outcome.sarifFile}`);

  for (const [name, value] of Object.entries(outcome.outputs)) core.setOutput(name, value);

  const failing = verdict.result === 'fail';
  const annotations = renderAnnotations(
    notAssessedOf(snapshots),
    findings,
    outcome.rules,
    outcome.anchor,
    failing,
    outcome.suppressions,
    outcome.definitions,
  );
  for (const a of annotations) {
    const properties = { title: a.title, file: a.file, startLine: a.startLine };
    if (a.level === 'error') core.error(a.message, properties);
    else if (a.level === 'warning') core.warning(a.message, properties);
    else core.notice(a.message, properties);
  }

  if (outcome.upload?.kind === 'not-processed') core.warning(outcome.upload.reason);

  await writeSummary(renderSummary(outcome));
}

/**
 * Shows a run that stopped before its verdict: `result: error` and the reason in the job
 * summary, so a failed run never leaves an empty page behind.
 */
export async function publishErrorToGitHub(
  reason: string,
  advice: string,
  removedSarif: string | null,
): Promise<void> {
  await writeSummary(renderErrorSummary(reason, advice, removedSarif));
  core.setOutput('result', 'error');
}

/**
 * Shows the accounts a discovery found: the `accounts` output (a JSON array for a matrix),
 * a log line and the job summary. Nothing was audited, so no verdict is given.
 */
export async function publishDiscoveryToGitHub(accounts: readonly string[]): Promise<void> {
  core.info(`iam-mfa-audit: ${accounts.length} ACTIVE account(s) to audit: ${accounts.join(', ')}`);
  core.setOutput('accounts', JSON.stringify(accounts));
  core.setOutput('accounts-audited', '0');
  await writeSummary(renderDiscoverySummary(accounts));
}

/** The job summary is a report, not the verdict: failing to write it is only a warning. */
async function writeSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) {
    core.info('GITHUB_STEP_SUMMARY is not set; no job summary written.');
    return;
  }
  try {
    await core.summary.addRaw(markdown).write();
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n', 1)[0] : String(error);
    core.warning(
      `The job summary could not be written (${why ?? 'unknown error'}); the verdict stands.`,
    );
  } finally {
    core.summary.emptyBuffer();
  }
}
