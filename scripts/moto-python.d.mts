// Types for scripts/moto-python.mjs, which stays plain JavaScript so `npm test` can run it on
// Node 20 before anything is compiled.

export declare const INCOMPLETE_MARKER: string;

/** An interpreter that imports moto.server. */
export interface MotoPython {
  ok: true;
  /** The command or path that was checked. */
  python: string;
  /** sys.executable: spawning it runs python itself, not a shim. */
  executable: string;
  /** moto.__version__, when the interpreter printed it. */
  version: string | undefined;
}

/** An interpreter that is missing or does not import moto.server. */
export interface MotoPythonFailure {
  ok: false;
  python: string;
  /** The program itself was not found. */
  missing: boolean;
  /** The last line of its error output, or why it gave none. */
  detail: string;
}

export declare class MotoPythonError extends Error {
  constructor(message: string);
}

export declare function motoCandidates(root: string, python?: string): string[];
export declare function pinnedMotoVersion(root: string): string | undefined;
export declare function findMotoPython(options: {
  candidates: string[];
  env?: NodeJS.ProcessEnv;
}): Promise<MotoPython | { ok: false; failures: MotoPythonFailure[] }>;
export declare function resolveMotoPython(options: {
  root: string;
  python?: string;
  log?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
  venvTimeoutMs?: number;
  pipTimeoutMs?: number;
}): Promise<MotoPython>;
