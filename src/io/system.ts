import { setTimeout as delay } from 'node:timers/promises';
import type { AuditDeps } from '../audit.js';
import { codeScanningTarget } from '../github/upload.js';
import type { Plan } from '../options.js';
import { baseReader, historyReader } from '../read-history.js';
import { rememberSecret } from '../secrets.js';
import { fetchIdToken } from './oidc-token.js';
import { pullRequestBase, readWorkflowContext } from './workflow.js';

/** What an entry decides: where its log goes, how it shows progress, how it masks secrets. */
export type EntryDeps = Pick<AuditDeps, 'log' | 'progress' | 'setSecret'>;

/**
 * An audit's deps for `plan`, read from the process once: clock, timer, GitHub's OIDC token,
 * the runner context (workspace, workflow step, commit and ref, pull-request base) and how
 * earlier runs are read (a baseline file is read now, so a bad one costs no AWS call). The
 * entry adds its log, progress and masking.
 */
export async function systemDeps(plan: Plan, entry: EntryDeps): Promise<AuditDeps> {
  const env = process.env;
  // The runner starts steps in the workspace; outside a runner, where the user stands.
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const context = {
    workspace,
    workflow: readWorkflowContext(env, workspace),
    codeScanning: codeScanningTarget(env),
    // The event is read only when the suppressions file is compared with the base.
    pullRequestBase: plan.history.kind === 'code-scanning' ? pullRequestBase(env) : null,
  };
  const now = (): Date => new Date();
  // The runner masks the workflow token and secrets itself; the audit keeps the token out of
  // what it writes (an API's error may echo it).
  if (plan.history.kind === 'code-scanning') rememberSecret(plan.history.token);
  return {
    ...entry,
    idTokenOffered:
      Boolean(env.ACTIONS_ID_TOKEN_REQUEST_URL) && Boolean(env.ACTIONS_ID_TOKEN_REQUEST_TOKEN),
    getIdToken: (audience) => fetchIdToken(env, audience),
    now,
    sleep: (ms) => delay(ms),
    context,
    readHistory: await historyReader(plan.history, context, now),
    readAtBase: baseReader(plan.history, context),
  };
}
