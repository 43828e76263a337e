import * as core from '@actions/core';
import { discoverAccounts } from './audit.js';
import { failureOf } from './errors.js';
import { removeStaleSarif } from './io/sarif-file.js';
import { systemDeps } from './io/system.js';
import { ACTION_INPUTS, parsePlan, sarifFileOf, type ReadInput } from './options.js';
import { runAudit } from './run.js';
import { rememberSecret } from './secrets.js';
import { deliverySinks } from './sinks/delivery.js';
import type { Sink } from './sinks/sink.js';
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
  const deps = await systemDeps(plan, {
    log,
    progress: progressLog(log),
    setSecret: (value) => {
      rememberSecret(value);
      core.setSecret(value);
    },
  });
  if (plan.source.kind === 'live' && plan.source.discoverOnly) {
    await publishDiscoveryToGitHub(await discoverAccounts(plan, deps));
    return null;
  }
  const sinks: Sink[] = [...deliverySinks(plan, deps), ...githubSinks()];
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
