import * as core from '@actions/core';
import type { AuditDeps } from './audit.js';
import { discoverAccounts } from './audit.js';
import { failureOf } from './errors.js';
import { removeStaleSarif } from './io/sarif-file.js';
import { systemDeps } from './io/system.js';
import { ACTION_INPUTS, parsePlan, sarifFileOf, type ReadInput } from './options.js';
import { baseReader, historyReader } from './read-history.js';
import { runAudit } from './run.js';
import { rememberSecret } from './secrets.js';
import { sarifSink } from './sinks/sarif-file.js';
import type { Sink } from './sinks/sink.js';
import { uploadSink } from './sinks/upload.js';
import { githubSinks, publishDiscoveryToGitHub, publishErrorToGitHub } from './surface/github.js';
import { progressLog } from './surface/progress.js';

const readInput: ReadInput = (name) =>
  ACTION_INPUTS.some((input) => input.name === name) ? core.getInput(name) : undefined;

/**
 * The action: inputs → plan → audit → every output, then one failure of the step, if any,
 * after every output is written. Runs with no arguments, as the runner (and
 * `@github/local-action`) calls it.
 */
export async function run(): Promise<void> {
  let failure: string | null;
  try {
    failure = await audited();
  } catch (error) {
    failure = await reportError(error);
  }
  if (failure !== null) core.setFailed(failure);
}

/** The audit and its outputs; returns why the step fails, when it does. */
async function audited(): Promise<string | null> {
  const plan = parsePlan(readInput, (name) => `input ${name}`, process.env);
  const log = (message: string): void => {
    core.info(message);
  };
  const system = systemDeps(log);
  const deps: AuditDeps = {
    ...system,
    progress: progressLog(log),
    setSecret: (value) => {
      rememberSecret(value);
      core.setSecret(value);
    },
    readHistory: await historyReader(plan.history, system.context, system.now),
    readAtBase: baseReader(plan.history, system.context),
  };
  if (plan.source.kind === 'live' && plan.source.discoverOnly) {
    await publishDiscoveryToGitHub(await discoverAccounts(plan, deps));
    return null;
  }
  const { uploadToken } = plan.outputs;
  if (uploadToken !== null) deps.setSecret(uploadToken);
  // The runner masks the workflow token and secrets itself; the audit keeps it out of what
  // it writes (an API's error may echo it).
  if (plan.history.kind === 'code-scanning') rememberSecret(plan.history.token);
  const sinks: Sink[] = [
    sarifSink(plan.outputs, plan.source),
    ...(uploadToken === null ? [] : [uploadSink(uploadToken, deps.context, deps)]),
    ...githubSinks(),
  ];
  const { failures } = await runAudit(plan, deps, sinks, (message) => {
    core.warning(message);
  });
  return failures.length === 0 ? null : failures.join(' ');
}

/**
 * A run that stopped before its verdict still reports: `result: error`, the reason in the
 * job summary, and no SARIF — one an earlier run left is removed so it cannot be uploaded.
 */
async function reportError(error: unknown): Promise<string> {
  const { reason, advice, internal } = failureOf(error);
  if (internal && error instanceof Error && error.stack) core.debug(error.stack);
  const sarifFile = sarifFileOf(readInput, 'action');
  let removed: string | null = null;
  try {
    if (sarifFile !== null && (await removeStaleSarif(sarifFile))) removed = sarifFile;
  } catch (cleanup) {
    core.warning(
      `The SARIF file an earlier run left at ${sarifFile} could not be removed: ${failureOf(cleanup).reason}`,
    );
  }
  try {
    await publishErrorToGitHub(reason, advice, removed);
  } catch (publish) {
    core.warning(`The error could not be reported in the outputs: ${failureOf(publish).reason}`);
  }
  return reason;
}
