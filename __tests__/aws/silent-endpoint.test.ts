/**
 * Endpoints that never answer, or refuse: the audit ends within its bound (each attempt
 * waits at most 3 s to connect and 5 s for an answer) and says the endpoint is unreachable,
 * never that the credentials are bad. The bound is the child's kill timer, not a timing
 * assertion: a run that hangs is killed and fails the test on its signal.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../fixtures.js';
import { actionBundle, cliBundle, node24, parseGithubOutput } from '../runner.js';
import { awsEnv } from '../support/aws-env.js';
import { listenOnLoopback, silentServer } from '../support/loopback.js';
import { freePort, startMoto, type MotoServer } from '../support/moto.js';
import { runChild } from './live-helpers.js';

let dir: string;
let silent: { server: Server; endpoint: string };

/** A silent server on loopback, and its URL. */
async function silentListener(): Promise<{ server: Server; endpoint: string }> {
  const { server } = silentServer();
  return { server, endpoint: await listenOnLoopback(server) };
}
let moto: MotoServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'silent-endpoint-'));
  silent = await silentListener();
  moto = await startMoto();
});

afterAll(async () => {
  silent.server.close();
  await moto.stop();
  await rm(dir, { recursive: true, force: true });
});

const BASE = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/nonexistent' };
const UNREACHABLE = (endpoint: string, why: string, attempts: string): string =>
  `sts:GetCallerIdentity: ${endpoint} is unreachable (${why}) after ${attempts} (max-attempts); check the network, a proxy, or AWS_ENDPOINT_URL.`;

describe('dist/cli.js against an endpoint that accepts and never answers', () => {
  it('ends with one line naming the endpoint, not the credentials', async () => {
    const sarifFile = join(dir, 'silent.sarif');
    const exit = await runChild(
      node24,
      [cliBundle, '--max-attempts', '2', '--sarif-file', sarifFile],
      { cwd: repoRoot, env: { ...BASE, ...awsEnv(silent.endpoint) }, timeoutMs: 45_000 },
    );
    expect(exit.signal).toBeNull();
    expect(exit.status).toBe(2);
    expect(exit.stderr).toBe(
      `iam-mfa-audit: ${UNREACHABLE(silent.endpoint, 'TimeoutError: a request has exceeded the configured 5000 ms requestTimeout.', '2 attempts')}\n`,
    );
  });

  it('says a refused connection is unreachable too', async () => {
    // A port that was free a moment ago: nothing listens there.
    const endpoint = `http://127.0.0.1:${await freePort()}`;
    const exit = await runChild(
      node24,
      [cliBundle, '--max-attempts', '2', '--sarif-file', join(dir, 'refused.sarif')],
      { cwd: repoRoot, env: { ...BASE, ...awsEnv(endpoint) }, timeoutMs: 45_000 },
    );
    expect(exit.status).toBe(2);
    expect(exit.stderr).toBe(
      `iam-mfa-audit: ${UNREACHABLE(endpoint, `Error: connect ECONNREFUSED ${endpoint.slice(7)}`, '2 attempts')}\n`,
    );
  });
});

describe('dist/index.js when IAM goes silent after STS answered', () => {
  it('does not hang: every IAM read ends in its bound, the account is not assessed, the run fails', async () => {
    const outputFile = join(dir, 'github-output');
    const summaryFile = join(dir, 'summary.md');
    await writeFile(outputFile, '');
    await writeFile(summaryFile, '');
    const sarifFile = join(dir, 'iam-silent.sarif');
    const exit = await runChild(node24, [actionBundle], {
      cwd: repoRoot,
      env: {
        ...BASE,
        ...awsEnv(moto.endpoint, { AWS_ENDPOINT_URL_IAM: silent.endpoint }),
        GITHUB_ACTIONS: 'true',
        GITHUB_OUTPUT: outputFile,
        GITHUB_STEP_SUMMARY: summaryFile,
        'INPUT_SARIF-FILE': sarifFile,
        'INPUT_MAX-ATTEMPTS': '1',
        'INPUT_FAIL-ON': 'high',
        'INPUT_MAX-FINDINGS': '0',
        'INPUT_INCLUDE-ROOT': 'true',
        'INPUT_AWS-REGION': 'us-east-1',
        'INPUT_ROLE-SESSION-NAME': 'iam-mfa-audit',
        'INPUT_ROLE-DURATION-SECONDS': '900',
        'INPUT_REPORT-TIMEOUT-SECONDS': '120',
        'INPUT_MAX-REPORT-AGE-MINUTES': '15',
        'INPUT_ALLOW-INCOMPLETE': 'false',
        INPUT_AUDIENCE: 'sts.amazonaws.com',
      },
      timeoutMs: 60_000,
    });
    expect(exit.signal).toBeNull();
    expect(exit.status).toBe(1);
    const outputs = parseGithubOutput(await readFile(outputFile, 'utf8'));
    expect(outputs).toMatchObject({ result: 'fail', 'not-assessed': '2' });
    const unreachable = `${silent.endpoint} is unreachable (TimeoutError: a request has exceeded the configured 5000 ms requestTimeout.) after 1 attempt (max-attempts)`;
    expect(exit.stdout).toContain(
      `No usable credential report (iam:GenerateCredentialReport: ${unreachable}`,
    );
    const summary = await readFile(summaryFile, 'utf8');
    expect(summary).toContain('iam:ListUsers');
    expect(summary).toContain('iam:GetAccountSummary');
  });
});
