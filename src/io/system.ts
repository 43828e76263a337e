import { setTimeout as delay } from 'node:timers/promises';
import type { AuditDeps } from '../audit.js';
import { codeScanningTarget } from '../github/upload.js';
import { fetchIdToken } from './oidc-token.js';
import { pullRequestBase, readWorkflowContext } from './workflow.js';

/**
 * The parts of an audit's deps that are the same for every entry, read from the process
 * once: clock, timer, GitHub's OIDC token, and the runner context (workspace, workflow step,
 * commit and ref). Each entry adds where its log goes, how it shows progress and how it
 * masks secrets.
 */
export function systemDeps(
  log: (message: string) => void,
): Omit<AuditDeps, 'setSecret' | 'progress' | 'readHistory' | 'readAtBase'> {
  const env = process.env;
  // The runner starts steps in the workspace; outside a runner, where the user stands.
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  return {
    idTokenOffered:
      Boolean(env.ACTIONS_ID_TOKEN_REQUEST_URL) && Boolean(env.ACTIONS_ID_TOKEN_REQUEST_TOKEN),
    getIdToken: (audience) => fetchIdToken(env, audience),
    now: () => new Date(),
    sleep: (ms) => delay(ms),
    log,
    context: {
      workspace,
      workflow: readWorkflowContext(env, workspace),
      codeScanning: codeScanningTarget(env),
      pullRequestBase: pullRequestBase(env),
    },
  };
}
