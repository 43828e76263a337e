import { setTimeout as delay } from 'node:timers/promises';
import type { RunIO } from '../main.js';
import { fetchIdToken } from './oidc-token.js';
import { readWorkflowContext } from './workflow.js';

/**
 * The parts of RunIO that are the same for every entry: environment, clock, timer, the
 * folder paths are relative to, GitHub's OIDC token, and the workflow step running the
 * audit. Each entry adds where its log goes, how it shows progress, how it masks secrets and
 * how it shows the outcome.
 */
export function systemIO(
  log: (message: string) => void,
): Omit<RunIO, 'setSecret' | 'publish' | 'progress'> {
  const env = process.env;
  // The runner starts steps in the workspace; outside a runner, where the user stands.
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  return {
    env,
    getIdToken: (audience) => fetchIdToken(env, audience),
    now: () => new Date(),
    sleep: (ms) => delay(ms),
    log,
    workspace,
    workflow: readWorkflowContext(env, workspace, log),
  };
}
