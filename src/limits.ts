/**
 * How long each network step may wait, and how much it may read. Every wait is a total
 * deadline (an endpoint that drips one byte at a time gains nothing); the README's
 * reliability section gives the worst case of each step from these numbers.
 */

/** Each attempt of an AWS call (the SDK retries up to max-attempts). */
export const AWS_LIMITS = {
  /** To open the connection. */
  connectMs: 3_000,
  /** From sending the request to the first byte of the answer, and between any two bytes. */
  firstByteMs: 5_000,
  /** From sending the request to the last byte of the answer. */
  answerMs: 10_000,
  /** The largest answer read: a credential report of 5,000 users is about 2 MiB. */
  answerBytes: 32 * 1024 * 1024,
  /** An endpoint with this many attempts in a row unanswered is not asked again in the run. */
  unansweredInARow: 3,
} as const;

/**
 * CloudTrail's event history, read to bring a cached credential report up to date. Past
 * either bound the report is not trusted and every user is read instead.
 */
export const LOOKUP_LIMITS = {
  /** Pages per event name: 5,000 events of one name, more than reading every user costs. */
  pagesPerEvent: 100,
  /** All lookups together, paced at 2 a second as CloudTrail allows. */
  totalMs: 60_000,
} as const;

/** GitHub's OIDC token: each request, and the retries of a failed one. */
export const OIDC_LIMITS = {
  requestMs: 5_000,
  answerBytes: 64 * 1024,
  attempts: 4,
} as const;

/** A profile's credential_process: stopped (its process group killed) after this long. */
export const CREDENTIAL_PROCESS_LIMITS = {
  ms: 30_000,
  outputBytes: 64 * 1024,
} as const;

/** The code-scanning upload and the polls of its processing status. */
export const UPLOAD_LIMITS = {
  /** Each upload request (its SARIF is at most 10 MB compressed, as GitHub takes it). */
  uploadMs: 20_000,
  /** Each status poll. */
  pollMs: 10_000,
  /** Attempts of a request that failed with 5xx, 429 or a broken connection. */
  attempts: 3,
  /** The largest answer read: GitHub's answers here are a few hundred bytes. */
  answerBytes: 1024 * 1024,
  /** How long processing is waited for in all. */
  processingMs: 120_000,
} as const;

/** What code scanning knows of earlier runs: its alerts and the latest analysis. */
export const HISTORY_LIMITS = {
  /** Each request. */
  requestMs: 10_000,
  /** All requests together, on the run's clock. */
  totalMs: 30_000,
  /** Pages of 100 alerts, or of 100 analyses. */
  pages: 50,
  /** A page of alerts or analyses. */
  answerBytes: 4 * 1024 * 1024,
  /** The latest analysis, as SARIF: code scanning takes at most 25,000 results in a run. */
  sarifBytes: 64 * 1024 * 1024,
} as const;
