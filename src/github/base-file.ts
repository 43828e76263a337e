/** A file of the repository as it is at a commit, read with the contents API, bounded. */
import { getOctokit } from '@actions/github';
import { boundedFetch } from '../io/bounded-fetch.js';
import type { CodeScanningTarget } from '../runner-context.js';
import { redacted } from '../secrets.js';
import { bodyText, firstLineOf } from './answers.js';

/** What the base of a pull request holds at a path. */
export type FileAtCommit =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'missing' }
  | { readonly kind: 'unreadable'; readonly reason: string };

/** A suppressions file is a short list; its answer is read up to this size, in 10 s. */
const CONTENTS_FETCH = boundedFetch({ ms: 10_000, answerBytes: 1024 * 1024 + 4096 });

export async function readFileAtCommit(
  target: CodeScanningTarget,
  token: string,
  path: string,
  commit: string,
): Promise<FileAtCommit> {
  const octokit = getOctokit(token, { baseUrl: target.apiUrl });
  try {
    const answer = await octokit.request('GET /repos/{owner}/{repo}/contents/{path}', {
      owner: target.owner,
      repo: target.repo,
      path,
      ref: commit,
      headers: { accept: 'application/vnd.github.raw+json' },
      request: { fetch: CONTENTS_FETCH },
    });
    const text = bodyText(answer.data);
    if (text === null) return { kind: 'unreadable', reason: `${path} at the base is not a file` };
    return { kind: 'text', text };
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 404) return { kind: 'missing' };
    const why = `${status === undefined ? 'no answer' : `HTTP ${status}`}: ${firstLineOf(error)}`;
    return {
      kind: 'unreadable',
      reason: redacted(`the contents API gave no ${path} at the base (${why})`),
    };
  }
}
