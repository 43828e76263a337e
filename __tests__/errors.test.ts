import { describe, expect, it } from 'vitest';
import {
  AuditError,
  AwsAccessError,
  ConfigurationError,
  ReportError,
  describeError,
} from '../src/errors.js';

describe('describeError', () => {
  it.each<[unknown, string]>([
    [
      new ConfigurationError('input fail-on: "x" is not accepted.'),
      'input fail-on: "x" is not accepted.',
    ],
    [new ReportError('report.csv: line 2: bad'), 'report.csv: line 2: bad'],
    [new AwsAccessError('denied'), 'denied'],
    [new Error('plain failure\n    at somewhere (file.js:1:1)'), 'plain failure'],
    [new TypeError('bad type\nmore'), 'TypeError: bad type'],
    ['a string\nsecond line', 'a string'],
    [{ code: 42 }, 'unexpected error: {"code":42}'],
    [undefined, 'unexpected error: undefined'],
  ])('describes %o as %j', (error, line) => {
    expect(describeError(error)).toBe(line);
  });

  it('names each error class', () => {
    expect(
      [
        new AuditError('a'),
        new ConfigurationError('c'),
        new ReportError('r'),
        new AwsAccessError('w'),
      ].map((e) => [e.name, e instanceof AuditError]),
    ).toEqual([
      ['AuditError', true],
      ['ConfigurationError', true],
      ['ReportError', true],
      ['AwsAccessError', true],
    ]);
  });
});
