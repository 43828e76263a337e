import * as core from '@actions/core';
import type { Outcome } from '../main.js';

/** Shows an outcome on the runner: job summary, annotations, step outputs and a log line. */
export async function publishToGitHub(outcome: Outcome): Promise<void> {
  const { verdict, findings, snapshot } = outcome;
  core.info(
    `iam-mfa-audit: ${verdict.result} - ${findings.length} finding(s) in ${snapshot.principals.length} principal(s) of account ${snapshot.accountId ?? 'unknown'}. ${verdict.why}`,
  );
  core.info(`SARIF written to ${outcome.sarifFile}`);

  for (const [name, value] of Object.entries(outcome.outputs)) core.setOutput(name, value);

  for (const a of outcome.annotations) {
    const properties = { title: a.title, file: a.file, startLine: a.startLine };
    if (a.level === 'error') core.error(a.message, properties);
    else if (a.level === 'warning') core.warning(a.message, properties);
    else core.notice(a.message, properties);
  }

  if (process.env.GITHUB_STEP_SUMMARY) {
    await core.summary.addRaw(outcome.summary).write();
  } else {
    core.info('GITHUB_STEP_SUMMARY is not set; no job summary written.');
  }
}
