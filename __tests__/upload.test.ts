/**
 * upload-sarif: dist/index.js uploads the SARIF to a local HTTP server that checks the
 * request as GitHub's code-scanning API would (path, token, gzip then base64, a valid SARIF
 * log), then polls the processing status.
 */
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { exampleReport, repoRoot } from './fixtures.js';
import { runActionAsync, sarifAt } from './runner.js';
import { startForwardProxy } from './support/forward-proxy.js';
import { listenOnLoopback } from './support/loopback.js';
import { uploadSarif } from '../src/github/upload.js';
import { onlyRun, parseSarif } from './sarif-validation.js';

interface Received {
  readonly authorization: string | undefined;
  readonly commitSha: unknown;
  readonly ref: unknown;
  readonly checkoutUri: unknown;
  readonly startedAt: unknown;
  readonly toolName: unknown;
  readonly sarif: Log;
}

interface Api {
  readonly url: string;
  readonly uploads: Received[];
  readonly polls: () => number;
  readonly posts: () => number;
  readonly server: Server;
}

/** A token of another kind than the run's, which an API might echo in an error. */
const ECHOED_TOKEN = 'ghp_0123456789abcdefghijABCDEFGHIJ012345';

/**
 * How the API misbehaves: refuse (403), fail the first upload (500), drip its answer to the
 * upload a byte a second, answer it with 2 MiB, echo tokens in a 400 message; never answer a
 * status poll; fail processing.
 */
interface Behaviour {
  upload?: 403 | 'first-500' | 'drip' | 'huge' | 'echo-token';
  poll?: 'silent' | 'pending';
  processing?: 'complete' | 'failed';
}

/** The code-scanning API of repository acme/infra, answering as `behave` says. */
async function codeScanningApi(behave: Behaviour = {}): Promise<Api> {
  const uploads: Received[] = [];
  let polls = 0;
  let posts = 0;
  const send = (response: ServerResponse, status: number, body: unknown): void => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method === 'POST' && request.url === '/repos/acme/infra/code-scanning/sarifs') {
        posts += 1;
        if (behave.upload === 403) {
          send(response, 403, { message: 'Resource not accessible by integration' });
          return;
        }
        if (behave.upload === 'first-500' && posts === 1) {
          send(response, 500, { message: 'Server Error' });
          return;
        }
        if (behave.upload === 'echo-token') {
          const sent = (request.headers.authorization ?? '').split(' ').at(-1) ?? '';
          send(response, 400, { message: `token ${sent} and ${ECHOED_TOKEN} are not valid here` });
          return;
        }
        if (behave.upload === 'drip') {
          response.writeHead(202, { 'content-type': 'application/json' });
          response.write('{');
          const timer = setInterval(() => {
            response.write(' ');
          }, 1_000);
          response.on('close', () => {
            clearInterval(timer);
          });
          return;
        }
        if (behave.upload === 'huge') {
          send(response, 202, { id: 'sarif-42', padding: 'x'.repeat(2 * 1024 * 1024) });
          return;
        }
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
        const log = parseSarif(
          gunzipSync(Buffer.from(String(body.sarif), 'base64')).toString('utf8'),
        );
        uploads.push({
          authorization: request.headers.authorization,
          commitSha: body.commit_sha,
          ref: body.ref,
          checkoutUri: body.checkout_uri,
          startedAt: body.started_at,
          toolName: body.tool_name,
          sarif: log,
        });
        send(response, 202, {
          id: 'sarif-42',
          url: 'http://api/repos/acme/infra/code-scanning/sarifs/sarif-42',
        });
        return;
      }
      if (
        request.method === 'GET' &&
        request.url === '/repos/acme/infra/code-scanning/sarifs/sarif-42'
      ) {
        polls += 1;
        if (behave.poll === 'silent') return;
        if (behave.poll === 'pending') {
          send(response, 200, { processing_status: 'pending' });
          return;
        }
        if (polls === 1) send(response, 200, { processing_status: 'pending' });
        else if (behave.processing === 'failed') {
          send(response, 200, {
            processing_status: 'failed',
            errors: ['locationFromSarifResult: expected artifact location'],
          });
        } else send(response, 200, { processing_status: 'complete', analyses_url: 'http://api/x' });
        return;
      }
      send(response, 404, { message: 'Not Found' });
    });
  });
  return {
    url: await listenOnLoopback(server),
    uploads,
    polls: () => polls,
    posts: () => posts,
    server,
  };
}

type Run = (
  extraInputs: Record<string, string>,
  env: Record<string, string>,
) => ReturnType<typeof runActionAsync>;

/**
 * A code-scanning API behaving as `behave` says and a folder of its own for one test, both
 * gone when the test finishes; `run` is the action as the runner runs it against that API.
 */
async function scenario(
  behave: Behaviour,
  onTestFinished: (cleanup: () => Promise<void>) => void,
): Promise<{ api: Api; dir: string; run: Run }> {
  const api = await codeScanningApi(behave);
  const dir = await mkdtemp(join(tmpdir(), 'iam-mfa-audit-upload-'));
  onTestFinished(async () => {
    api.server.closeAllConnections();
    api.server.close();
    await once(api.server, 'close');
    await rm(dir, { recursive: true, force: true });
  });
  const run: Run = (extraInputs, env) =>
    runActionAsync(
      dir,
      {
        'credential-report': exampleReport,
        'sarif-file': join(dir, 'audit.sarif'),
        'fail-on': 'none',
        'upload-sarif': 'true',
        'github-token': 'ghs_localtesttoken',
        ...extraInputs,
      },
      {
        GITHUB_API_URL: api.url,
        GITHUB_REPOSITORY: 'acme/infra',
        GITHUB_SHA: '1111111111111111111111111111111111111111',
        GITHUB_REF: 'refs/heads/main',
        ...env,
      },
    );
  return { api, dir, run };
}

/**
 * A failed upload fails the step with one error line, and loses nothing of the finished
 * audit: its verdict (pass, with fail-on none), its outputs but sarif-id, its SARIF file and
 * a summary of its findings that says the upload failed.
 */
function expectUploadFailed(step: Awaited<ReturnType<Run>>, dir: string, line: unknown): void {
  expect(step.status).toBe(1);
  expect(step.stdout.split('\n').filter((l) => l.startsWith('::error'))).toEqual([line]);
  expect(step.outputs).toMatchObject({
    result: 'pass',
    findings: '5',
    'sarif-file': join(dir, 'audit.sarif'),
  });
  expect(step.outputs['sarif-id']).toBeUndefined();
  expect(onlyRun(sarifAt(join(dir, 'audit.sarif'))).results).toHaveLength(5);
  expect(step.summary).toContain('The upload to code scanning failed');
  expect(step.summary).toContain('| User | Severity | Last sign-in | To do |');
}

// Each test has its own API and folder: they run at once, most of them waiting on a bound.
describe.concurrent('upload-sarif', () => {
  it('uploads the log for the run commit and ref, waits until it is processed, and says its id', async ({
    onTestFinished,
  }) => {
    const { api, run } = await scenario({}, onTestFinished);
    const step = await run({ 'sarif-category': 'iam-mfa-audit/prod' }, {});
    expect(step.status).toBe(0);
    expect(step.outputs).toMatchObject({ result: 'pass', 'sarif-id': 'sarif-42' });
    expect(api.uploads).toHaveLength(1);
    const [upload] = api.uploads;
    expect(upload?.authorization).toMatch(/^(token|bearer) ghs_localtesttoken$/i);
    expect(upload?.commitSha).toBe('1111111111111111111111111111111111111111');
    expect(upload?.ref).toBe('refs/heads/main');
    // As github/codeql-action/upload-sarif sends them: the checkout, the start, the tool.
    expect(upload?.checkoutUri).toBe(pathToFileURL(repoRoot).href);
    expect(Date.parse(String(upload?.startedAt))).toBeLessThanOrEqual(Date.now());
    expect(Date.now() - Date.parse(String(upload?.startedAt))).toBeLessThan(60_000);
    expect(upload?.toolName).toBe('iam-mfa-audit');
    const sarifRun = onlyRun(upload?.sarif ?? { version: '2.1.0', runs: [] });
    expect(sarifRun.results).toHaveLength(5);
    expect(sarifRun.automationDetails?.id).toBe('iam-mfa-audit/prod/');
    expect(api.polls()).toBe(2);
    // the token appears once: in the command that tells the runner to mask it
    expect(step.stdout.split('\n').filter((l) => l.includes('ghs_localtesttoken'))).toEqual([
      '::add-mask::ghs_localtesttoken',
    ]);
  });

  it("uploads a pull request's merge ref with its merge commit, as codeql-action does", async ({
    onTestFinished,
  }) => {
    const { api, dir, run } = await scenario({}, onTestFinished);
    const event = join(dir, 'event.json');
    writeFileSync(
      event,
      JSON.stringify({
        pull_request: { head: { sha: '2222222222222222222222222222222222222222' } },
      }),
    );
    await run(
      {},
      {
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: event,
        GITHUB_REF: 'refs/pull/7/merge',
      },
    );
    // GITHUB_SHA is the merge commit of refs/pull/N/merge; the head commit is another.
    expect(api.uploads.map((u) => [u.ref, u.commitSha])).toEqual([
      ['refs/pull/7/merge', '1111111111111111111111111111111111111111'],
    ]);
  });

  it.for([
    [
      'a token without security-events: write',
      { upload: 403 },
      /^::error::upload-sarif: GitHub refused the upload to acme\/infra \(HTTP 403: Resource not accessible by integration.*\); the token needs security-events: write\.$/,
    ],
    [
      'a log GitHub could not process',
      { processing: 'failed' },
      /^::error::upload-sarif: code scanning could not process the SARIF \(id sarif-42\): locationFromSarifResult: expected artifact location\.$/,
    ],
  ] as const)(
    'fails the step in one line on %s, and keeps the finished audit',
    async ([, behave, line], { onTestFinished }) => {
      const { dir, run } = await scenario(behave, onTestFinished);
      const step = await run({}, {});
      expectUploadFailed(step, dir, expect.stringMatching(line));
    },
  );
  it('tries an upload that failed with HTTP 500 again, and it lands', async ({
    onTestFinished,
  }) => {
    const { api, run } = await scenario({ upload: 'first-500' }, onTestFinished);
    const step = await run({}, {});
    expect(step.status).toBe(0);
    expect(step.outputs).toMatchObject({ result: 'pass', 'sarif-id': 'sarif-42' });
    expect(api.posts()).toBe(2);
    expect(api.uploads).toHaveLength(1);
  });

  it.for([
    [
      'an upload whose answer drips a byte a second',
      { upload: 'drip' },
      '::error::upload-sarif: the code-scanning API of acme/infra gave no complete answer within 20 s; see https://www.githubstatus.com, or upload with github/codeql-action/upload-sarif.',
      1,
    ],
    [
      'a status poll that is never answered',
      { poll: 'silent' },
      '::error::upload-sarif: the code-scanning API of acme/infra gave no complete answer within 10 s; see https://www.githubstatus.com, or upload with github/codeql-action/upload-sarif.',
      1,
    ],
    [
      'an answer of 2 MiB',
      { upload: 'huge' },
      '::error::upload-sarif: the code-scanning API of acme/infra gave an answer of more than 1024 KiB; see https://www.githubstatus.com, or upload with github/codeql-action/upload-sarif.',
      1,
    ],
  ] as const)(
    'ends %s within its bound, in one line',
    async ([, behave, line, posts], { onTestFinished }) => {
      const { api, dir, run } = await scenario(behave, onTestFinished);
      const step = await run({}, {});
      expectUploadFailed(step, dir, line);
      expect(api.posts()).toBe(posts);
    },
  );

  it('redacts tokens an error echoes, the known one and any by its prefix, in every output', async ({
    onTestFinished,
  }) => {
    const { dir, run } = await scenario({ upload: 'echo-token' }, onTestFinished);
    const step = await run({}, {});
    expectUploadFailed(
      step,
      dir,
      '::error::upload-sarif: the code-scanning API of acme/infra failed (HTTP 400: token *** and *** are not valid here).',
    );
    const everything = `${step.stdout.replace('::add-mask::ghs_localtesttoken', '')}${step.stderr}${step.summary}`;
    for (const secret of ['localtesttoken', ECHOED_TOKEN.slice(4), 'ghp\\_', 'ghs\\_']) {
      expect(everything).not.toContain(secret);
    }
    expect(step.summary).toContain('token \\*\\*\\* and \\*\\*\\* are not valid here');
  });
  it('takes processing past its 120 s for a warning, not a failure, on the clock it is given', async ({
    onTestFinished,
  }) => {
    const { api } = await scenario({ poll: 'pending' }, onTestFinished);
    let clock = Date.parse('2026-12-06T12:00:00Z');
    const outcome = await uploadSarif(
      JSON.stringify({
        version: '2.1.0',
        runs: [{ tool: { driver: { name: 'iam-mfa-audit' } }, results: [] }],
      }),
      'ghs_localtesttoken',
      {
        apiUrl: api.url,
        owner: 'acme',
        repo: 'infra',
        commitSha: '1'.repeat(40),
        ref: 'refs/heads/main',
        checkoutUri: pathToFileURL(repoRoot).href,
        startedAt: new Date(clock).toISOString(),
      },
      {
        now: () => new Date(clock),
        sleep: (ms) => {
          clock += ms;
          return Promise.resolve();
        },
        log: () => undefined,
      },
    );
    expect(outcome).toEqual({
      kind: 'not-processed',
      id: 'sarif-42',
      reason:
        "upload-sarif: the SARIF (id sarif-42) was uploaded but not processed within 120 s; see the repository's code scanning page.",
    });
    // Polled at 1, 3 and 6 s, then every 5 s up to 121 s, past the 120 s on the given clock.
    expect(api.polls()).toBe(26);
  });
  it('uploads and polls through HTTP_PROXY, as self-hosted runners need', async ({
    onTestFinished,
  }) => {
    const forward = await startForwardProxy();
    onTestFinished(() => forward.stop());
    const { api, run } = await scenario({}, onTestFinished);
    const step = await run({}, { HTTP_PROXY: forward.url });
    expect(step.status).toBe(0);
    expect(step.outputs['sarif-id']).toBe('sarif-42');
    const host = new URL(api.url).host;
    // undici tunnels through the proxy (CONNECT) and keeps the tunnel for the polls.
    expect(forward.seen().length).toBeGreaterThan(0);
    expect(new Set(forward.seen())).toEqual(new Set([`CONNECT ${host}`]));
  });
});
