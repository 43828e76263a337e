import { describe, expect, it } from 'vitest';
import { ReportError } from '../src/errors.js';
import { parseCredentialReport } from '../src/report/credential-report.js';
import { ACCOUNT, HEADER, OTHER_ACCOUNT, aRootRow, aRow, reportCsv } from './fixtures.js';

const REQUIRED = ['user', 'arn', 'user_creation_time', 'password_enabled', 'mfa_active'];

function parse(text: string) {
  return parseCredentialReport(text, 'report.csv');
}

function errorOf(text: string): ReportError {
  try {
    parse(text);
  } catch (error) {
    if (error instanceof ReportError) return error;
    throw error;
  }
  throw new Error('expected a ReportError');
}

describe('parseCredentialReport: shape of the file', () => {
  it('reads a user from the 22 AWS columns', () => {
    const report = parse(reportCsv([aRow({ user: 'bob' })]));
    expect(report).toEqual({
      accountId: ACCOUNT,
      partition: 'aws',
      principals: [
        {
          kind: 'user',
          name: 'bob',
          arn: `arn:aws:iam::${ACCOUNT}:user/bob`,
          createdAt: '2021-01-20T16:30:00+00:00',
          consolePassword: true,
          passwordLastUsed: '2026-11-28T17:05:44+00:00',
          mfaActive: false,
          mfaDevices: null,
          accessKeysActive: false,
          reportLine: 2,
        },
      ],
    });
  });

  it('finds columns by header name in any order', () => {
    const columns = [...HEADER].reverse();
    const rows = [
      aRow({ user: 'alice', mfa_active: 'true' }),
      aRow({ user: 'carol', password_enabled: 'false', access_key_2_active: 'true' }),
    ];
    const report = parse(reportCsv(rows, { columns }));
    expect(
      report.principals.map((p) => [p.name, p.consolePassword, p.mfaActive, p.accessKeysActive]),
    ).toEqual([
      ['alice', true, true, false],
      ['carol', false, false, true],
    ]);
  });

  it('works with only the 5 required columns', () => {
    const report = parse(reportCsv([aRow({ user: 'dave' })], { columns: REQUIRED }));
    expect(report.principals).toEqual([
      {
        kind: 'user',
        name: 'dave',
        arn: `arn:aws:iam::${ACCOUNT}:user/dave`,
        createdAt: '2021-01-20T16:30:00+00:00',
        consolePassword: true,
        passwordLastUsed: null,
        mfaActive: false,
        mfaDevices: null,
        accessKeysActive: null, // no access key columns: unknown, not "none"
        reportLine: 2,
      },
    ]);
  });

  it('accepts a UTF-8 BOM before the header', () => {
    const report = parse(reportCsv([aRow({ user: 'erin' })], { bom: true }));
    expect(report.principals.map((p) => p.name)).toEqual(['erin']);
    expect(report.accountId).toBe(ACCOUNT);
  });

  it('accepts CRLF line endings and keeps line numbers', () => {
    const rows = [aRow({ user: 'a' }), aRow({ user: 'b' }), aRow({ user: 'c' })];
    const report = parse(reportCsv(rows, { eol: '\r\n', bom: true }));
    expect(report.principals.map((p) => [p.name, p.reportLine, p.createdAt])).toEqual([
      ['a', 2, '2021-01-20T16:30:00+00:00'],
      ['b', 3, '2021-01-20T16:30:00+00:00'],
      ['c', 4, '2021-01-20T16:30:00+00:00'],
    ]);
  });

  it('rejects a header-only report: a real one lists at least the root user', () => {
    expect(errorOf(reportCsv([])).message).toBe(
      'report.csv: line 2: the report has a header but no rows; a credential report lists at least the root user',
    );
  });
});

describe('parseCredentialReport: values', () => {
  it.each([
    ['true', 'false', true, false],
    ['TRUE', 'FALSE', true, false],
    ['False', 'True', false, true],
    ['tRuE', 'fAlSe', true, false],
  ])('reads password_enabled %s and mfa_active %s', (password, mfa, consolePassword, mfaActive) => {
    const [principal] = parse(
      reportCsv([aRow({ password_enabled: password, mfa_active: mfa })]),
    ).principals;
    expect(principal?.consolePassword).toBe(consolePassword);
    expect(principal?.mfaActive).toBe(mfaActive);
  });

  it.each([
    ['true', 'false', true],
    ['false', 'TRUE', true],
    ['false', 'false', false],
  ])('reads access keys %s/%s as active: %s', (key1, key2, active) => {
    const rows = [aRow({ access_key_1_active: key1, access_key_2_active: key2 })];
    expect(parse(reportCsv(rows)).principals[0]?.accessKeysActive).toBe(active);
  });

  it('turns the <root_account> row into the root principal', () => {
    const report = parse(reportCsv([aRootRow(), aRow({ user: 'bob' })]));
    expect(report.principals[0]).toEqual({
      kind: 'root',
      name: 'root',
      arn: `arn:aws:iam::${ACCOUNT}:root`,
      createdAt: '2019-03-04T09:15:00+00:00',
      consolePassword: null,
      passwordLastUsed: '2026-10-02T14:20:11+00:00',
      mfaActive: false,
      mfaDevices: null,
      accessKeysActive: false,
      reportLine: 2,
    });
    expect(report.principals[1]?.kind).toBe('user');
  });

  it.each([
    ['aws', '111122223333'],
    ['aws-us-gov', '210987654321'],
    ['aws-cn', '123456789012'],
  ])('takes partition %s and account %s from the ARNs', (partition, account) => {
    const rows = [
      aRootRow({ arn: `arn:${partition}:iam::${account}:root` }),
      aRow({ user: 'bob', arn: `arn:${partition}:iam::${account}:user/bob` }),
    ];
    const report = parse(reportCsv(rows));
    expect(report.accountId).toBe(account);
    expect(report.partition).toBe(partition);
    expect(report.principals.map((p) => p.arn)).toEqual([
      `arn:${partition}:iam::${account}:root`,
      `arn:${partition}:iam::${account}:user/bob`,
    ]);
  });

  it('keeps the IAM path in the ARN and the bare name as the name', () => {
    const arn = `arn:aws:iam::${ACCOUNT}:user/engineering/frank`;
    const [frank] = parse(reportCsv([aRow({ user: 'frank', arn })])).principals;
    expect(frank?.name).toBe('frank');
    expect(frank?.arn).toBe(arn);
  });

  it('keeps a quoted name with commas and the other IAM name characters', () => {
    const user = 'ops+oncall=eu,team.lead@example-corp';
    const arn = `arn:aws:iam::${ACCOUNT}:user/contractors/${user}`;
    const [principal] = parse(reportCsv([aRow({ user, arn })])).principals;
    expect(principal?.name).toBe(user);
    expect(principal?.arn).toBe(arn);
  });

  it('reads a name and path with commas that the report did not quote', () => {
    const user = 'ops+oncall=eu,team.lead@example-corp';
    const arn = `arn:aws:iam::${ACCOUNT}:user/contractors,eu/${user}`;
    const unquoted = `${HEADER.join(',')}\n${Object.values(aRow({ user, arn })).join(',')}\n`;
    const [principal] = parse(unquoted).principals;
    expect(principal).toMatchObject({ name: user, arn, consolePassword: true, mfaActive: false });
    expect(principal?.createdAt).toBe('2021-01-20T16:30:00+00:00');
  });

  it.each([
    ['no_information', 'never'],
    ['N/A', null],
    ['2026-09-30T22:10:00+00:00', '2026-09-30T22:10:00+00:00'],
  ])('reads password_last_used %s as %s', (raw, expected) => {
    const rows = [aRow({ password_last_used: raw })];
    expect(parse(reportCsv(rows)).principals[0]?.passwordLastUsed).toBe(expected);
  });
});

describe('parseCredentialReport: errors', () => {
  it.each(REQUIRED)('names the file, line 1 and the missing column %s', (column) => {
    const columns = HEADER.filter((c) => c !== column);
    const error = errorOf(reportCsv([aRow()], { columns }));
    expect(error.message).toBe(
      `report.csv: line 1: missing column "${column}"; a credential report needs user, arn, user_creation_time, password_enabled, mfa_active`,
    );
  });

  it.each([
    ['mfa_active', 'maybe'],
    ['mfa_active', 'yes'],
    ['password_enabled', '1'],
    ['password_enabled', ''],
  ])('names the file, line and column for %s %j', (column, value) => {
    const rows = [aRow({ user: 'a' }), aRow({ user: 'b' }), aRow({ user: 'c', [column]: value })];
    expect(errorOf(reportCsv(rows)).message).toBe(
      `report.csv: line 4: column ${column}: ${JSON.stringify(value)} is not accepted; use true or false`,
    );
  });

  it('gives the line number counted in CRLF files too', () => {
    const rows = [aRow({ user: 'a' }), aRow({ user: 'b', mfa_active: 'nope' })];
    expect(errorOf(reportCsv(rows, { eol: '\r\n' })).message).toBe(
      'report.csv: line 3: column mfa_active: "nope" is not accepted; use true or false',
    );
  });

  it('accepts not_supported only in the root row', () => {
    const rows = [aRootRow(), aRow({ user: 'bob', password_enabled: 'not_supported' })];
    expect(errorOf(reportCsv(rows)).message).toBe(
      'report.csv: line 3: column password_enabled: "not_supported" is not accepted; use true or false',
    );
  });

  it.each([
    ['arn:aws:iam::1234:user/bob', 'arn:PARTITION:iam::ACCOUNT:user/NAME'],
    ['arn:aws:s3:::bucket', 'arn:PARTITION:iam::ACCOUNT:user/NAME'],
    [`arn:aws:iam::${ACCOUNT}:root`, 'arn:PARTITION:iam::ACCOUNT:user/NAME'],
  ])('rejects the user ARN %s', (arn, expected) => {
    const rows = [aRow({ user: 'a' }), aRow({ user: 'bob', arn })];
    expect(errorOf(reportCsv(rows)).message).toBe(
      `report.csv: line 3: column arn: ${JSON.stringify(arn)} is not accepted; use ${expected}`,
    );
  });

  it('rejects a root row whose ARN is a user ARN', () => {
    const arn = `arn:aws:iam::${ACCOUNT}:user/root`;
    expect(errorOf(reportCsv([aRootRow({ arn })])).message).toBe(
      `report.csv: line 2: column arn: ${JSON.stringify(arn)} is not accepted; use arn:PARTITION:iam::ACCOUNT:root`,
    );
  });

  it('rejects rows from two accounts', () => {
    const rows = [
      aRow({ user: 'a' }),
      aRow({ user: 'b' }),
      aRow({ user: 'c', arn: `arn:aws:iam::${OTHER_ACCOUNT}:user/c` }),
    ];
    expect(errorOf(reportCsv(rows)).message).toBe(
      `report.csv: line 4: column arn: account aws/${OTHER_ACCOUNT} differs from aws/${ACCOUNT} on the rows before; a report covers one account`,
    );
  });

  it('rejects a creation time that is not a time', () => {
    const rows = [aRow({ user_creation_time: 'N/A' })];
    expect(errorOf(reportCsv(rows)).message).toBe(
      'report.csv: line 2: column user_creation_time: "N/A" is not accepted; use an ISO 8601 time such as 2021-01-20T16:30:00+00:00',
    );
  });

  it('names the last line for a quote never closed there', () => {
    const text = `${reportCsv([aRow({ user: 'a' })])}"b,${aRow({ user: 'b' }).arn}\n`;
    expect(errorOf(text).message).toBe('report.csv: line 3: a quoted value is never closed');
  });

  it('names the line where a quote that is never closed opens', () => {
    const rows = ['a', 'b', 'c', 'd'].map((user) => aRow({ user }));
    const lines = reportCsv(rows).split('\n');
    lines[2] = `"${lines[2] ?? ''}`;
    expect(errorOf(lines.join('\n')).message).toBe(
      'report.csv: line 3: a quoted value is never closed',
    );
  });

  it('names the line of a row with more fields than the header', () => {
    const text = `${reportCsv([aRow({ user: 'a' }), aRow({ user: 'b' })])}${Object.values(aRow({ user: 'c' })).join(',')},extra\n`;
    expect(errorOf(text).message).toBe(
      'report.csv: line 4: the row has a different number of fields than the header; quote values that contain commas',
    );
  });

  it.each([
    ['an empty file', ''],
    ['a file of blank lines', '\n\n\n'],
  ])('rejects %s', (_what, text) => {
    expect(errorOf(text).message).toBe(
      'report.csv: line 1: no header; a credential report starts with the columns user, arn, user_creation_time, password_enabled, mfa_active',
    );
  });

  it('throws ReportError, an error the entries print as one line', () => {
    expect(() => parse('')).toThrow(ReportError);
    expect(errorOf('').name).toBe('ReportError');
  });
});
