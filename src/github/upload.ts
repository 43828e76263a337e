import { gzipSync } from 'node:zlib';
import { getOctokit } from '@actions/github';
import pRetry from 'p-retry';
import { UploadError } from '../errors.js';
import { boundedFetch, DeadlineError, TooLargeError } from '../io/bounded-fetch.js';
import { UPLOAD_LIMITS } from '../limits.js';
import { failedOnTheWay, firstLineOf } from './answers.js';
import type { CodeScanningTarget } from '../runner-context.js';
import { TOOL_NAME } from '../version.js';

/** Where an upload goes, and what it says of the run, as github/codeql-action/upload-sarif sends it. */
export interface UploadTarget extends CodeScanningTarget {
  /** The checkout the SARIF's paths are relative to (the workspace), as a file URI. */
  readonly checkoutUri: string;
  /** When the audit started, ISO 8601. */
  readonly startedAt: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The repository, commit and ref to upload for, from the runner's variables: `GITHUB_SHA`
 * and `GITHUB_REF` as they are, as github/codeql-action does. On a pull request they are the
 * merge commit and `refs/pull/N/merge`, a pair code scanning knows; the head commit with the
 * merge ref is not. Null outside a workflow run that names them.
 */
export function codeScanningTarget(env: Env): CodeScanningTarget | null {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  const ref = env.GITHUB_REF ?? '';
  const commitSha = env.GITHUB_SHA ?? '';
  if (!owner || !repo || !commitSha || !ref) return null;
  return { apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com', owner, repo, commitSha, ref };
}

/** How often processing is asked about. */
const POLL_MS = [1_000, 2_000, 3_000, 5_000] as const;
/** The wait before the second and third attempt of a request that failed on the way. */
const RETRY_MS = [1_000, 2_000] as const;

/**
 * What became of the upload: processed, uploaded but not processed in time (as
 * codeql-action, a warning), or failed (the step fails; the audit's results stand).
 */
export type UploadOutcome =
  | { readonly kind: 'uploaded'; readonly id: string }
  | { readonly kind: 'not-processed'; readonly id: string; readonly reason: string }
  | { readonly kind: 'failed'; readonly reason: string };

/** The clock, timer and log an upload waits and reports with. */
export interface UploadDeps {
  readonly now: () => Date;
  readonly sleep: (ms: number) => Promise<void>;
  readonly log: (message: string) => void;
}

/**
 * Uploads a SARIF log to code scanning (gzip, then base64, as the API takes it) and waits,
 * within a bound, until GitHub has processed it. Every request has a
 * total deadline and a bound on its answer (UPLOAD_LIMITS); one that fails with 5xx, 429 or
 * a broken connection is tried again, up to UPLOAD_LIMITS.attempts times.
 */
export async function uploadSarif(
  sarif: string,
  token: string,
  target: UploadTarget,
  deps: UploadDeps,
): Promise<UploadOutcome> {
  const octokit = getOctokit(token, { baseUrl: target.apiUrl });
  const where = `${target.owner}/${target.repo}`;
  const retrying = <T>(request: () => Promise<T>, stillTime: () => boolean): Promise<T> =>
    pRetry(request, {
      retries: UPLOAD_LIMITS.attempts - 1,
      minTimeout: RETRY_MS[0],
      factor: RETRY_MS[1] / RETRY_MS[0],
      randomize: false,
      shouldRetry: (error) => stillTime() && isTransient(error),
    });
  const sarifField = gzipSync(sarif).toString('base64');
  let id: string;
  try {
    const answer = await retrying(
      () =>
        octokit.rest.codeScanning.uploadSarif({
          owner: target.owner,
          repo: target.repo,
          commit_sha: target.commitSha,
          ref: target.ref,
          sarif: sarifField,
          checkout_uri: target.checkoutUri,
          started_at: target.startedAt,
          tool_name: TOOL_NAME,
          request: { fetch: UPLOAD_FETCH },
        }),
      () => true,
    );
    id = answer.data.id ?? '';
  } catch (error) {
    throw new UploadError(`upload-sarif: ${apiFailure(error, where)}`);
  }
  if (id === '')
    throw new UploadError('upload-sarif: GitHub accepted the SARIF but returned no id.');
  deps.log(
    `SARIF uploaded to code scanning of ${where} (id ${id}); waiting for it to be processed…`,
  );

  const deadline = deps.now().getTime() + UPLOAD_LIMITS.processingMs;
  const beforeDeadline = (): boolean => deps.now().getTime() <= deadline;
  for (let attempt = 0; ; attempt++) {
    await deps.sleep(POLL_MS[Math.min(attempt, POLL_MS.length - 1)] ?? 5_000);
    let status: {
      processing_status?: string | undefined;
      errors?: readonly string[] | null | undefined;
    };
    try {
      status = (
        await retrying(
          () =>
            octokit.rest.codeScanning.getSarif({
              owner: target.owner,
              repo: target.repo,
              sarif_id: id,
              request: { fetch: POLL_FETCH },
            }),
          beforeDeadline,
        )
      ).data;
    } catch (error) {
      // Just after the upload the id may not be known yet.
      if ((error as { status?: number }).status !== 404) {
        throw new UploadError(`upload-sarif: ${apiFailure(error, where)}`);
      }
      status = {};
    }
    if (status.processing_status === 'complete') return { kind: 'uploaded', id };
    if (status.processing_status === 'failed') {
      throw new UploadError(
        `upload-sarif: code scanning could not process the SARIF (id ${id}): ${(status.errors ?? []).join('; ') || 'no reason given'}.`,
      );
    }
    if (deps.now().getTime() > deadline) {
      return {
        kind: 'not-processed',
        id,
        reason: `upload-sarif: the SARIF (id ${id}) was uploaded but not processed within ${UPLOAD_LIMITS.processingMs / 1000} s; see the repository's code scanning page.`,
      };
    }
  }
}

const UPLOAD_FETCH = boundedFetch({
  ms: UPLOAD_LIMITS.uploadMs,
  answerBytes: UPLOAD_LIMITS.answerBytes,
});
const POLL_FETCH = boundedFetch({
  ms: UPLOAD_LIMITS.pollMs,
  answerBytes: UPLOAD_LIMITS.answerBytes,
});

/**
 * Worth another attempt: GitHub's 5xx and 429, and a connection that broke. An answer past
 * its deadline or its size is not: the next one would be no different.
 */
function isTransient(error: unknown): boolean {
  const cause = failedOnTheWay(error);
  if (cause !== null) return !(cause instanceof DeadlineError || cause instanceof TooLargeError);
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' && (status >= 500 || status === 429);
}

/** One line for a failed API call: what GitHub said, and what it means here. */
function apiFailure(error: unknown, where: string): string {
  const cause = failedOnTheWay(error);
  if (cause instanceof DeadlineError || cause instanceof TooLargeError) {
    return `the code-scanning API of ${where} gave ${cause.message}; see https://www.githubstatus.com, or upload with github/codeql-action/upload-sarif.`;
  }
  // octokit's message for a failure on the way is its cause's own words.
  const status = cause === null ? (error as { status?: number }).status : undefined;
  const message = firstLineOf(error);
  if (status === 403 && /advanced security|code scanning is not enabled/i.test(message)) {
    return `code scanning is not enabled for ${where} (HTTP 403: ${message}).`;
  }
  if (status === 403) {
    return `GitHub refused the upload to ${where} (HTTP 403: ${message}); the token needs security-events: write.`;
  }
  if (status === 404) {
    return `GitHub found no repository ${where} or no code scanning there for this token (HTTP 404: ${message}).`;
  }
  return `the code-scanning API of ${where} failed (${status === undefined ? 'no answer' : `HTTP ${status}`}: ${message}).`;
}
