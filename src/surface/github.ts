import * as core from '@actions/core';
import { notAssessedOf, principalCount, soleAccount } from '../audit-result.js';
import { renderAnnotations } from '../render/annotations.js';
import { stepOutputs } from '../render/outputs.js';
import { renderDiscoverySummary, renderErrorSummary, renderSummary } from '../render/summary.js';
import type { Outcome, Sink } from '../sinks/sink.js';

/**
 * The action's outputs of a finished audit: the step outputs, the annotations (with a log
 * line of the verdict) and the job summary. Later steps gate on the outputs, so they are
 * required; the annotations and the summary may fail alone.
 */
export function githubSinks(): Sink[] {
  return [
    {
      name: 'step outputs',
      required: true,
      emit: (outcome) => {
        for (const [name, value] of Object.entries(stepOutputs(outcome))) {
          core.setOutput(name, value);
        }
        return Promise.resolve(undefined);
      },
    },
    {
      name: 'annotations',
      required: false,
      emit: (outcome) => {
        annotate(outcome);
        return Promise.resolve(undefined);
      },
    },
    {
      name: 'job summary',
      required: false,
      emit: async (outcome) => {
        await writeSummary(renderSummary(outcome));
        return undefined;
      },
    },
  ];
}

/** The verdict in the log, an annotation per finding and gap, and a not-processed upload. */
function annotate(outcome: Outcome): void {
  const { verdict, findings, accounts } = outcome;
  const sole = soleAccount(accounts);
  const where =
    sole === null ? `${accounts.length} accounts` : `account ${sole.accountId ?? 'unknown'}`;
  core.info(
    `iam-mfa-audit: ${verdict.result} - ${findings.length} finding(s) in ${principalCount(accounts)} principal(s) of ${where}. ${verdict.why}`,
  );
  if (outcome.sarifFile !== null) core.info(`SARIF written to ${outcome.sarifFile}`);
  const alerts = findings.length + notAssessedOf(accounts).length;
  if (alerts > 0 && outcome.anchorNote !== null) core.info(outcome.anchorNote);
  const annotations = renderAnnotations(
    notAssessedOf(accounts),
    findings,
    outcome.rules,
    outcome.anchor,
    verdict.result === 'fail',
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
