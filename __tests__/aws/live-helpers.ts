/**
 * Helpers shared by the live-account tests (moto, fault proxy, built entries): run the product
 * through its public functions with an IO that captures the outcome, point the SDK at an
 * endpoint through the environment, and a few canned IAM answers the harness does not have.
 */
import type { SeedUser } from '../support/seed.js';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { vi } from 'vitest';
import { run, type Outcome, type RunIO } from '../../src/main.js';
import { SILENT_PROGRESS, type Finding } from '../../src/model.js';
import { parseOptions } from '../../src/options.js';
import { awsEnv, MOTO_DEFAULT_ACCOUNT } from '../support/aws-env.js';
import type { Log } from 'sarif';
import { parseSarif } from '../sarif-validation.js';

export const ACCOUNT = MOTO_DEFAULT_ACCOUNT;
/** A small account with every kind of user: two console users without MFA, two with, one without a password. */
export const SMALL_ACCOUNT: readonly SeedUser[] = [
  { name: 'dana', consolePassword: true },
  { name: 'erin', path: '/engineering/', consolePassword: true },
  { name: 'vera', consolePassword: true, mfa: 'virtual' },
  { name: 'hank', consolePassword: true, mfa: 'hardware' },
  { name: 'svc-build' },
];

export const ROOT_ARN = `arn:aws:iam::${ACCOUNT}:root`;

/** The ARN moto (and AWS) gives a user created with `path`. */
export function userArn(name: string, path = '/'): string {
  return `arn:aws:iam::${ACCOUNT}:user${path}${name}`;
}

/** `RULE ARN` keys of findings, sorted: what two audits of the same account must agree on. */
export function findingKeys(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.ruleId} ${f.principal.arn}`).sort();
}

/** The keys expected for the root finding plus one aws-iam-002 finding per user ARN. */
export function expectedKeys(userArns: readonly string[], root = true): string[] {
  return [
    ...(root ? [`aws-iam-001 ${ROOT_ARN}`] : []),
    ...userArns.map((arn) => `aws-iam-002 ${arn}`),
  ].sort();
}

/**
 * Stubs the environment the SDK reads (endpoint, region, static keys) for in-process runs;
 * vi.unstubAllEnvs() in afterEach restores it. Profile and session variables are removed so
 * the default chain uses exactly these keys.
 */
export function stubAwsEnv(endpoint: string, extra: Readonly<Record<string, string>> = {}): void {
  for (const [name, value] of Object.entries(awsEnv(endpoint, extra))) vi.stubEnv(name, value);
  for (const name of ['AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_ROLE_ARN']) {
    if (!(name in extra)) vi.stubEnv(name, undefined);
  }
}

/** What a captured run saw: its log lines and the delays it asked for. */
export interface Captured {
  readonly logs: string[];
  readonly slept: number[];
  readonly published: Outcome[];
}

/**
 * A RunIO for an in-process live audit: real clock (moto stamps real creation times), sleeps
 * recorded and skipped, no GitHub (no OIDC token; role-to-assume stays empty).
 */
function captureIO(env: Readonly<Record<string, string | undefined>> = {}): {
  io: RunIO;
  captured: Captured;
} {
  const captured: Captured = { logs: [], slept: [], published: [] };
  const io: RunIO = {
    env,
    now: () => new Date(),
    sleep: (ms) => {
      captured.slept.push(ms);
      return Promise.resolve();
    },
    log: (message) => {
      captured.logs.push(message);
    },
    progress: SILENT_PROGRESS,
    getIdToken: () => Promise.reject(new Error('this test offers no OIDC token')),
    setSecret: () => undefined,
    workspace: process.cwd(),
    workflow: { workflow: null, provenance: null, alertsUrl: null },
    publish: (outcome) => {
      captured.published.push(outcome);
      return Promise.resolve();
    },
  };
  return { io, captured };
}

/** Runs the audit as the entries do: inputs through parseOptions, then run(). */
export async function audit(
  inputs: Readonly<Record<string, string>>,
  env: Readonly<Record<string, string | undefined>> = {},
): Promise<{ outcome: Outcome; captured: Captured }> {
  const options = parseOptions(
    (name) => inputs[name],
    (name) => `input ${name}`,
  );
  const { io, captured } = captureIO(env);
  const outcome = await run(options, io);
  return { outcome, captured };
}

/** The SARIF log at `path`, checked against the schema as it is read. */
export async function readSarif(path: string): Promise<Log> {
  return parseSarif(await readFile(path, 'utf8'));
}

export interface ChildExit {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a child process without blocking this one (the OIDC endpoint and the fault proxy live in
 * the test process, so spawnSync would deadlock), killing it after `timeoutMs`.
 */
export function runChild(
  binary: string,
  args: readonly string[],
  options: { env: Record<string, string>; cwd: string; timeoutMs?: number },
): Promise<ChildExit> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, [...args], {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr });
    });
  });
}
