import { redacted } from './secrets.js';
import { visible } from './text.js';
import { ISSUES_URI } from './version.js';

/**
 * Errors a user can fix. Each carries one line that names the input, file or
 * permission at fault and what is accepted; entries print that line and no stack.
 */
export class AuditError extends Error {
  override name = 'AuditError';
  /** What the user can do about errors of this kind, unless one says better. */
  static readonly defaultAdvice: string = 'Correct what the reason names and run the audit again.';
  /** What the user can do about it, for the job summary. */
  readonly advice: string;

  constructor(message: string, advice?: string) {
    super(message);
    this.advice = advice ?? (this.constructor as typeof AuditError).defaultAdvice;
  }
}

/** A bad input value or flag. */
export class ConfigurationError extends AuditError {
  override name = 'ConfigurationError';
  static override readonly defaultAdvice =
    "Correct the input named in the reason; the README's table of inputs lists the accepted values.";
}

/** A credential report that cannot be read or does not have the expected shape. */
export class ReportError extends AuditError {
  override name = 'ReportError';
  static override readonly defaultAdvice =
    'Give the IAM credential report as CSV: the base64-decoded Content of `aws iam get-credential-report`, or the file the IAM console downloads.';
}

/** AWS refused or failed a call in a way the user must act on (credentials, permissions). */
export class AwsAccessError extends AuditError {
  override name = 'AwsAccessError';
  static override readonly defaultAdvice =
    "Fix the credentials, the role's trust policy or its permissions as the reason says; the README lists the role's least-privilege policy.";
}

/** The SARIF could not be uploaded to code scanning, or GitHub could not process it. */
export class UploadError extends AuditError {
  override name = 'UploadError';
  static override readonly defaultAdvice =
    'Give the job `permissions: security-events: write` (and `actions: read` in a private repository), make sure code scanning is available for the repository, or upload with github/codeql-action/upload-sarif instead.';
}

/** Why a run stopped before its verdict, for the log, the summary and the exit code. */
export interface Failure {
  readonly reason: string;
  readonly advice: string;
  /** A bug of this program rather than something the user can fix. */
  readonly internal: boolean;
}

/** Why a run stopped, in one line with no secret and no control character in it. */
export function failureOf(error: unknown): Failure {
  if (error instanceof AuditError) {
    return { reason: visible(redacted(error.message)), advice: error.advice, internal: false };
  }
  return {
    reason: `internal error: ${visible(redacted(describeError(error)))}`,
    advice: `Unless the reason points at something the runner provides (a file or folder it set up), this is a bug in iam-mfa-audit, not a problem with your account or inputs: re-run with debug logging on for the stack trace, and report it at ${ISSUES_URI}.`,
    internal: true,
  };
}

/** One line for any thrown value, Error or not, without a stack trace. */
export function describeError(error: unknown): string {
  if (error instanceof AuditError) return error.message;
  if (error instanceof Error) {
    const name = error.name && error.name !== 'Error' ? `${error.name}: ` : '';
    return firstLine(`${name}${error.message}`);
  }
  if (typeof error === 'string') return firstLine(error);
  try {
    return firstLine(`unexpected error: ${JSON.stringify(error)}`);
  } catch {
    return 'unexpected error';
  }
}

function firstLine(text: string): string {
  return text.split(/\r?\n/, 1)[0] ?? text;
}
