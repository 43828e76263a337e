import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../src/errors.js';
import { INPUTS, parsePlan, type Plan } from '../src/options.js';

const label = (name: string): string => `input ${name}`;

function parseWith(values: Readonly<Record<string, string>>): Plan {
  return parsePlan((name) => values[name], label);
}

/** The plan's choices of the audit itself, leaving out those of other features. */
function auditOptions(values: Readonly<Record<string, string>>) {
  const { source, policy, outputs, rules } = parseWith(values);
  return {
    credentialReport: source.kind === 'report-file' ? source.path : null,
    failOn: policy.failOn,
    maxFindings: policy.maxFindings,
    sarifFile: outputs.sarifFile,
    includeRoot: rules.includeRoot,
  };
}

function errorOf(values: Readonly<Record<string, string>>): ConfigurationError {
  try {
    parseWith(values);
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

describe('parsePlan', () => {
  it('uses the defaults when no input is set', () => {
    expect(auditOptions({})).toEqual({
      credentialReport: null,
      failOn: 'high',
      maxFindings: 0,
      sarifFile: 'iam-mfa-audit.sarif',
      includeRoot: true,
    });
  });

  it('treats empty values, as the runner passes unset inputs, as the defaults', () => {
    const empty = Object.fromEntries(INPUTS.map((input) => [input.name, '']));
    expect(parseWith(empty)).toEqual(parseWith({}));
  });

  it('reads each audit input', () => {
    expect(
      auditOptions({
        'credential-report': 'reports/iam.csv',
        'fail-on': 'critical',
        'max-findings': '3',
        'sarif-file': 'out/audit.sarif',
        'include-root': 'false',
      }),
    ).toEqual({
      credentialReport: 'reports/iam.csv',
      failOn: 'critical',
      maxFindings: 3,
      sarifFile: 'out/audit.sarif',
      includeRoot: false,
    });
  });

  it.each([
    ['critical', 'critical'],
    ['high', 'high'],
    ['medium', 'medium'],
    ['low', 'low'],
    ['none', 'none'],
    ['HIGH', 'high'],
    ['Critical', 'critical'],
    ['NoNe', 'none'],
    ['  low  ', 'low'],
  ])('reads fail-on %j as %s', (raw, failOn) => {
    expect(auditOptions({ 'fail-on': raw }).failOn).toBe(failOn);
  });

  it.each([
    ['0', 0],
    ['1', 1],
    ['25', 25],
    ['007', 7],
    [' 4 ', 4],
    ['1000000', 1_000_000],
    ['', 0],
  ])('reads max-findings %j as %d', (raw, maxFindings) => {
    expect(auditOptions({ 'max-findings': raw }).maxFindings).toBe(maxFindings);
  });

  it.each([
    ['true', true],
    ['True', true],
    ['TRUE', true],
    ['false', false],
    ['False', false],
    ['FALSE', false],
    [' false\n', false],
    ['', true],
  ])('reads include-root %j as %s', (raw, includeRoot) => {
    expect(auditOptions({ 'include-root': raw }).includeRoot).toBe(includeRoot);
  });

  it('trims the paths', () => {
    const options = auditOptions({
      'credential-report': '  reports/iam.csv\n',
      'sarif-file': '\tout.sarif ',
    });
    expect(options.credentialReport).toBe('reports/iam.csv');
    expect(options.sarifFile).toBe('out.sarif');
  });

  it('treats a blank credential-report as the live account', () => {
    expect(auditOptions({ 'credential-report': '   ' }).credentialReport).toBeNull();
  });

  const FAIL_ON = 'one of critical, high, medium, low, none';
  const WHOLE = 'a whole number from 0 to 1000000';
  const BOOLEAN = 'true or false';

  it.each([
    ['fail-on', 'urgent', FAIL_ON],
    ['fail-on', 'hi', FAIL_ON],
    ['fail-on', 'high,low', FAIL_ON],
    ['fail-on', 'error', FAIL_ON],
    ['max-findings', 'abc', WHOLE],
    ['max-findings', '-1', WHOLE],
    ['max-findings', '1.5', WHOLE],
    ['max-findings', '+2', WHOLE],
    ['max-findings', '1e3', WHOLE],
    ['max-findings', '1000001', WHOLE],
    ['include-root', 'yes', BOOLEAN],
    ['include-root', '1', BOOLEAN],
    ['include-root', 'on', BOOLEAN],
    ['include-root', 'tRUE', BOOLEAN],
  ])('rejects %s %j, naming the input and the accepted values', (name, raw, accepted) => {
    const error = errorOf({ [name]: raw });
    expect(error.name).toBe('ConfigurationError');
    expect(error.message).toBe(
      `input ${name}: ${JSON.stringify(raw)} is not accepted; use ${accepted}.`,
    );
  });

  it('names the input the way the label function spells it', () => {
    expect(() =>
      parsePlan(
        (name) => (name === 'max-findings' ? 'many' : undefined),
        (name) => `--${name}`,
      ),
    ).toThrow(
      new ConfigurationError(
        '--max-findings: "many" is not accepted; use a whole number from 0 to 1000000.',
      ),
    );
  });

  it('quotes the trimmed value in the message', () => {
    expect(errorOf({ 'fail-on': '  urgent \n' }).message).toBe(
      `input fail-on: "urgent" is not accepted; use ${FAIL_ON}.`,
    );
  });
});
