import type { WorkflowContext } from './io/workflow.js';

/** The repository, commit and ref a run uploads its results for, as the runner names them. */
export interface CodeScanningTarget {
  readonly apiUrl: string;
  readonly owner: string;
  readonly repo: string;
  readonly commitSha: string;
  readonly ref: string;
}

/** Where a run happens, read once by the entry: nothing past it reads the environment. */
export interface RunnerContext {
  /** The folder repository-relative paths are relative to (the runner's workspace). */
  readonly workspace: string;
  /** The workflow step running the audit and the commit, as the runner names them. */
  readonly workflow: WorkflowContext;
  /** Where an upload goes; null outside a workflow run that names a repository and commit. */
  readonly codeScanning: CodeScanningTarget | null;
  /** On a pull request, the commit it is compared with (its base); null otherwise. */
  readonly pullRequestBase: string | null;
}
