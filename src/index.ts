import * as core from '@actions/core';
import { describeError } from './errors.js';
import { run } from './main.js';
import { parseOptions } from './options.js';
import { publishToGitHub } from './surface/github.js';

/** The action's entry: inputs → run → one failure, if any, after every output is written. */
async function main(): Promise<void> {
  let failure: string | null;
  try {
    const options = parseOptions(
      (name) => core.getInput(name),
      (name) => `input ${name}`,
    );
    const outcome = await run(options, {
      env: process.env,
      now: () => new Date(),
      publish: publishToGitHub,
    });
    failure = outcome.verdict.result === 'fail' ? outcome.verdict.why : null;
  } catch (error) {
    failure = describeError(error);
  }
  if (failure !== null) core.setFailed(failure);
}

void main();
