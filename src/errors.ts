/**
 * Errors a user can fix. Each carries one line that names the input, file or
 * permission at fault and what is accepted; entries print that line and no stack.
 */
export class AuditError extends Error {
  override name = 'AuditError';
}

/** A bad input value or flag. */
export class ConfigurationError extends AuditError {
  override name = 'ConfigurationError';
}

/** A credential report that cannot be read or does not have the expected shape. */
export class ReportError extends AuditError {
  override name = 'ReportError';
}

/** AWS refused or failed a call in a way the user must act on (credentials, permissions). */
export class AwsAccessError extends AuditError {
  override name = 'AwsAccessError';
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
