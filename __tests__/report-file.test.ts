import { utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { snapshotFromReportFile } from '../src/collect/report-file.js';
import { ReportError } from '../src/errors.js';
import { ACCOUNT, aRootRow, aRow, reportCsv, useTempDir } from './fixtures.js';

const NOW = new Date('2026-11-28T10:30:00Z');

describe('snapshotFromReportFile', () => {
  const dir = useTempDir();

  it('reads the principals and records the file and its modification time', async () => {
    const path = join(dir(), 'credential-report.csv');
    await writeFile(path, reportCsv([aRootRow(), aRow({ user: 'bob' })]));
    const modifiedAt = new Date('2026-11-28T09:00:00Z');
    await utimes(path, modifiedAt, modifiedAt);
    const snapshot = await snapshotFromReportFile(path, () => true, NOW);
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
    [
      'a file that does not exist',
      'missing.csv',
      'cannot read the file (no such file)',
      /^Check the path: no file is there/,
    ],
    ['a directory', '.', 'is a directory', /^Give the IAM credential report as CSV/],
  ])(
    'rejects %s in one line naming the path, with advice that fits',
    async (_what, name, why, advice) => {
      const path = join(dir(), name);
      const error: unknown = await snapshotFromReportFile(path, () => true, NOW).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ReportError);
      expect((error as ReportError).message).toBe(
        `credential-report ${JSON.stringify(path)}: ${why}; give the path of an IAM credential report CSV.`,
      );
      expect((error as ReportError).advice).toMatch(advice);
    },
  );

  it('names the file in a parse error', async () => {
    const path = join(dir(), 'bad.csv');
    await writeFile(path, reportCsv([aRow({ mfa_active: 'sometimes' })]));
    await expect(snapshotFromReportFile(path, () => true, NOW)).rejects.toThrow(
      `${path}: line 2: column mfa_active: "sometimes" is not accepted; use true or false`,
    );
  });

  it.each([
    ['2099-01-01T00:00:00+00:00', 3],
    ['9999-12-31T23:59:59+00:00', 3],
    ['2026-11-28T10:36:00+00:00', 3],
  ])('refuses a user created in the future (%s), naming its line', async (created, line) => {
    const path = join(dir(), 'future.csv');
    await writeFile(
      path,
      reportCsv([aRootRow(), aRow({ user: 'bob', user_creation_time: created })]),
    );
    await expect(snapshotFromReportFile(path, () => true, NOW)).rejects.toThrow(
      new ReportError(
        `${path}: line ${line}: column user_creation_time: ${JSON.stringify(created)} is in the future (now is 2026-11-28T10:30:00Z); a report lists users created before it was written`,
      ),
    );
  });

  it('takes a creation a few minutes ahead of this clock as clock skew', async () => {
    const path = join(dir(), 'skew.csv');
    await writeFile(
      path,
      reportCsv([
        aRootRow(),
        aRow({ user: 'bob', user_creation_time: '2026-11-28T10:34:00+00:00' }),
      ]),
    );
    const snapshot = await snapshotFromReportFile(path, () => true, NOW);
    expect(snapshot.principals.map((p) => p.createdAt)).toContain('2026-11-28T10:34:00+00:00');
  });
});
