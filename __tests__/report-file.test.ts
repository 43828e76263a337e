import { utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { snapshotFromReportFile } from '../src/collect/report-file.js';
import { ReportError } from '../src/errors.js';
import { ACCOUNT, aRootRow, aRow, reportCsv, useTempDir } from './fixtures.js';

describe('snapshotFromReportFile', () => {
  const dir = useTempDir();

  it('reads the principals and records the file and its modification time', async () => {
    const path = join(dir(), 'credential-report.csv');
    await writeFile(path, reportCsv([aRootRow(), aRow({ user: 'bob' })]));
    const modifiedAt = new Date('2026-11-28T09:00:00Z');
    await utimes(path, modifiedAt, modifiedAt);
    const snapshot = await snapshotFromReportFile(path, () => true);
    expect(snapshot).toMatchObject({
      accountId: ACCOUNT,
      partition: 'aws',
      source: { kind: 'report-file', path, modifiedAt },
      notAssessed: [],
      verification: null,
      notes: [],
    });
    expect(snapshot.principals.map((p) => [p.kind, p.name, p.reportLine])).toEqual([
      ['root', 'root', 2],
      ['user', 'bob', 3],
    ]);
  });

  it.each([
    ['a file that does not exist', 'missing.csv', 'cannot read the file (no such file)'],
    ['a directory', '.', 'is a directory'],
  ])('rejects %s in one line naming the path', async (_what, name, why) => {
    const path = join(dir(), name);
    await expect(snapshotFromReportFile(path, () => true)).rejects.toThrow(
      new ReportError(
        `credential-report ${JSON.stringify(path)}: ${why}; give the path of an IAM credential report CSV.`,
      ),
    );
  });

  it('names the file in a parse error', async () => {
    const path = join(dir(), 'bad.csv');
    await writeFile(path, reportCsv([aRow({ mfa_active: 'sometimes' })]));
    await expect(snapshotFromReportFile(path, () => true)).rejects.toThrow(
      `${path}: line 2: column mfa_active: "sometimes" is not accepted; use true or false`,
    );
  });
});
