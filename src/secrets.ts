/**
 * Secrets kept out of every log line, output, file and summary. Values the run knows (tokens
 * and temporary keys it holds) are replaced wherever they appear, and so is anything shaped
 * like a GitHub token, which an API may echo in an error. Text from outside passes through
 * `redacted` before it is escaped for any output, so no escaping can hide a secret from it:
 * in failureOf, for every error that stops a run or an account, and in awsMessage, for AWS's
 * words in the reasons of what was not assessed.
 */
const known = new Set<string>();

/** GitHub's token formats: classic and fine-grained personal, OAuth, app, refresh. */
const GITHUB_TOKEN = /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/g;

/** What replaces a secret. */
const REDACTED = '***';

/** Remembers a value that must never be shown; values too short to be secrets are ignored. */
export function rememberSecret(value: string): void {
  if (value.length >= 8) known.add(value);
}

/** The text with every known secret, and anything shaped like a GitHub token, replaced. */
export function redacted(text: string): string {
  let out = text.replace(GITHUB_TOKEN, REDACTED);
  for (const secret of known) out = out.split(secret).join(REDACTED);
  return out;
}
