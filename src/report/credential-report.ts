import { CsvError, parse } from 'csv-parse/sync';
import { ReportError } from '../errors.js';
import type { Principal } from '../model.js';
import { CONTROL_CHARACTER, bounded, visible } from '../text.js';
import { recogniseMistake } from './mistakes.js';

/** The principals of one account as an IAM credential report lists them. */
export interface ParsedReport {
  readonly accountId: string | null;
  readonly partition: string;
  readonly principals: readonly Principal[];
}

/**
 * The most rows a report may have. IAM allows 5,000 users in an account and code scanning
 * takes 25,000 results in a run; a larger file is not a credential report of one account.
 */
export const MAX_REPORT_ROWS = 20_000;

const REQUIRED = ['user', 'arn', 'user_creation_time', 'password_enabled', 'mfa_active'] as const;
const ROOT_USER = '<root_account>';
const ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):(?:(root)|user\/(?:[^/]+\/)*([^/]+))$/;
/** ISO 8601 as the report writes it: `2021-01-20T16:30:00+00:00` (fractions and Z allowed). */
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/;
/** Columns the format documents as times; besides a time they hold one of these words. */
const TIME_COLUMNS = [
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'cert_1_last_rotated',
  'cert_2_last_rotated',
] as const;
const NOT_A_TIME = new Set(['n/a', 'no_information', 'not_supported']);

interface Row {
  readonly fields: string[];
  /** The 1-based line the row starts on (a quoted value may run over several). */
  readonly line: number;
  /** The 1-based line it ends on. */
  readonly lastLine: number;
}

/**
 * Parses a credential report (the CSV GetCredentialReport returns, or the console's
 * download). `source` names the report in error messages. Columns are found by header
 * name; a BOM and CRLF line endings are accepted. Anything that could make a user vanish
 * or appear twice is an error naming the line and column, never a guess.
 */
export function parseCredentialReport(text: string, source: string): ParsedReport {
  const fail = (line: number, message: string): never => {
    throw new ReportError(`${source}: line ${line}: ${message}`);
  };
  const mistake = recogniseMistake(text);
  if (mistake !== null) fail(1, mistake);

  const [header, ...body] = csvRows(text, fail);
  if (!header) {
    return fail(1, `no header; a credential report starts with the columns ${REQUIRED.join(', ')}`);
  }
  const names = header.fields.map((name) => name.trim().toLowerCase());
  const index = new Map<string, number>();
  names.forEach((name, i) => {
    if (index.has(name)) {
      fail(1, `column ${quoted(name)} appears twice; a credential report names each column once`);
    }
    index.set(name, i);
  });
  for (const column of REQUIRED) {
    if (!index.has(column)) {
      fail(1, `missing column "${column}"; a credential report needs ${REQUIRED.join(', ')}`);
    }
  }
  if (body.length === 0) {
    fail(
      2,
      'the report has a header but no rows; a credential report lists at least the root user',
    );
  }

  const aws = names.slice(0, 3).join(',') === 'user,arn,user_creation_time';
  const firstLineOf = new Map<string, number>();
  let account = null as { id: string; partition: string } | null;

  const principals = body.map(({ fields: raw, line, lastLine }): Principal => {
    const fields =
      raw.length === names.length
        ? raw
        : (aws && unquotedCommasRepaired(raw, names.length)) || fail(line, FIELD_COUNT_PROBLEM);
    fields.forEach((value, i) => {
      const control = CONTROL_CHARACTER.exec(value)?.[0];
      if (control === undefined) return;
      const column = names[i] ?? `${i + 1}`;
      if (control === '\n' || control === '\r') {
        fail(
          line,
          `column ${column}: the value runs over lines ${line} to ${lastLine}: a quote opened on line ${line} is closed only on line ${lastLine}; ${QUOTING}`,
        );
      }
      fail(
        line,
        `column ${column}: holds the control character ${visible(control)}; a credential report has none`,
      );
    });

    const cell = (column: string): string | null => {
      const i = index.get(column);
      return i === undefined ? null : (fields[i]?.trim() ?? '');
    };
    const required = (column: (typeof REQUIRED)[number]): string => cell(column) ?? '';
    const bad = (column: string, value: string, accepted: string): never =>
      fail(line, `column ${column}: ${quoted(value)} is not accepted; use ${accepted}`);

    const user = required('user');
    if (user === '') fail(line, 'column user: empty; every row names its user');
    const isRoot = user === ROOT_USER;
    const arn = required('arn');
    const match = ARN.exec(arn);
    if (!match || (match[3] === 'root') !== isRoot) {
      bad(
        'arn',
        arn,
        isRoot ? 'arn:PARTITION:iam::ACCOUNT:root' : 'arn:PARTITION:iam::ACCOUNT:user/NAME',
      );
    }
    const [, partition = 'aws', accountId = '', , arnName] = match ?? [];
    if (!isRoot && arnName !== user) {
      fail(
        line,
        `column user: ${quoted(user)} is not the user the arn names (${quoted(arnName ?? '')}); a row's user is the last part of its arn`,
      );
    }
    if (account === null) account = { id: accountId, partition };
    else if (accountId !== account.id || partition !== account.partition) {
      fail(
        line,
        `column arn: account ${partition}/${accountId} differs from ${account.partition}/${account.id} on the rows before; a report covers one account`,
      );
    }
    const first = firstLineOf.get(arn);
    if (first !== undefined) {
      fail(
        line,
        `column arn: ${quoted(arn)} is listed again (first on line ${first}); a credential report lists each user once`,
      );
    }
    firstLineOf.set(arn, line);

    const created = required('user_creation_time');
    if (!isTime(created))
      bad('user_creation_time', created, 'an ISO 8601 time such as 2021-01-20T16:30:00+00:00');
    for (const column of TIME_COLUMNS) {
      const value = cell(column);
      if (value !== null && !isTime(value) && !NOT_A_TIME.has(value.toLowerCase())) {
        bad(column, value, 'an ISO 8601 time, N/A, no_information or not_supported');
      }
    }

    const bool = (column: string, allowNotSupported: boolean): boolean | null => {
      const value = cell(column);
      if (value === null) return null;
      const lower = value.toLowerCase();
      if (lower === 'true') return true;
      if (lower === 'false') return false;
      if (allowNotSupported && lower === 'not_supported') return null;
      return bad(
        column,
        value,
        allowNotSupported ? 'true, false or not_supported' : 'true or false',
      );
    };
    const keys = [bool('access_key_1_active', false), bool('access_key_2_active', false)];
    return {
      kind: isRoot ? 'root' : 'user',
      name: isRoot ? 'root' : user,
      arn,
      createdAt: created,
      consolePassword: bool('password_enabled', isRoot),
      passwordLastUsed: lastUsed(cell('password_last_used')),
      mfaActive: bool('mfa_active', false) ?? false,
      mfaDevices: null, // the report has no device types
      accessKeysActive: keys.includes(true) ? true : keys.includes(false) ? false : null,
      reportLine: line,
    };
  });

  return { accountId: account?.id ?? null, partition: account?.partition ?? 'aws', principals };
}

/** The CSV's rows with the lines they span; at most the header and MAX_REPORT_ROWS rows. */
function csvRows(text: string, fail: (line: number, message: string) => never): Row[] {
  let lastRecordLine = 0;
  let records: { record: string[]; info: { lines: number }; raw: string }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      raw: true,
      skip_empty_lines: true,
      relax_column_count: true,
      on_record: (record, context) => {
        lastRecordLine = context.lines;
        if (context.records > MAX_REPORT_ROWS + 1) {
          throw new ReportError(
            `more than ${MAX_REPORT_ROWS.toLocaleString('en-US')} rows: IAM allows at most 5,000 users in an account, and this audit reads reports of up to ${MAX_REPORT_ROWS.toLocaleString('en-US')} rows`,
          );
        }
        return record;
      },
    }) as unknown as typeof records;
  } catch (error) {
    if (error instanceof ReportError) return fail(lastRecordLine, error.message);
    if (error instanceof CsvError) {
      const { lines = 1 } = error as CsvError & { lines?: number };
      // A quote is only found wrong where it ends (or at the end of the file): point at
      // the line where the row it opened starts.
      if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
        return fail(
          lineOfQuoteAfter(text, lastRecordLine) ?? lines,
          'a quoted value is never closed',
        );
      }
      if (error.code === 'CSV_INVALID_CLOSING_QUOTE') {
        const opened = lineOfQuoteAfter(text, lastRecordLine) ?? lines;
        return fail(
          opened,
          `a quote opened on line ${opened} closes on line ${lines} in the middle of a value; ${QUOTING}`,
        );
      }
      return fail(lines, csvProblem(error.code, error.message));
    }
    throw error;
  }
  return records.map(({ record, info, raw }) => {
    // `raw` starts with the empty lines skipped before the row; the rest is the row itself.
    const spans = (
      raw
        .replace(/^(?:\r?\n)+/, '')
        .replace(/\r?\n$/, '')
        .match(/\n/g) ?? []
    ).length;
    return { fields: record, line: info.lines - spans, lastLine: info.lines };
  });
}

function isTime(value: string): boolean {
  return ISO_TIME.test(value) && !Number.isNaN(Date.parse(value));
}

/** A value as the messages show it: quoted, control characters escaped, bounded. */
function quoted(value: string): string {
  // JSON escapes the C0 controls; visible() the rest (DEL, C1, direction marks).
  return visible(JSON.stringify(bounded(value, 80)));
}

/** `no_information` means never used (or not since October 2014); `N/A` means no password. */
function lastUsed(raw: string | null): string | null {
  if (raw === null) return null;
  const lower = raw.toLowerCase();
  if (lower === 'no_information') return 'never';
  if (lower === 'n/a' || lower === 'not_supported' || lower === '') return null;
  return raw;
}

/**
 * A row whose user name holds commas, written without quotes (IAM allows `,` in names and
 * paths), has extra fields. In AWS's column order they can be put back: the user runs up to
 * the field that starts the ARN, the ARN up to the creation time, and the ARN ends in the
 * user's name. Anything else stays an error.
 */
function unquotedCommasRepaired(fields: readonly string[], width: number): string[] | null {
  if (fields.length <= width) return null;
  const arnStart = fields.findIndex((field, i) => i > 0 && field.startsWith('arn:'));
  const created = fields.findIndex((field, i) => i > arnStart && /^\d{4}-\d\d-\d\dT/.test(field));
  if (arnStart < 1 || created < 0) return null;
  const user = fields.slice(0, arnStart).join(',');
  const arn = fields.slice(arnStart, created).join(',');
  const repaired = [user, arn, ...fields.slice(created)];
  return repaired.length === width && arn.endsWith(`/${user}`) ? repaired : null;
}

/** The 1-based number of the first line after `line` that holds a quote. */
function lineOfQuoteAfter(text: string, line: number): number | null {
  const index = text.split(/\r?\n/).findIndex((l, i) => i >= line && l.includes('"'));
  return index < 0 ? null : index + 1;
}

const QUOTING = 'a value is quoted whole, and a quote inside it is doubled ("")';

const FIELD_COUNT_PROBLEM =
  'the row has a different number of fields than the header; quote values that contain commas';

function csvProblem(code: string, message: string): string {
  switch (code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
      return FIELD_COUNT_PROBLEM;
    default:
      return `not a valid CSV row (${message.replace(/ on line \d+| at line \d+/, '')})`;
  }
}
