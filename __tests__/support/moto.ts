/**
 * Starts moto's server (https://docs.getmoto.org) on a free loopback port as the local AWS for
 * integration tests. moto (requirements-test.txt) must import in python3 or in the project's
 * .venv, which `npm test` creates when python3 lacks it; when neither has it, startMoto throws
 * one clear error instead of skipping, so a CI machine without moto fails loudly.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { findMotoPython, motoCandidates, pinnedMotoVersion } from '../../scripts/moto-python.mjs';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The message thrown when neither python3 nor .venv can import moto's server. */
export const MOTO_MISSING_MESSAGE = `moto is not installed for python3 or in .venv: pip install -r requirements-test.txt (moto[server] ${pinnedMotoVersion(REPO_ROOT) ?? '5.x'}), or run npm test, which creates .venv`;

/** A running moto server. */
export interface MotoServer {
  /** `http://127.0.0.1:PORT`, for AWS_ENDPOINT_URL or a client's `endpoint`. */
  readonly endpoint: string;
  readonly port: number;
  /** The server's process id (the python interpreter itself, not a wrapper). */
  readonly pid: number;
  /**
   * Forgets every resource in every account (POST /moto-api/reset). It also restarts the
   * INITIAL_NO_AUTH_ACTION_COUNT window: the next N requests skip auth again.
   */
  reset(): Promise<void>;
  /** Stops the server: SIGTERM, SIGKILL after 3 s; resolves once the process has exited. */
  stop(): Promise<void>;
  /** The last lines the server wrote to stdout and stderr (werkzeug logs each request there). */
  logTail(): string;
}

/** Options for {@link startMoto}. */
export interface StartMotoOptions {
  /** Variables merged onto process.env for the server, e.g. `INITIAL_NO_AUTH_ACTION_COUNT`. */
  env?: Record<string, string>;
  /** The only python to try; default python3, then the repository's .venv/bin/python. */
  python?: string;
  /** How long to wait for GET /moto-api/ to answer 200; default 20 s. */
  startTimeoutMs?: number;
}

const STOP_GRACE_MS = 3_000;
const LOG_LINES = 200;
const PORT_ATTEMPTS = 3;

/** Keeps the last `size` lines written to a stream, so a failed start can show why. */
class LineRing {
  private readonly lines: string[] = [];
  private partial = '';

  constructor(private readonly size: number) {}

  push(chunk: string): void {
    const parts = (this.partial + chunk).split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) {
      this.lines.push(line);
      if (this.lines.length > this.size) this.lines.shift();
    }
  }

  tail(count = this.size): string {
    const all = this.partial === '' ? this.lines : [...this.lines, this.partial];
    return all.slice(-count).join('\n');
  }
}

/** Resolves a port that was free on 127.0.0.1 a moment ago (listen on 0, read it, close). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') {
    throw new Error('could not read the port of a loopback listener');
  }
  return address.port;
}

/**
 * The real path (sys.executable) of the first interpreter that imports moto.server, so the
 * process spawned from it is the server itself. Installs nothing: scripts/moto-python.mjs,
 * run by `npm test` before vitest, does that once.
 */
async function motoExecutable(python: string | undefined, env: NodeJS.ProcessEnv): Promise<string> {
  const candidates = python === undefined ? motoCandidates(REPO_ROOT) : [python];
  const found = await findMotoPython({ candidates, env });
  if (found.ok) return found.executable;
  const why = found.failures.map((failure) => `${failure.python}: ${failure.detail}`).join('; ');
  throw new Error(MOTO_MISSING_MESSAGE, { cause: new Error(why) });
}

/** Polls GET /moto-api/ until it answers 200, the process exits, or the deadline passes. */
async function waitHealthy(
  endpoint: string,
  child: ChildProcess,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no answer yet';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`exited early (code ${String(child.exitCode ?? child.signalCode)})`);
    }
    try {
      const response = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(1_000) });
      await response.arrayBuffer();
      if (response.ok) return;
      lastError = `HTTP ${response.status}`;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    await sleep(100);
  }
  throw new Error(`not healthy after ${timeoutMs} ms (${lastError})`);
}

/** Sends SIGTERM, then SIGKILL after the grace period, and resolves when the process is gone. */
async function killProcess(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
}

/** A server process that answered its health check. */
interface Launched {
  child: ChildProcess;
  port: number;
  endpoint: string;
  log: LineRing;
  stop: () => Promise<void>;
}

/** Spawns the server on a fresh free port; `retry` says the port was taken in the meantime. */
async function launch(
  executable: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<Launched | { retry: true; error: Error }> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const log = new LineRing(LOG_LINES);

  const child = spawn(executable, ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Draining both pipes matters: werkzeug logs every request, and a full pipe would block moto.
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    log.push(chunk);
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    log.push(chunk);
  });
  let spawnError: Error | undefined;
  child.on('error', (error) => {
    spawnError = error;
  });
  // A test runner that dies without afterAll must not leave moto behind.
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  const stop = async (): Promise<void> => {
    process.removeListener('exit', killOnExit);
    await killProcess(child);
  };

  try {
    await waitHealthy(endpoint, child, timeoutMs);
  } catch (error) {
    await stop();
    const why = spawnError?.message ?? (error instanceof Error ? error.message : String(error));
    const failure = new Error(
      `moto server on ${endpoint} did not start: ${why}\n--- moto output (tail) ---\n${log.tail(40)}`,
      { cause: error },
    );
    // Another process can take the port between freePort() and moto's bind.
    if (log.tail().includes('Address already in use') && child.exitCode !== null) {
      return { retry: true, error: failure };
    }
    throw failure;
  }
  return { child, port, endpoint, log, stop };
}

/**
 * Starts `python -m moto.server -H 127.0.0.1 -p PORT` on a free port and waits until it is
 * healthy; python is python3 when it has moto, else the repository's .venv/bin/python.
 *
 * @throws Error with {@link MOTO_MISSING_MESSAGE} when no candidate imports moto's server, or an
 *   error with the tail of the server's output when it does not come up.
 */
export async function startMoto(options: StartMotoOptions = {}): Promise<MotoServer> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  const executable = await motoExecutable(options.python, env);
  const timeoutMs = options.startTimeoutMs ?? 20_000;

  let launched = await launch(executable, env, timeoutMs);
  for (let attempt = 1; 'retry' in launched; attempt++) {
    if (attempt === PORT_ATTEMPTS) throw launched.error;
    launched = await launch(executable, env, timeoutMs);
  }
  const { child, port, endpoint, log, stop } = launched;

  return {
    endpoint,
    port,
    pid: child.pid ?? -1,
    async reset() {
      const response = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`moto reset failed: HTTP ${response.status}`);
    },
    stop,
    logTail: () => log.tail(),
  };
}
