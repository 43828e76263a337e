/**
 * Helpers shared by the live-account tests (moto, fault proxy, built entries): run the product
 * through its public functions with an IO that captures the outcome, point the SDK at an
 * endpoint through the environment, and a few canned IAM answers the harness does not have.
 */
import type { SeedUser } from '../support/seed.js';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { vi } from 'vitest';
import type { AuditDeps } from '../../src/audit.js';
import { SILENT_PROGRESS, type Finding } from '../../src/model.js';
import { stepOutputs } from '../../src/render/outputs.js';
import type { Outcome } from '../../src/sinks/sink.js';
import { awsEnv, MOTO_DEFAULT_ACCOUNT } from '../support/aws-env.js';
import type { Log } from 'sarif';
import { parseSarif } from '../sarif-validation.js';
import { auditInputs, repoRoot } from '../fixtures.js';
import { actionBundle, node24, parseGithubOutput } from '../runner.js';

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
}

/**
 * Deps for an in-process live audit: real clock (moto stamps real creation times), sleeps
 * recorded and skipped, no GitHub (an OIDC token only where the environment offers one).
 */
function captureDeps(env: Readonly<Record<string, string | undefined>> = {}): {
  deps: AuditDeps;
  captured: Captured;
} {
  const captured: Captured = { logs: [], slept: [] };
  const deps: AuditDeps = {
    idTokenOffered:
      Boolean(env.ACTIONS_ID_TOKEN_REQUEST_URL) && Boolean(env.ACTIONS_ID_TOKEN_REQUEST_TOKEN),
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
    readHistory: () => Promise.resolve({ kind: 'none' }),
    readAtBase: null,
    context: {
      workspace: process.cwd(),
      workflow: { workflow: null, provenance: null, alertsUrl: null },
      codeScanning: null,
      pullRequestBase: null,
    },
  };
  return { deps, captured };
}

/** Runs the audit as the entries do: inputs parsed into a plan, then audited, the SARIF written. */
export async function audit(
  inputs: Readonly<Record<string, string>>,
  env: Readonly<Record<string, string | undefined>> = {},
): Promise<{ outcome: LiveOutcome; captured: Captured }> {
  const { deps, captured } = captureDeps(env);
  const outcome = await auditInputs(inputs, deps);
  return { outcome: { ...outcome, outputs: stepOutputs(outcome) }, captured };
}

/** An outcome with the step outputs the action would set for it. */
export type LiveOutcome = Outcome & { readonly outputs: Readonly<Record<string, string>> };

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

/** action.yml's inputs with their defaults, as the runner passes them (INPUT_NAME, dashes kept). */
function inputsEnv(inputs: Readonly<Record<string, string>>): Record<string, string> {
  const action = parse(readFileSync(join(repoRoot, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string | number | boolean }>;
  };
  const values = {
    ...Object.fromEntries(
      Object.entries(action.inputs).map(([name, spec]) => [name, String(spec.default ?? '')]),
    ),
    ...inputs,
  };
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]),
  );
}

/** Only what the runner sets: nothing of this process (no AWS keys) leaks in. */
export function baseEnv(home: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

/** A step of dist/index.js as the runner ran it, and what it wrote. */
export interface ActionStep extends ChildExit {
  readonly outputText: string;
  readonly outputs: Record<string, string>;
  readonly summary: string;
  readonly sarifFile: string;
}

/**
 * Runs dist/index.js on Node 24 as a step `audit` of job `audit` in `workflow` of
 * octo-org/octo-repo, with fresh output and summary files in `stepDir` and the SARIF at
 * `stepDir/results/iam-mfa-audit.sarif` unless the inputs say otherwise.
 */
export async function runActionStep(step: {
  readonly stepDir: string;
  readonly workspace: string;
  readonly workflow: string;
  readonly inputs: Readonly<Record<string, string>>;
  readonly env: Readonly<Record<string, string>>;
}): Promise<ActionStep> {
  const { stepDir } = step;
  await mkdir(stepDir, { recursive: true });
  const outputFile = join(stepDir, 'github-output');
  const summaryFile = join(stepDir, 'step-summary.md');
  const sarifFile = join(stepDir, 'results', 'iam-mfa-audit.sarif');
  await writeFile(outputFile, '');
  await writeFile(summaryFile, '');
  const exit = await runChild(node24, [actionBundle], {
    cwd: step.workspace,
    env: {
      ...baseEnv(stepDir),
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: step.workspace,
      GITHUB_WORKFLOW_REF: `octo-org/octo-repo/${step.workflow}@refs/heads/main`,
      GITHUB_JOB: 'audit',
      GITHUB_ACTION: 'audit',
      GITHUB_ACTION_REPOSITORY: 'iam-mfa-audit/iam-mfa-audit',
      GITHUB_ACTION_REF: 'v0',
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      RUNNER_TEMP: stepDir,
      ...inputsEnv({ 'sarif-file': sarifFile, ...step.inputs }),
      ...step.env,
    },
  });
  const outputText = await readFile(outputFile, 'utf8');
  return {
    ...exit,
    outputText,
    outputs: parseGithubOutput(outputText),
    summary: await readFile(summaryFile, 'utf8'),
    sarifFile,
  };
}

/**
 * The one account of a `--format json` report, with the run's verdict: what the tests of a
 * single account read.
 */
export function oneAccountJson(stdout: string): unknown {
  const report = JSON.parse(stdout) as { verdict: unknown; accounts: unknown[] };
  const [account, ...others] = report.accounts;
  if (account === undefined || others.length > 0) throw new Error('not one account');
  return { ...(account as object), verdict: report.verdict };
}
