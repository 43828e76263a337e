/** How an AWS call failed, as far as the audit cares. */
export type FailureKind = 'denied' | 'absent' | 'throttled' | 'failed';

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

/**
 * The AWS error code of an SDK error: `Code` where the SDK keeps it (its `name` is the
 * exception class, e.g. NoSuchEntityException for NoSuchEntity), else the name.
 */
export function errorCode(error: unknown): string {
  if (!(error instanceof Error)) return 'UnknownError';
  const code = (error as { Code?: unknown }).Code;
  return typeof code === 'string' && code !== '' ? code : error.name;
}

export function failureKind(error: unknown): FailureKind {
  const code = errorCode(error);
  if (DENIED.has(code)) return 'denied';
  if (code === 'NoSuchEntity') return 'absent';
  if (THROTTLED.has(code)) return 'throttled';
  return 'failed';
}

/** How many attempts the SDK made, from the error's metadata. */
function attempts(error: unknown): number | null {
  const metadata = (error as { $metadata?: { attempts?: number } } | null)?.$metadata;
  return metadata?.attempts ?? null;
}

/** One line for a failed call: what was denied or why it failed, without the SDK's dump. */
export function describeFailure(action: string, error: unknown): string {
  const tries = attempts(error);
  const after =
    tries === null ? '' : ` after ${tries} attempt${tries === 1 ? '' : 's'} (max-attempts)`;
  switch (failureKind(error)) {
    case 'denied':
      return `${action} was denied; add it to the policy of the credentials the audit uses`;
    case 'throttled':
      return `${action} was still throttled${after}`;
    case 'absent':
      return `${action}: the entity no longer exists`;
    case 'failed': {
      const message = error instanceof Error ? error.message.split('\n', 1)[0] : String(error);
      return `${action} failed${after}: ${errorCode(error)}: ${message ?? ''}`;
    }
  }
}
