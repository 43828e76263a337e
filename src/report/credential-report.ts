import { CsvError, parse } from 'csv-parse/sync';
import { ReportError } from '../errors.js';
import type { Principal } from '../model.js';

/** The principals of one account as an IAM credential report lists them. */
export interface ParsedReport {
  readonly accountId: string | null;
  readonly partition: string;
  readonly principals: readonly Principal[];
}

const REQUIRED = ['user', 'arn', 'user_creation_time', 'password_enabled', 'mfa_active'] as const;
const ROOT_USER = '<root_account>';
const ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):(root|user\/(?:.+\/)?[^/]+)$/;

/**
 * Parses a credential report (the CSV GetCredentialReport returns, or the console's
 * download). `source` names the report in error messages. Columns are found by header
 * name; a BOM and CRLF line endings are accepted.
 */
export function parseCredentialReport(text: string, source: string): ParsedReport {
  const fail = (line: number, message: string): never => {
    throw new ReportError(`${source}: line ${line}: ${message}`);
  };

  let rows: { record: string[]; info: { lines: number } }[];
  let lastRecordLine = 0;
  try {
    rows = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      on_record: (record, context) => {
        lastRecordLine = context.lines;
        return record;
      },
    }) as unknown as typeof rows;
  } catch (error) {
    if (error instanceof CsvError) {
      const { lines = 1 } = error as CsvError & { lines?: number };
      // An unclosed quote is only noticed at the end of the file: point at where it opens.
      const where =
        error.code === 'CSV_QUOTE_NOT_CLOSED'
          ? (lineOfQuoteAfter(text, lastRecordLine) ?? lines)
          : lines;
      return fail(where, csvProblem(error.code, error.message));
    }
    throw error;
  }

  const [header, ...body] = rows;
  if (!header) {
    return fail(1, `no header; a credential report starts with the columns ${REQUIRED.join(', ')}`);
  }
  const index = new Map(header.record.map((name, i) => [name.trim().toLowerCase(), i]));
  for (const column of REQUIRED) {
    if (!index.has(column)) {
      fail(1, `missing column "${column}"; a credential report needs ${REQUIRED.join(', ')}`);
    }
  }

  const aws = header.record.slice(0, 3).join(',') === 'user,arn,user_creation_time';
  let accountId: string | null = null;
  let partition = 'aws';
  const principals = body.map(({ record: raw, info }): Principal => {
    const line = info.lines;
    const record =
      raw.length === header.record.length
        ? raw
        : (aws && unquotedCommasRepaired(raw, header.record.length)) ||
          fail(line, FIELD_COUNT_PROBLEM);
    const cell = (column: string): string | null => {
      const i = index.get(column);
      return i === undefined ? null : (record[i]?.trim() ?? '');
    };
    const required = (column: (typeof REQUIRED)[number]): string => cell(column) ?? '';
    const user = required('user');
    const isRoot = user === ROOT_USER;

    const bool = (column: string, allowNotSupported: boolean): boolean | null => {
      const raw = cell(column);
      if (raw === null) return null;
      const lower = raw.toLowerCase();
      if (lower === 'true') return true;
      if (lower === 'false') return false;
      if (allowNotSupported && lower === 'not_supported') return null;
      const accepted = allowNotSupported ? 'true, false or not_supported' : 'true or false';
      return fail(
        line,
        `column ${column}: ${JSON.stringify(raw)} is not accepted; use ${accepted}`,
      );
    };

    const arn = required('arn');
    const match = ARN.exec(arn);
    if (!match || (match[3] === 'root') !== isRoot) {
      const expected = isRoot
        ? 'arn:PARTITION:iam::ACCOUNT:root'
        : 'arn:PARTITION:iam::ACCOUNT:user/NAME';
      fail(line, `column arn: ${JSON.stringify(arn)} is not accepted; use ${expected}`);
    }
    const [, rowPartition = 'aws', rowAccount = ''] = match ?? [];
    if (accountId === null) {
      accountId = rowAccount;
      partition = rowPartition;
    } else if (rowAccount !== accountId || rowPartition !== partition) {
      fail(
        line,
        `column arn: account ${rowPartition}/${rowAccount} differs from ${partition}/${accountId} on the rows before; a report covers one account`,
      );
    }

    const created = required('user_creation_time');
    if (Number.isNaN(Date.parse(created))) {
      fail(
        line,
        `column user_creation_time: ${JSON.stringify(created)} is not accepted; use an ISO 8601 time`,
      );
    }

    const consolePassword = bool('password_enabled', isRoot);
    const mfaActive = bool('mfa_active', false) ?? false;
    const keys = [bool('access_key_1_active', false), bool('access_key_2_active', false)];
    return {
      kind: isRoot ? 'root' : 'user',
      name: isRoot ? 'root' : user,
      arn,
      createdAt: created,
      consolePassword,
      passwordLastUsed: lastUsed(cell('password_last_used')),
      mfaActive,
      accessKeysActive: keys.includes(true) ? true : keys.includes(false) ? false : null,
      reportLine: line,
    };
  });

  return { accountId, partition, principals };
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

const FIELD_COUNT_PROBLEM =
  'the row has a different number of fields than the header; quote values that contain commas';

function csvProblem(code: string, message: string): string {
  switch (code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
      return FIELD_COUNT_PROBLEM;
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted value is never closed';
    default:
      return `not a valid CSV row (${message.replace(/ on line \d+| at line \d+/, '')})`;
  }
}
