import { execFile, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Log } from 'sarif';
import { parse } from 'yaml';
import { repoRoot } from './fixtures.js';
import { parseSarif } from './sarif-validation.js';

/** The Node the action runs on (action.yml: node24), installed as a dev dependency. */
export const node24 = join(repoRoot, 'node_modules', '.bin', 'node');
export const actionBundle = join(repoRoot, 'dist', 'index.js');
export const cliBundle = join(repoRoot, 'dist', 'cli.js');

export interface Exit {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Only what a process needs, so the tests' own GITHUB_* variables cannot leak in. */
function baseEnv(): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

function spawn(
  binary: string,
  args: readonly string[],
  env: Record<string, string>,
  cwd = repoRoot,
): Exit {
  const child = spawnSync(binary, args, {
    cwd,
    env,
    encoding: 'utf8',
    timeout: 30_000,
    // The JSON of a report of 20,000 users is about 12 MiB.
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.error) throw child.error;
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

/** action.yml's inputs and their defaults, as the runner passes them when the workflow sets none. */
function actionDefaults(): Record<string, string> {
  const action = parse(readFileSync(join(repoRoot, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string | number | boolean }>;
  };
  return Object.fromEntries(
    Object.entries(action.inputs).map(([name, spec]) => [name, String(spec.default ?? '')]),
  );
}

export interface ActionRun extends Exit {
  readonly outputs: Record<string, string>;
  readonly summary: string;
}

/**
 * The environment the runner gives dist/index.js: every input as INPUT_<NAME> (upper-case,
 * dashes kept), fresh GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files in `dir`.
 */
function actionEnv(
  dir: string,
  inputs: Readonly<Record<string, string>>,
  extraEnv: Readonly<Record<string, string>>,
): { env: Record<string, string>; outputFile: string; summaryFile: string } {
  const outputFile = join(dir, 'github-output');
  const summaryFile = join(dir, 'step-summary.md');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const values = { ...actionDefaults(), ...inputs };
  const env: Record<string, string> = {
    ...baseEnv(),
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: repoRoot,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: dir,
    ...extraEnv,
  };
  for (const [name, value] of Object.entries(values)) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  return { env, outputFile, summaryFile };
}

function stepResult(exit: Exit, outputFile: string, summaryFile: string): ActionRun {
  return {
    ...exit,
    outputs: parseGithubOutput(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
  };
}

/** Runs dist/index.js on Node 24 the way the runner does, and reads what it wrote. */
export function runAction(
  dir: string,
  inputs: Readonly<Record<string, string>>,
  extraEnv: Readonly<Record<string, string>> = {},
): ActionRun {
  const { env, outputFile, summaryFile } = actionEnv(dir, inputs, extraEnv);
  return stepResult(spawn(node24, [actionBundle], env), outputFile, summaryFile);
}

/** runAction without blocking this process, for tests that serve the step over HTTP. */
export async function runActionAsync(
  dir: string,
  inputs: Readonly<Record<string, string>>,
  extraEnv: Readonly<Record<string, string>> = {},
): Promise<ActionRun> {
  const { env, outputFile, summaryFile } = actionEnv(dir, inputs, extraEnv);
  const child = execFile(node24, [actionBundle], { cwd: repoRoot, env, timeout: 60_000 });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const [status] = (await once(child, 'close')) as [number | null];
  return stepResult({ status, stdout, stderr }, outputFile, summaryFile);
}

/** Runs dist/cli.js with the given Node binary, and any variables the test adds. */
export function runCli(
  binary: string,
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
  cwd = repoRoot,
): Exit {
  return spawn(binary, [cliBundle, ...args], { ...baseEnv(), ...env }, cwd);
}

/** Reads a GITHUB_OUTPUT file: `name<<DELIMITER`, value lines, `DELIMITER` (or `name=value`). */
export function parseGithubOutput(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    i += 1;
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name = '', delimiter = ''] = heredoc;
      const end = lines.indexOf(delimiter, i);
      if (end < 0) throw new Error(`output ${name}: delimiter ${delimiter} never closes`);
      outputs[name] = lines.slice(i, end).join('\n');
      i = end + 1;
      continue;
    }
    const single = /^([^=]+)=(.*)$/.exec(line);
    if (!single) throw new Error(`not a GITHUB_OUTPUT line: ${line}`);
    const [, name = '', value = ''] = single;
    outputs[name] = value;
  }
  return outputs;
}

/** The SARIF log at `path`, checked against the schema as it is read. */
export function sarifAt(path: string): Log {
  return parseSarif(readFileSync(path, 'utf8'));
}
