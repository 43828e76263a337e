import { readFile, stat } from 'node:fs/promises';
import { ReportError } from '../errors.js';
import { notARegularFile } from '../io/file-kind.js';
import { CLOCK_SKEW_MS, rootArnOf, type AccountSnapshot, type NotAssessed } from '../model.js';
import { MAX_REPORT_ROWS, parseCredentialReport } from '../report/credential-report.js';
import { isoSecond } from '../text.js';

/** Larger than any report of MAX_REPORT_ROWS rows (a row is well under 1 KiB). */
const MAX_REPORT_BYTES = 32 * 1024 * 1024;

/**
 * Reads an account snapshot from a credential report file; calls no AWS API. Only a regular
 * file is read: a FIFO or device would make the audit wait, or read, without end.
 */
export async function snapshotFromReportFile(
  path: string,
  auditsRoot: (partition: string) => boolean,
  now: Date,
): Promise<AccountSnapshot> {
  const refuse = (why: string, advice?: string): ReportError =>
    new ReportError(
      `credential-report ${JSON.stringify(path)}: ${why}; give the path of an IAM credential report CSV.`,
      advice,
    );
  let modifiedAt: Date;
  let bytes: Buffer;
  try {
    const info = await stat(path);
    const notAFile = notARegularFile(info);
    if (notAFile !== null) throw refuse(notAFile);
    if (info.size > MAX_REPORT_BYTES) {
      throw refuse(
        `is ${(info.size / 1024 / 1024).toFixed(0)} MiB, larger than any credential report: IAM allows at most 5,000 users in an account, and this audit reads reports of up to ${MAX_REPORT_ROWS.toLocaleString('en-US')} rows (${MAX_REPORT_BYTES / 1024 / 1024} MiB)`,
      );
    }
    modifiedAt = info.mtime;
    bytes = await readFile(path);
  } catch (error) {
    if (error instanceof ReportError) throw error;
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw refuse(
      `cannot read the file (${errnoText(error)})`,
      missing
        ? 'Check the path: no file is there. A relative path is read from the workspace (the working folder of the step, or of the CLI); in a workflow, check out the repository or download the report before this step.'
        : 'Check that the step can read the file: its permissions, and that it is a file and not a folder.',
    );
  }
  const report = parseCredentialReport(bytes.toString('utf8'), path);
  // A user created after the audit would be in its grace period for ever, or past any date.
  const latest = now.getTime() + CLOCK_SKEW_MS;
  const future = report.principals.find(
    (p) => p.createdAt !== null && Date.parse(p.createdAt) > latest,
  );
  if (future !== undefined) {
    throw new ReportError(
      `${path}: line ${future.reportLine ?? 1}: column user_creation_time: ${JSON.stringify(future.createdAt)} is in the future (now is ${isoSecond(now)}); a report lists users created before it was written`,
    );
  }
  const notAssessed: NotAssessed[] = [];
  const hasRoot = report.principals.some((p) => p.kind === 'root');
  if (auditsRoot(report.partition) && report.accountId !== null && !hasRoot) {
    notAssessed.push({
      subject: 'principal',
      arn: rootArnOf(report.partition, report.accountId),
      name: 'root',
      action: "the report's <root_account> row",
      reason:
        "the report has no <root_account> row, so the root user's MFA was not checked; give the whole report as AWS writes it, or set include-root to false",
    });
  }
  return {
    accountId: report.accountId,
    partition: report.partition,
    source: { kind: 'report-file', path, modifiedAt },
    principals: report.principals,
    notAssessed,
    verification: null,
    centralRootCredentials: null,
    notes: [],
  };
}

function errnoText(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'ELOOP':
      return 'too many symbolic links';
    default:
      return String(code ?? error);
  }
}
