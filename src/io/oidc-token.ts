/**
 * GitHub's OIDC token for a command run in a workflow step, fetched as `@actions/core`'s
 * getIDToken does but silently: that one writes the token to stdout as a mask command, and
 * the CLI's stdout is its report, which may be a file.
 */
export async function fetchIdToken(
  env: Readonly<Record<string, string | undefined>>,
  audience: string,
): Promise<string> {
  const url = new URL(env.ACTIONS_ID_TOKEN_REQUEST_URL ?? '');
  url.searchParams.set('audience', audience);
  const answer = await fetch(url, {
    headers: { authorization: `Bearer ${env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? ''}` },
  });
  // The same wording as @actions/core, so the retry policy reads the status the same way.
  if (!answer.ok) {
    throw new Error(`Failed to get ID Token. Error Code : ${answer.status}`);
  }
  const { value } = (await answer.json()) as { value?: unknown };
  if (typeof value !== 'string' || value === '') {
    throw new Error('Response json body do not have ID Token field');
  }
  return value;
}
