import { ConfigurationError } from './errors.js';
import { SEVERITIES, type Threshold } from './model.js';

/** Everything a run needs to know, parsed once from the action's inputs or the CLI's flags. */
export interface Options {
  /** Path to a credential report CSV; null audits the live account. */
  readonly credentialReport: string | null;
  readonly failOn: Threshold;
  readonly maxFindings: number;
  readonly sarifFile: string;
  readonly includeRoot: boolean;
}

export interface InputSpec {
  readonly name: string;
  readonly description: string;
  /** The default as the user would write it; '' means unset. */
  readonly default: string;
}

const THRESHOLDS: readonly Threshold[] = [...SEVERITIES, 'none'];

/** The inputs, in the order action.yml, the CLI's --help and the README list them. */
export const INPUTS: readonly InputSpec[] = [
  {
    name: 'credential-report',
    description:
      'Path to an IAM credential report CSV to audit instead of the live account. No AWS call is made and no credentials are needed.',
    default: '',
  },
  {
    name: 'fail-on',
    description: `Lowest severity that counts against max-findings: ${THRESHOLDS.join(', ')}. With none, findings never fail the run.`,
    default: 'high',
  },
  {
    name: 'max-findings',
    description: 'How many counted findings are tolerated before the run fails.',
    default: '0',
  },
  {
    name: 'sarif-file',
    description: 'Where to write the SARIF 2.1.0 log for code scanning.',
    default: 'iam-mfa-audit.sarif',
  },
  {
    name: 'include-root',
    description: 'Also check that the root user has MFA (rule aws-iam-001): true or false.',
    default: 'true',
  },
];

/**
 * Reads raw input values (undefined or '' when unset) and returns typed Options.
 * `label` turns an input name into the way the user wrote it (`input "fail-on"` or `--fail-on`).
 */
export function parseOptions(
  read: (name: string) => string | undefined,
  label: (name: string) => string,
): Options {
  const value = (name: string): string => {
    const raw = read(name)?.trim() ?? '';
    if (raw !== '') return raw;
    const spec = INPUTS.find((input) => input.name === name);
    if (!spec) throw new Error(`unknown input ${name}`);
    return spec.default;
  };
  const bad = (name: string, got: string, accepted: string): ConfigurationError =>
    new ConfigurationError(
      `${label(name)}: ${JSON.stringify(got)} is not accepted; use ${accepted}.`,
    );

  const oneOf = <T extends string>(name: string, accepted: readonly T[]): T => {
    const raw = value(name);
    const found = accepted.find((a) => a === raw.toLowerCase());
    if (found === undefined) throw bad(name, raw, `one of ${accepted.join(', ')}`);
    return found;
  };
  const integer = (name: string, min: number, max: number): number => {
    const raw = value(name);
    const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      throw bad(name, raw, `a whole number from ${min} to ${max}`);
    }
    return n;
  };
  // The same spellings as core.getBooleanInput (YAML 1.2 core schema), in both surfaces.
  const boolean = (name: string): boolean => {
    const raw = value(name);
    if (['true', 'True', 'TRUE'].includes(raw)) return true;
    if (['false', 'False', 'FALSE'].includes(raw)) return false;
    throw bad(name, raw, 'true or false');
  };

  const report = value('credential-report');
  return {
    credentialReport: report === '' ? null : report,
    failOn: oneOf('fail-on', THRESHOLDS),
    maxFindings: integer('max-findings', 0, 1_000_000),
    sarifFile: value('sarif-file'),
    includeRoot: boolean('include-root'),
  };
}
