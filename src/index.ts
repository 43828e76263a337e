import * as core from '@actions/core';
import { describeError } from './errors.js';
import { systemIO } from './io/system.js';
import { run } from './main.js';
import { ACTION_INPUTS, parseOptions } from './options.js';
import { publishToGitHub } from './surface/github.js';

/** The action's entry: inputs → run → one failure, if any, after every output is written. */
async function main(): Promise<void> {
  let failure: string | null;
  try {
    const options = parseOptions(
      (name) =>
        ACTION_INPUTS.some((input) => input.name === name) ? core.getInput(name) : undefined,
      (name) => `input ${name}`,
    );
    const outcome = await run(options, {
      ...systemIO(),
      log: (message) => {
        core.info(message);
      },
      getIdToken: (audience) => core.getIDToken(audience),
      setSecret: (value) => {
        core.setSecret(value);
      },
      publish: publishToGitHub,
    });
    failure = outcome.verdict.result === 'fail' ? outcome.verdict.why : null;
  } catch (error) {
    failure = describeError(error);
  }
  if (failure !== null) core.setFailed(failure);
}

void main();
