/**
 * scripts/moto-python.mjs, which `npm test` runs before vitest: it finds the python with moto
 * (python3, then .venv) or creates .venv from requirements-test.txt, and otherwise prints one
 * line saying what to install. Run as a child process with a PATH whose python3 is a fake
 * shell script, against a temporary root, so the repository's own .venv is never touched.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INCOMPLETE_MARKER, MotoPythonError, resolveMotoPython } from '../scripts/moto-python.mjs';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const SCRIPT = join(repoRoot, 'scripts', 'moto-python.mjs');

const PIP_ARGS = '-m pip install --disable-pip-version-check --no-input -r requirements-test.txt';
const NEED = 'moto is needed for the AWS tests';

/** What the import check of a python without moto prints, as python does. */
const NO_MOTO = [
  'echo "Traceback (most recent call last):" >&2',
  `echo "ModuleNotFoundError: No module named 'moto'" >&2`,
  'exit 1',
].join('; ');
/** The import check answered as a python with moto does: sys.executable, then the version. */
const hasMoto = (version: string): string => `echo "$0"; echo ${version}; exit 0`;

const PIP_OFFLINE = [
  'echo "Collecting moto[server]==5.2.1"',
  'echo "WARNING: Retrying (Retry(total=4)) after connection broken by NewConnectionError" >&2',
  'echo "ERROR: Could not find a version that satisfies the requirement moto[server]==5.2.1 (from versions: none)" >&2',
  'echo "ERROR: No matching distribution found for moto[server]==5.2.1" >&2',
  'exit 1',
].join('\n');
/** pip that "installs" moto: the fake venv python imports it from then on. */
const PIP_OK = 'touch "$(dirname "$0")/../installed"; echo "Successfully installed moto-5.2.1"';

interface Fixture {
  /** The project root the script is pointed at (--root): requirements-test.txt is there. */
  root: string;
  /** The only folder on the script's PATH. */
  bin: string;
  /** One line per call of a fake python: which one and its arguments. */
  calls: string;
}

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

let dir: string;
let count = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'moto-python-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A shell script; its PATH is set inside so the script's own PATH can hold only fakes. */
async function writeScript(path: string, body: string): Promise<void> {
  await writeFile(path, `#!/bin/sh\nPATH=/usr/bin:/bin\n${body}\n`);
  await chmod(path, 0o755);
}

async function fixture(): Promise<Fixture> {
  const base = join(dir, `case-${String(++count)}`);
  const root = join(base, 'root');
  const bin = join(base, 'bin');
  await mkdir(root, { recursive: true });
  await mkdir(bin, { recursive: true });
  await copyFile(join(repoRoot, 'requirements-test.txt'), join(root, 'requirements-test.txt'));
  return { root, bin, calls: join(base, 'calls.log') };
}

/**
 * A fake python3: `-c` answers the import check with `check`; `-m venv DIR` runs `create`, by
 * default writing a fake DIR/bin/python whose `-m pip` runs `pip` and whose import check passes
 * once pip has "installed" moto.
 */
async function fakePython3(
  { bin, calls }: Fixture,
  check: string,
  { pip = PIP_OFFLINE, create }: { pip?: string; create?: string } = {},
): Promise<string> {
  const template = join(bin, '..', 'venv-python');
  await writeScript(
    template,
    [
      `if [ "$1" = "-c" ]; then echo "venv-python -c" >> '${calls}'; else echo "venv-python $PWD $*" >> '${calls}'; fi`,
      `if [ "$1" = "-c" ]; then if [ -f "$(dirname "$0")/../installed" ]; then ${hasMoto('5.2.1')}; fi; ${NO_MOTO}; fi`,
      `if [ "$1 $2" = "-m pip" ]; then ${pip}; exit 0; fi`,
      'exit 2',
    ].join('\n'),
  );
  const makeVenv =
    create ??
    `mkdir -p "$3/bin" && cp '${template}' "$3/bin/python" && chmod 755 "$3/bin/python"; exit 0`;
  const python3 = join(bin, 'python3');
  await writeScript(
    python3,
    [
      `if [ "$1" = "-c" ]; then echo "python3 -c" >> '${calls}'; else echo "python3 $*" >> '${calls}'; fi`,
      `if [ "$1" = "-c" ]; then ${check}; fi`,
      `if [ "$1 $2" = "-m venv" ]; then ${makeVenv}; fi`,
      'exit 2',
    ].join('\n'),
  );
  return python3;
}

/** A fake .venv/bin/python in the fixture's root. */
async function fakeVenv({ root, calls }: Fixture, check: string): Promise<string> {
  const python = join(root, '.venv', 'bin', 'python');
  await mkdir(join(root, '.venv', 'bin'), { recursive: true });
  await writeScript(
    python,
    `echo "venv-python $1" >> '${calls}'\nif [ "$1" = "-c" ]; then ${check}; fi\nexit 2`,
  );
  return python;
}

/** `node scripts/moto-python.mjs --root ROOT` with PATH = the fixture's bin only. */
function runScript({ root, bin }: Fixture): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [SCRIPT, '--root', root],
      { env: { PATH: bin, HOME: root }, timeout: 30_000, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => {
        if (error?.killed) reject(new Error(`moto-python.mjs did not finish: ${stderr}`));
        else resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
      },
    );
  });
}

async function callsOf({ calls }: Fixture): Promise<string[]> {
  return existsSync(calls) ? (await readFile(calls, 'utf8')).trim().split('\n') : [];
}

describe('node scripts/moto-python.mjs', () => {
  it('uses python3 when it imports moto and creates nothing', async () => {
    const fx = await fixture();
    const python3 = await fakePython3(fx, hasMoto('5.2.1'));
    const outcome = await runScript(fx);
    expect(outcome).toEqual({ code: 0, stdout: '', stderr: `moto: ${python3} (moto 5.2.1)\n` });
    expect(existsSync(join(fx.root, '.venv'))).toBe(false);
    expect(await callsOf(fx)).toEqual(['python3 -c']);
  });

  it("names the pin next to python3's moto when the versions differ", async () => {
    const fx = await fixture();
    const python3 = await fakePython3(fx, hasMoto('5.1.0'));
    const outcome = await runScript(fx);
    expect(outcome.code).toBe(0);
    expect(outcome.stderr).toBe(
      `moto: ${python3} (moto 5.1.0; requirements-test.txt pins 5.2.1)\n`,
    );
  });

  it("uses the project's .venv when python3 lacks moto and .venv has it", async () => {
    const fx = await fixture();
    await fakePython3(fx, NO_MOTO);
    const venvPython = await fakeVenv(fx, hasMoto('5.2.1'));
    const outcome = await runScript(fx);
    expect(outcome).toEqual({ code: 0, stdout: '', stderr: `moto: ${venvPython} (moto 5.2.1)\n` });
    expect(await callsOf(fx)).toEqual(['python3 -c', 'venv-python -c']);
  });

  it('creates .venv and installs requirements-test.txt, then reuses it', async () => {
    const fx = await fixture();
    await fakePython3(fx, NO_MOTO, { pip: PIP_OK });
    const venv = join(fx.root, '.venv');
    const first = await runScript(fx);
    expect(first.code).toBe(0);
    expect(first.stderr).toBe(`moto: ${join(venv, 'bin', 'python')} (moto 5.2.1)\n`);
    expect(first.stdout.trim().split('\n')).toEqual([
      `moto: python3 has no moto (ModuleNotFoundError: No module named 'moto'); creating .venv`,
      'moto: installing requirements-test.txt into .venv (pip, up to 600 s)',
    ]);
    expect(await callsOf(fx)).toEqual([
      'python3 -c',
      `python3 -m venv ${venv}`,
      `venv-python ${fx.root} ${PIP_ARGS}`,
      'venv-python -c',
    ]);
    // Complete: the marker that would make a later run recreate it is gone.
    expect(existsSync(join(venv, INCOMPLETE_MARKER))).toBe(false);

    const second = await runScript(fx);
    expect(second).toEqual({ code: 0, stdout: '', stderr: first.stderr });
    expect((await callsOf(fx)).slice(4)).toEqual(['python3 -c', 'venv-python -c']);
  });

  it("prints one line with pip's last line and removes the .venv it created when pip fails", async () => {
    const fx = await fixture();
    await fakePython3(fx, NO_MOTO);
    const outcome = await runScript(fx);
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toBe(
      `${NEED}: pip install -r requirements-test.txt into .venv failed: ERROR: No matching distribution found for moto[server]==5.2.1; pip needs access to PyPI (or a mirror in PIP_INDEX_URL), or pip install -r requirements-test.txt (moto[server] 5.2.1) for python3\n`,
    );
    expect(await callsOf(fx)).toEqual([
      'python3 -c',
      `python3 -m venv ${join(fx.root, '.venv')}`,
      `venv-python ${fx.root} ${PIP_ARGS}`,
    ]);
    expect(existsSync(join(fx.root, '.venv'))).toBe(false);
  });

  it('recreates a .venv an interrupted run left incomplete', async () => {
    const fx = await fixture();
    await fakePython3(fx, NO_MOTO, { pip: PIP_OK });
    await fakeVenv(fx, NO_MOTO);
    await writeFile(join(fx.root, '.venv', INCOMPLETE_MARKER), '');
    await writeFile(join(fx.root, '.venv', 'half-installed'), '');
    const outcome = await runScript(fx);
    expect(outcome.code).toBe(0);
    expect(outcome.stderr).toBe(`moto: ${join(fx.root, '.venv', 'bin', 'python')} (moto 5.2.1)\n`);
    expect(existsSync(join(fx.root, '.venv', 'half-installed'))).toBe(false);
    expect(existsSync(join(fx.root, '.venv', INCOMPLETE_MARKER))).toBe(false);
  });

  it("installs into a developer's own .venv but never removes it", async () => {
    const fx = await fixture();
    await fakePython3(fx, NO_MOTO);
    await fakeVenv(fx, NO_MOTO);
    await writeFile(join(fx.root, '.venv', 'mine'), '');
    const outcome = await runScript(fx);
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toBe(
      `${NEED}: pip install -r requirements-test.txt into .venv failed: exit code 2; pip needs access to PyPI (or a mirror in PIP_INDEX_URL), or pip install -r requirements-test.txt (moto[server] 5.2.1) for python3\n`,
    );
    // Its python runs, so it is not recreated: pip goes straight into it.
    expect(await callsOf(fx)).toEqual(['python3 -c', 'venv-python -c', 'venv-python -m']);
    expect(existsSync(join(fx.root, '.venv', 'mine'))).toBe(true);
  });

  it('says to install the venv module when python3 -m venv fails', async () => {
    const fx = await fixture();
    // Debian's python3 without python3-venv: a half-made folder and the reason on stdout.
    const debian = [
      'mkdir -p "$3/bin"',
      'echo "The virtual environment was not created successfully because ensurepip is not"',
      'echo "available.  On Debian/Ubuntu systems, you need to install the python3-venv"',
      'echo "Failing command: $3/bin/python3"',
      'exit 1',
    ].join('; ');
    await fakePython3(fx, NO_MOTO, { create: debian });
    const outcome = await runScript(fx);
    const venv = join(fx.root, '.venv');
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toBe(
      `${NEED}: python3 -m venv .venv failed (Failing command: ${venv}/bin/python3); install python3's venv module (Debian: apt-get install python3-venv), or pip install -r requirements-test.txt (moto[server] 5.2.1) for python3\n`,
    );
    expect(existsSync(venv)).toBe(false);
  });

  it('installs nothing without requirements-test.txt and says what to install', async () => {
    const fx = await fixture();
    await rm(join(fx.root, 'requirements-test.txt'));
    await fakePython3(fx, NO_MOTO, { pip: PIP_OK });
    const outcome = await runScript(fx);
    expect(outcome).toEqual({
      code: 1,
      stdout: '',
      stderr: `${NEED}: python3 has no moto (ModuleNotFoundError: No module named 'moto') and ${join(fx.root, 'requirements-test.txt')} is missing or pins no moto[server]; pip install 'moto[server]' for python3\n`,
    });
    expect(await callsOf(fx)).toEqual(['python3 -c']);
    expect(existsSync(join(fx.root, '.venv'))).toBe(false);
  });

  it('says python3 is missing when there is none on PATH', async () => {
    const fx = await fixture();
    const outcome = await runScript(fx);
    expect(outcome).toEqual({
      code: 1,
      stdout: '',
      stderr: `${NEED}: python3 not found; install python3 with its venv module (Debian: apt-get install python3 python3-venv), then npm test creates .venv from requirements-test.txt\n`,
    });
    expect(existsSync(join(fx.root, '.venv'))).toBe(false);
  });
});

describe('resolveMotoPython', () => {
  it('gives up on pip after its timeout and removes the .venv', async () => {
    const fx = await fixture();
    const python = await fakePython3(fx, NO_MOTO, { pip: 'exec sleep 30' });
    const log: string[] = [];
    const started = Date.now();
    const failed = resolveMotoPython({
      root: fx.root,
      python,
      log: (line) => log.push(line),
      pipTimeoutMs: 500,
    });
    await expect(failed).rejects.toThrow(MotoPythonError);
    await expect(failed).rejects.toThrow(
      /^moto is needed for the AWS tests: pip install -r requirements-test\.txt into \.venv failed: timed out after 0\.5 s; /,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(log).toHaveLength(2);
    expect(existsSync(join(fx.root, '.venv'))).toBe(false);
  });

  it("finds this machine's python3 with the pinned moto 5.2.1", async () => {
    // No requirements-test.txt in this root: were python3 without moto, nothing is installed.
    const root = await mkdtemp(join(dir, 'real-'));
    const found = await resolveMotoPython({ root });
    expect(found.ok).toBe(true);
    expect(found.python).toBe('python3');
    expect(found.version).toBe('5.2.1');
    expect(found.executable).toMatch(/^\/.*python/);
    expect(existsSync(found.executable)).toBe(true);
    expect(existsSync(join(root, '.venv'))).toBe(false);
  });
});
