import type { NotAssessed } from '../model.js';
import { redacted } from '../secrets.js';
import { bounded, plural } from '../text.js';

/** How an AWS call failed, as far as the audit cares. */
type FailureKind = 'denied' | 'absent' | 'throttled' | 'unreachable' | 'failed';

const DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'NotAuthorized',
]);
const THROTTLED = new Set([
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
]);

/** Errors of the SDK's credential providers, which are thrown before any request is sent. */
const PROVIDER_ERRORS = new Set([
  'CredentialsProviderError',
  'ProviderError',
  'TokenProviderError',
]);

/**
 * An AWS answer the audit cannot use as it stands: a listing that repeats its page token or
 * runs past any real account's size, or an answer missing what it must hold. It is treated as
 * a failed call of `action`, never as data.
 */
export class AnswerError extends Error {
  override name = 'UnusableAnswer';
}

/**
 * True for an error that came out of an AWS SDK call: the SDK's middleware stamps every
 * error of a request (service errors, timeouts, refused connections) with `$metadata`, and its
 * credential providers throw errors of their own. Anything else caught around a call is a bug
 * in this program and must not pass for an AWS answer.
 */
function isAwsError(error: unknown): error is Error {
  if (!(error instanceof Error)) return false;
  if (error instanceof AnswerError) return true;
  const metadata = (error as { $metadata?: unknown }).$metadata;
  return (typeof metadata === 'object' && metadata !== null) || PROVIDER_ERRORS.has(error.name);
}

/** Rethrows what is not an AWS SDK error (a TypeError, say): it is a bug, not a denial. */
export function rethrowUnlessAws(error: unknown): void {
  if (!isAwsError(error)) throw error;
}

/**
 * The AWS error code of an SDK error: `Code` where the SDK keeps it (its `name` is the
 * exception class, e.g. NoSuchEntityException for NoSuchEntity), else the name.
 */
export function errorCode(error: unknown): string {
  if (!(error instanceof Error)) return 'UnknownError';
  const code = (error as { Code?: unknown }).Code;
  return typeof code === 'string' && code !== '' ? code : error.name;
}

/** Errors of the network, not of AWS: nothing answered, or not in time. */
const UNREACHABLE = new Set([
  'TimeoutError',
  'EndpointUnreachable',
  'ETIMEDOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);

export function failureKind(error: unknown): FailureKind {
  const code = errorCode(error);
  const errno = (error as { code?: unknown } | null)?.code;
  if (UNREACHABLE.has(code) || (typeof errno === 'string' && UNREACHABLE.has(errno))) {
    return 'unreachable';
  }
  if (DENIED.has(code)) return 'denied';
  if (code === 'NoSuchEntity') return 'absent';
  if (THROTTLED.has(code)) return 'throttled';
  return 'failed';
}

/** AWS's own words for a failure, on one line: `Code: message`. */
export function awsMessage(error: unknown): string {
  // The HTTP handler prefixes its own name to a timeout; the reader needs only what happened.
  const text = (error instanceof Error ? error.message : String(error)).replace(
    /^@smithy\/node-http-handler - \[ERROR\] /,
    '',
  );
  const oneLine = redacted(text.replace(/\s+/g, ' ').trim());
  const message = bounded(oneLine, 500);
  const code = errorCode(error);
  return message === '' || message === code ? code : `${code}: ${message}`;
}

/** ` after N attempts (max-attempts)`, from the SDK's metadata; '' when it does not say. */
export function attemptsUsed(error: unknown): string {
  const attempts = (error as { $metadata?: { attempts?: unknown } } | null)?.$metadata?.attempts;
  return typeof attempts === 'number' ? ` after ${plural(attempts, 'attempt')} (max-attempts)` : '';
}

/** The endpoint a failed request went to, when the client noted it on the error. */
function endpointOf(error: unknown): string {
  const endpoint = (error as { endpoint?: unknown } | null)?.endpoint;
  return typeof endpoint === 'string' ? endpoint : 'the AWS endpoint';
}

/** `(Code: message) after N attempts (max-attempts)`: AWS's words and the attempts used. */
export function awsDetail(error: unknown): string {
  return `(${awsMessage(error)})${attemptsUsed(error)}`;
}

/**
 * A principal (or the whole account) that could not be read because `action` failed, with the
 * consequence first when one is given. What is not an AWS error is thrown on.
 */
export function notAssessedAfter(
  error: unknown,
  who: Pick<NotAssessed, 'subject' | 'arn' | 'name'>,
  action: string,
  consequence?: string,
): NotAssessed {
  rethrowUnlessAws(error);
  const reason = describeFailure(action, error);
  return {
    subject: who.subject,
    arn: who.arn,
    name: who.name,
    action,
    reason: consequence === undefined ? reason : `${consequence}: ${reason}`,
  };
}

/** One line for a failed call: what happened, AWS's own message, and the attempts used. */
export function describeFailure(action: string, error: unknown): string {
  const aws = awsDetail(error);
  switch (failureKind(error)) {
    case 'denied':
      return `${action} was denied ${aws}; add it to the policy of the credentials the audit uses`;
    case 'throttled':
      return `${action} was still throttled ${aws}`;
    case 'absent':
      return `${action}: the entity no longer exists ${aws}`;
    case 'unreachable':
      return `${action}: ${endpointOf(error)} is unreachable ${aws}; check the network, a proxy, or AWS_ENDPOINT_URL`;
    case 'failed':
      return `${action} failed ${aws}`;
  }
}
