import { OIDC_LIMITS } from '../limits.js';
import { boundedFetch } from './bounded-fetch.js';

const fetchToken = boundedFetch({
  ms: OIDC_LIMITS.requestMs,
  answerBytes: OIDC_LIMITS.answerBytes,
});

/**
 * GitHub's OIDC token, asked for as `@actions/core`'s getIDToken does, but each request is
 * one bounded attempt: it ends within OIDC_LIMITS.requestMs, answered or not, so a retry is
 * always a new request and no stuck one holds the run. It prints nothing (core's writes the
 * token to stdout as a mask command, and the CLI's stdout is its report); the caller masks it.
 */
export async function fetchIdToken(
  env: Readonly<Record<string, string | undefined>>,
  audience: string,
): Promise<string> {
  const url = new URL(env.ACTIONS_ID_TOKEN_REQUEST_URL ?? '');
  url.searchParams.set('audience', audience);
  const answer = await fetchToken(url, {
    headers: {
      authorization: `Bearer ${env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? ''}`,
      accept: 'application/json',
    },
  });
  // The same wording as @actions/core, so the retry policy reads the status the same way.
  if (!answer.ok) {
    throw new Error(`Failed to get ID Token. Error Code : ${answer.status}`);
  }
  let value: unknown;
  try {
    ({ value } = (await answer.json()) as { value?: unknown });
  } catch {
    value = undefined;
  }
  if (typeof value !== 'string' || value === '') {
    throw new Error('Response json body do not have ID Token field');
  }
  return value;
}
