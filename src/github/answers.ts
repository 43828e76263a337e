/** How octokit reports GitHub's answers and failures, read the same way by every call. */

/**
 * What failed on the way rather than in GitHub's answer: octokit reports an error of fetch
 * itself as HTTP 500, with the error as its cause.
 */
export function failedOnTheWay(error: unknown): Error | null {
  const cause = (error as { cause?: unknown } | null)?.cause;
  return cause instanceof Error ? cause : null;
}

/** The first line of a failed request's message (GitHub's words, or the cause's). */
export function firstLineOf(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n', 1)[0] ?? '') : String(error);
}

/**
 * An answer of another media type than application/json (raw contents, SARIF) as text:
 * octokit hands it over as text or as bytes. Null when it is neither.
 */
export function bodyText(data: unknown): string | null {
  if (typeof data === 'string') return data;
  return data instanceof ArrayBuffer ? new TextDecoder().decode(data) : null;
}
