import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type YAMLMap } from 'yaml';
import type { Provenance } from '../render/sarif.js';
import { TOOL_NAME } from '../version.js';

/** What the runner says about the workflow run; all unset outside GitHub Actions. */
interface WorkflowRun {
  /** The workflow file, relative to the repository root (from GITHUB_WORKFLOW_REF). */
  readonly path: string;
  /** The job's id (GITHUB_JOB). */
  readonly job: string | null;
  /** The step's id, or the runner's generated name such as `__self` (GITHUB_ACTION). */
  readonly step: string | null;
  /** `owner/repo` of the action a `uses: owner/repo@ref` step runs (GITHUB_ACTION_REPOSITORY). */
  readonly actionRepository: string | null;
  /** Where the runner put the action's files (GITHUB_ACTION_PATH). */
  readonly actionPath: string | null;
}

/** Where the action's alerts belong in the repository, and the commit audited. */
export interface WorkflowContext {
  readonly workflow: { readonly path: string; readonly line: number } | null;
  readonly provenance: Provenance | null;
  /** The repository's code-scanning alerts of this tool (GITHUB_SERVER_URL, GITHUB_REPOSITORY). */
  readonly alertsUrl: string | null;
  /** Why alerts point at line 1 of the workflow, to log when the run makes an alert. */
  readonly anchorNote?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

const set = (value: string | undefined): string | null =>
  value === undefined || value === '' ? null : value;

/** The run as the runner's variables describe it; null outside a workflow. */
function workflowRun(env: Env): WorkflowRun | null {
  // GITHUB_WORKFLOW_REF is `owner/repo/PATH@REF`.
  const path = /^[^/]+\/[^/]+\/(.+?)@/.exec(env.GITHUB_WORKFLOW_REF ?? '')?.[1];
  if (path === undefined) return null;
  return {
    path,
    job: set(env.GITHUB_JOB),
    step: set(env.GITHUB_ACTION),
    actionRepository: set(env.GITHUB_ACTION_REPOSITORY),
    actionPath: set(env.GITHUB_ACTION_PATH),
  };
}

/** The repository and commit of the run, for SARIF's versionControlProvenance. */
function provenanceOf(env: Env): Provenance | null {
  const server = set(env.GITHUB_SERVER_URL) ?? 'https://github.com';
  const repository = set(env.GITHUB_REPOSITORY);
  const revision = set(env.GITHUB_SHA);
  if (repository === null || revision === null) return null;
  const branch = env.GITHUB_REF?.startsWith('refs/heads/') ? env.GITHUB_REF.slice(11) : null;
  return { repositoryUri: `${server}/${repository}`, revisionId: revision, branch };
}

/**
 * The 1-based line of the step that runs this action in a workflow file, or null when no
 * step can be told to be it. The step is found in the job GITHUB_JOB names: by its `id`
 * (GITHUB_ACTION), else by its `uses:` — `owner/repo[/path]@ref` for a published action,
 * a local path (`./`, `./path`) resolved against the workspace for one in the repository.
 */
function lineOfStep(text: string, run: WorkflowRun, workspace: string): number | null {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines });
  const jobs = document.get('jobs');
  if (!isMap(jobs)) return null;
  const steps = jobs.items
    .filter((job) => run.job === null || (isScalar(job.key) && job.key.value === run.job))
    .flatMap((job) => {
      const list = isMap(job.value) ? job.value.get('steps') : null;
      return isSeq(list) ? list.items.filter(isMap) : [];
    });

  const stringAt = (step: YAMLMap, key: string): string | null => {
    const value = step.get(key);
    return typeof value === 'string' ? value : null;
  };
  const usesThisAction = (step: YAMLMap): boolean => {
    const uses = stringAt(step, 'uses');
    if (uses === null) return false;
    if (run.actionRepository !== null) {
      const [target = ''] = uses.split('@');
      const [owner, repo] = target.split('/');
      return `${owner ?? ''}/${repo ?? ''}`.toLowerCase() === run.actionRepository.toLowerCase();
    }
    if (!uses.startsWith('./') && uses !== '.') return false;
    return run.actionPath === null || resolve(workspace, uses) === resolve(run.actionPath);
  };

  const byId = steps.find((step) => run.step !== null && stringAt(step, 'id') === run.step);
  const step = byId ?? steps.find(usesThisAction);
  if (step === undefined) return null;
  // The `uses:` line names the action; a step without one is pointed at where it starts.
  const uses = step.items.find((pair) => isScalar(pair.key) && pair.key.value === 'uses');
  const offset = (isScalar(uses?.key) ? uses.key.range?.[0] : undefined) ?? step.range?.[0];
  return offset === undefined ? null : lines.linePos(offset).line;
}

/**
 * Reads the workflow file (at the edge: the pipeline itself reads no files) and finds the
 * step that runs this action. Says in the log when it cannot, rather than quietly using line 1.
 */
export function readWorkflowContext(env: Env, workspace: string): WorkflowContext {
  const context = { provenance: provenanceOf(env), alertsUrl: alertsUrlOf(env) };
  const run = workflowRun(env);
  if (run === null) return { workflow: null, ...context };
  let text: string;
  try {
    text = readFileSync(resolve(workspace, run.path), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return {
      workflow: { path: run.path, line: 1 },
      ...context,
      anchorNote: `Alerts point at line 1 of ${run.path}: the workflow file could not be read from the workspace (${code}); check out the repository before this step to anchor them on the step.`,
    };
  }
  const line = lineOfStep(text, run, workspace);
  if (line !== null) return { workflow: { path: run.path, line }, ...context };
  return {
    workflow: { path: run.path, line: 1 },
    ...context,
    anchorNote: `Alerts point at line 1 of ${run.path}: no step of job ${run.job ?? '(any)'} in it runs this action (step ${run.step ?? 'unknown'}).`,
  };
}

/** The largest event payload read: GitHub caps a webhook payload at 25 MB. */
const MAX_EVENT_BYTES = 25 * 1024 * 1024;

/**
 * On a `pull_request` (or `pull_request_target`) run, the base commit from the event the
 * runner wrote (GITHUB_EVENT_PATH); null on other runs, or when the event cannot be read.
 */
export function pullRequestBase(env: Env): string | null {
  const event = env.GITHUB_EVENT_NAME;
  const path = set(env.GITHUB_EVENT_PATH);
  if ((event !== 'pull_request' && event !== 'pull_request_target') || path === null) return null;
  try {
    if (statSync(path).size > MAX_EVENT_BYTES) return null;
    const payload = JSON.parse(readFileSync(path, 'utf8')) as {
      pull_request?: { base?: { sha?: unknown } };
    };
    const sha = payload.pull_request?.base?.sha;
    return typeof sha === 'string' && /^[0-9a-f]{40}$/.test(sha) ? sha : null;
  } catch {
    return null;
  }
}

/** The repository's open code-scanning alerts of this tool, in a workflow; null elsewhere. */
function alertsUrlOf(env: Env): string | null {
  const server = env.GITHUB_SERVER_URL ?? '';
  const repository = env.GITHUB_REPOSITORY ?? '';
  if (!/^https?:\/\/[\w.:-]+$/.test(server) || !/^[\w.-]+\/[\w.-]+$/.test(repository)) return null;
  const query = encodeURIComponent(`is:open tool:${TOOL_NAME}`);
  return `${server}/${repository}/security/code-scanning?query=${query}`;
}
