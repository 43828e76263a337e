import * as core from '@actions/core';
import { failureOf } from './errors.js';
import { removeStaleSarif } from './io/sarif-file.js';
import { systemIO } from './io/system.js';
import { discoverAccounts, run, type RunIO } from './main.js';
import { ACTION_INPUTS, parseOptions, sarifFileOf, type ReadInput } from './options.js';
import {
  publishDiscoveryToGitHub,
  publishErrorToGitHub,
  publishToGitHub,
} from './surface/github.js';
import { progressLog } from './surface/progress.js';
import { rememberSecret } from './secrets.js';

const readInput: ReadInput = (name) =>
  ACTION_INPUTS.some((input) => input.name === name) ? core.getInput(name) : undefined;

/** The action's entry: inputs → run → one failure, if any, after every output is written. */
async function main(): Promise<void> {
  let failure: string | null;
  try {
    failure = await audit();
  } catch (error) {
    failure = await reportError(error);
  }
  if (failure !== null) core.setFailed(failure);
}

/** The audit; returns the verdict's reason when it fails the step. */
async function audit(): Promise<string | null> {
  const options = parseOptions(readInput, (name) => `input ${name}`, process.env);
  const log = (message: string): void => {
    core.info(message);
  };
  const io: RunIO = {
    ...systemIO(log),
    progress: progressLog(log),
    setSecret: (value) => {
      rememberSecret(value);
      core.setSecret(value);
    },
    publish: publishToGitHub,
  };
  if (options.discoverOnly) {
    await publishDiscoveryToGitHub(await discoverAccounts(options, io));
    return null;
  }
  const outcome = await run(options, io);
  // A failed upload fails the step too, after the audit's outputs, summary and SARIF stand.
  const reasons = [
    ...(outcome.verdict.result === 'fail' ? [outcome.verdict.why] : []),
    ...(outcome.upload?.kind === 'failed' ? [outcome.upload.reason] : []),
  ];
  return reasons.length === 0 ? null : reasons.join(' ');
}

/**
 * A run that stopped before its verdict still reports: `result: error`, the reason in the
 * job summary, and no SARIF — one an earlier run left is removed so it cannot be uploaded.
 */
async function reportError(error: unknown): Promise<string> {
  const { reason, advice, internal } = failureOf(error);
  if (internal && error instanceof Error && error.stack) core.debug(error.stack);
  const sarifFile = sarifFileOf(readInput);
  let removed: string | null = null;
  try {
    if (await removeStaleSarif(sarifFile)) removed = sarifFile;
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

void main();
