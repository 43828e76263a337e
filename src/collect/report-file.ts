import { readFile, stat } from 'node:fs/promises';
import { ReportError } from '../errors.js';
import type { AccountSnapshot } from '../model.js';
import { parseCredentialReport } from '../report/credential-report.js';

/** Reads an account snapshot from a credential report file; calls no AWS API. */
export async function snapshotFromReportFile(path: string): Promise<AccountSnapshot> {
  let text: string;
  let modifiedAt: Date;
  try {
    [text, modifiedAt] = await Promise.all([
      readFile(path, 'utf8'),
      stat(path).then((s) => s.mtime),
    ]);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : String(code ?? error);
    throw new ReportError(
      `credential-report ${JSON.stringify(path)}: cannot read the file (${why}); give the path of an IAM credential report CSV.`,
    );
  }
  const report = parseCredentialReport(text, path);
  return {
    accountId: report.accountId,
    partition: report.partition,
    source: { kind: 'report-file', path, modifiedAt },
    principals: report.principals,
    notAssessed: [],
    verification: null,
    notes: [],
  };
}
