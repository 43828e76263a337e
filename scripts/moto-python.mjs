/**
 * Finds the python that has moto's server for the AWS tests, and installs it when none has:
 *   1. python3, when `import moto.server` works;
 *   2. the project's .venv/bin/python, when it exists and imports moto.server;
 *   3. otherwise creates .venv (python3 -m venv) and installs requirements-test.txt into it.
 * When all fail it throws one line saying what to install. `npm test` runs this file once
 * before vitest, so the install never races between test workers; startMoto uses
 * findMotoPython (steps 1 and 2, never installing).
 *
 *   node scripts/moto-python.mjs [--root DIR]
 *
 * On success it writes `moto: PYTHON (moto VERSION)` to stderr and exits 0; on failure the
 * one line, exit 1. Progress while installing goes to stdout.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const REQUIREMENTS = 'requirements-test.txt';
const VENV = '.venv';
/** Written into a .venv this resolver creates and removed once moto imports from it. */
export const INCOMPLETE_MARKER = '.moto-python-incomplete';

const NEED = 'moto is needed for the AWS tests';
const CHECK_SCRIPT =
  'import sys, moto, moto.server\nprint(sys.executable)\nprint(moto.__version__)';
const CHECK_TIMEOUT_MS = 30_000;
const VENV_TIMEOUT_MS = 2 * 60_000;
const PIP_TIMEOUT_MS = 10 * 60_000;
/** A one-line message must stay readable even when pip's last line is a long URL. */
const DETAIL_MAX = 200;

/** @typedef {{ ok: true, python: string, executable: string, version: string | undefined }} MotoPython */
/** @typedef {{ ok: false, python: string, missing: boolean, detail: string }} MotoPythonFailure */
/**
 * @typedef {object} RunResult
 * @property {number | null} code
 * @property {string} stdout
 * @property {string} stderr
 * @property {boolean} missing true when the program itself was not found (ENOENT)
 * @property {boolean} timedOut
 * @property {string | undefined} spawnError
 */

/** The failure this resolver reports: its message is the one line to print. */
export class MotoPythonError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = 'MotoPythonError';
  }
}

/** @param {string} root */
function venvPython(root) {
  return join(root, VENV, 'bin', 'python');
}

/**
 * The interpreters startMoto may use, in order: `python` (python3) and the project's .venv.
 * @param {string} root
 * @param {string} [python]
 */
export function motoCandidates(root, python = 'python3') {
  return [python, venvPython(root)];
}

/**
 * The moto version requirements-test.txt pins, or undefined when the file or pin is missing.
 * @param {string} root
 */
export function pinnedMotoVersion(root) {
  const file = join(root, REQUIREMENTS);
  if (!existsSync(file)) return undefined;
  return /^moto\[server\]==(\S+)/m.exec(readFileSync(file, 'utf8'))?.[1];
}

/**
 * The last non-empty line of a program's output, shortened, for a one-line message.
 * @param {string} text
 */
function lastLine(text) {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  const last = lines.filter((line) => line !== '').at(-1) ?? '';
  return last.length > DETAIL_MAX ? `${last.slice(0, DETAIL_MAX - 3)}...` : last;
}

/**
 * Runs a program with its output captured. Resolves (never rejects) once it has exited; after
 * `timeoutMs` it is killed, and the wait ends at its exit even if a grandchild holds its pipes.
 * @param {string} file
 * @param {string[]} args
 * @param {{ env?: NodeJS.ProcessEnv, cwd?: string, timeoutMs: number }} options
 * @returns {Promise<RunResult>}
 */
function run(file, args, { env, cwd, timeoutMs }) {
  return new Promise((resolve) => {
    const child = spawn(file, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    /** @type {string | undefined} */
    let spawnError;
    let missing = false;
    child.stdout.setEncoding('utf8').on('data', (/** @type {string} */ chunk) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (/** @type {string} */ chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    /** @param {number | null} code */
    const finish = (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, missing, timedOut, spawnError });
    };
    child.on('error', (error) => {
      spawnError = error.message;
      missing = /** @type {NodeJS.ErrnoException} */ (error).code === 'ENOENT';
      finish(null);
    });
    child.on('exit', (code) => {
      if (!timedOut) return;
      child.stdout.destroy();
      child.stderr.destroy();
      finish(code);
    });
    child.on('close', (code) => {
      finish(code);
    });
  });
}

/**
 * Whether `python` imports moto.server; on success, its real interpreter path (sys.executable,
 * so a process spawned from it is python itself) and moto's version.
 * @param {string} python
 * @param {{ env?: NodeJS.ProcessEnv }} [options]
 * @returns {Promise<MotoPython | MotoPythonFailure>}
 */
async function checkMotoPython(python, { env = process.env } = {}) {
  const result = await run(python, ['-c', CHECK_SCRIPT], { env, timeoutMs: CHECK_TIMEOUT_MS });
  const [executable = '', version] = result.stdout.trim().split(/\r?\n/);
  if (result.code === 0 && executable !== '') {
    return { ok: true, python, executable, version: version?.trim() || undefined };
  }
  const detail = result.timedOut
    ? `no answer within ${CHECK_TIMEOUT_MS / 1000} s`
    : lastLine(result.stderr) || result.spawnError || `exit code ${String(result.code)}`;
  return { ok: false, python, missing: result.missing, detail };
}

/**
 * The first of `candidates` that imports moto.server, or every candidate's failure. Installs
 * nothing.
 * @param {{ candidates: string[], env?: NodeJS.ProcessEnv }} options
 * @returns {Promise<MotoPython | { ok: false, failures: MotoPythonFailure[] }>}
 */
export async function findMotoPython({ candidates, env = process.env }) {
  /** @type {MotoPythonFailure[]} */
  const failures = [];
  for (const python of candidates) {
    // A missing .venv is the usual case, not a failure worth spawning for.
    if (python.includes('/') && !existsSync(python)) {
      failures.push({ ok: false, python, missing: true, detail: 'not found' });
      continue;
    }
    const found = await checkMotoPython(python, { env });
    if (found.ok) return found;
    failures.push(found);
  }
  return { ok: false, failures };
}

/**
 * The why-and-what line for a failed install step.
 * @param {string} what what failed, with its cause
 * @param {string} remedy what to install or change
 */
function failure(what, remedy) {
  return new MotoPythonError(`${NEED}: ${what}; ${remedy}`);
}

/**
 * Finds the python with moto (python3, then .venv), else creates .venv from
 * requirements-test.txt. A .venv this call creates and cannot complete is removed, and one left
 * behind by an interrupted run (it still holds the marker) is recreated from scratch.
 * @param {object} options
 * @param {string} options.root the project folder: .venv and requirements-test.txt are there
 * @param {string} [options.python] the interpreter to check first and to create .venv with
 * @param {(line: string) => void} [options.log] progress while installing
 * @param {NodeJS.ProcessEnv} [options.env]
 * @param {number} [options.venvTimeoutMs]
 * @param {number} [options.pipTimeoutMs]
 * @returns {Promise<MotoPython>}
 * @throws {MotoPythonError} with the one line to print
 */
export async function resolveMotoPython({
  root,
  python = 'python3',
  log = () => undefined,
  env = process.env,
  venvTimeoutMs = VENV_TIMEOUT_MS,
  pipTimeoutMs = PIP_TIMEOUT_MS,
}) {
  const found = await findMotoPython({ candidates: motoCandidates(root, python), env });
  if (found.ok) return found;

  const pin = pinnedMotoVersion(root);
  const [base] = found.failures;
  if (base?.missing) {
    throw failure(
      `${python} not found`,
      `install python3 with its venv module (Debian: apt-get install python3 python3-venv), then npm test creates ${VENV} from ${REQUIREMENTS}`,
    );
  }
  if (pin === undefined) {
    throw failure(
      `${python} has no moto (${base?.detail ?? 'import failed'}) and ${join(root, REQUIREMENTS)} is missing or pins no moto[server]`,
      `pip install 'moto[server]' for ${python}`,
    );
  }

  const yourself = `pip install -r ${REQUIREMENTS} (moto[server] ${pin}) for ${python}`;
  const dir = join(root, VENV);
  const marker = join(dir, INCOMPLETE_MARKER);
  const leftover = existsSync(marker);
  // A .venv that is not ours (a developer's own) gets moto added but is never removed.
  const owned = leftover || !existsSync(dir);
  if (leftover) await rm(dir, { recursive: true, force: true });
  if (owned) {
    await mkdir(dir, { recursive: true });
    await writeFile(marker, 'created by scripts/moto-python.mjs; removed once moto imports\n');
  }
  const target = venvPython(root);
  try {
    if (owned || !existsSync(target)) {
      log(`moto: ${python} has no moto (${base?.detail ?? 'import failed'}); creating ${VENV}`);
      const venv = await run(python, ['-m', 'venv', dir], { env, timeoutMs: venvTimeoutMs });
      if (venv.code !== 0 || !existsSync(target)) {
        // Debian's python3 without python3-venv explains itself on stdout, not stderr.
        const why = venv.timedOut
          ? `timed out after ${venvTimeoutMs / 1000} s`
          : lastLine(venv.stderr) || lastLine(venv.stdout) || `exit code ${String(venv.code)}`;
        throw failure(
          `${python} -m venv ${VENV} failed (${why})`,
          `install python3's venv module (Debian: apt-get install python3-venv), or ${yourself}`,
        );
      }
    }
    log(
      `moto: installing ${REQUIREMENTS} into ${VENV} (pip, up to ${Math.round(pipTimeoutMs / 1000)} s)`,
    );
    const pip = await run(
      target,
      ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '-r', REQUIREMENTS],
      { env, cwd: root, timeoutMs: pipTimeoutMs },
    );
    if (pip.code !== 0) {
      const why = pip.timedOut
        ? `timed out after ${pipTimeoutMs / 1000} s`
        : lastLine(pip.stderr) || `exit code ${String(pip.code)}`;
      throw failure(
        `pip install -r ${REQUIREMENTS} into ${VENV} failed: ${why}`,
        `pip needs access to PyPI (or a mirror in PIP_INDEX_URL), or ${yourself}`,
      );
    }
    const installed = await checkMotoPython(target, { env });
    if (!installed.ok) {
      throw failure(
        `${VENV}/bin/python still cannot import moto.server after pip install (${installed.detail})`,
        yourself,
      );
    }
    if (owned) await rm(marker, { force: true });
    return installed;
  } catch (error) {
    // The next run must start clean rather than find half a .venv.
    if (owned) await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * The success line: the interpreter and moto's version, and the pin when they differ.
 * @param {MotoPython} found
 * @param {string | undefined} pin
 */
function describeMotoPython(found, pin) {
  const version = found.version ?? 'version unknown';
  const differs = pin !== undefined && found.version !== pin;
  return `moto: ${found.executable} (moto ${version}${differs ? `; ${REQUIREMENTS} pins ${pin}` : ''})`;
}

async function main() {
  const { values } = parseArgs({ options: { root: { type: 'string' } } });
  const root = values.root ?? fileURLToPath(new URL('..', import.meta.url));
  try {
    const found = await resolveMotoPython({
      root,
      log: (line) => {
        console.log(line);
      },
    });
    console.error(describeMotoPython(found, pinnedMotoVersion(root)));
  } catch (error) {
    if (!(error instanceof MotoPythonError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(realpathSync(entry)).href) {
  await main();
}
