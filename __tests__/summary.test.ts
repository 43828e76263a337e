import { describe, expect, it } from 'vitest';
import type { AccountSnapshot, Finding } from '../src/model.js';
import { decide } from '../src/policy/threshold.js';
import { escapeCell, renderSummary } from '../src/render/summary.js';
import { RULES, activeRules } from '../src/rules/catalog.js';
import { evaluate } from '../src/rules/evaluate.js';
import { ACCOUNT, aFinding, aRoot, aSnapshot, aUser } from './fixtures.js';
import { accountsOf } from './fixtures.js';
import { tableProblems } from './support/markdown.js';

const NOW = new Date('2026-11-28T10:30:00Z');

function summaryOf(
  snapshot: AccountSnapshot,
  findings: readonly Finding[] = evaluate(snapshot, RULES, { hours: 0, now: NOW }),
) {
  return renderSummary({
    accounts: accountsOf([snapshot], findings),
    findings,
    rules: activeRules(true),
    verdict: decide(findings, snapshot.notAssessed, {
      failOn: 'high',
      maxFindings: 0,
      allowIncomplete: false,
    }),
    sarifFile: 'iam-mfa-audit.sarif',
    finishedAt: NOW,
  });
}

const TABLE_HEADER = '| User | ARN | Severity | Password last used | Created | Fix |';

/** The findings table: its header, its separator and one line per finding shown. */
function findingsTable(summary: string): string[] {
  const lines = summary.split('\n');
  const start = lines.indexOf(TABLE_HEADER);
  if (start < 0) throw new Error('no findings table');
  const end = lines.indexOf('', start);
  return lines.slice(start, end < 0 ? undefined : end);
}

const pipes = (line: string): number => line.split('|').length - 1;

describe('escapeCell', () => {
  it.each([
    ['a|b', 'a&#124;b'],
    ['<script>', '&#60;script&#62;'],
    ['*bold* _em_', '&#42;bold&#42; &#95;em&#95;'],
    ['[x](y)', '&#91;x&#93;&#40;y&#41;'],
    ['back\\slash `code`', 'back&#92;slash &#96;code&#96;'],
    ['two\nlines\r\n  here', 'two lines here'],
    ['&amp;', '&#38;amp&#59;'],
  ])('escapes %j as %j', (raw, escaped) => {
    expect(escapeCell(raw)).toBe(escaped);
  });

  it.each(['ops+oncall=eu,team.lead@example-corp', 'arn/path/user-1', 'Plain Name 42'])(
    'keeps %j readable as it is',
    (name) => {
      expect(escapeCell(name)).toBe(name);
    },
  );

  it('shortens a long value to 160 characters with an ellipsis', () => {
    expect(escapeCell('a'.repeat(500))).toBe(`${'a'.repeat(159)}&#8230;`);
  });
});

describe('renderSummary', () => {
  const snapshot = aSnapshot({
    principals: [
      aRoot(),
      aUser({ name: 'bob' }),
      aUser({ name: 'dave', passwordLastUsed: 'never' }),
      aUser({ name: 'alice', mfaActive: true }),
    ],
  });

  it('states the verdict, the account, the data source and the counts by severity', () => {
    const lines = summaryOf(snapshot).split('\n');
    expect(lines.slice(0, 11)).toEqual([
      '## ❌ IAM MFA audit: fail',
      '',
      '3 findings at high or above, 0 tolerated (max-findings).',
      '',
      `- **Account:** ${ACCOUNT} (partition aws)`,
      '- **Data:** credential report file reports/credential-report.csv (file modified 2026-11-28 10:00 UTC)',
      '- **Principals audited:** 4',
      '- **Rules:** aws-iam-001 RootAccountWithoutMfa (critical), aws-iam-002 ConsoleUserWithoutMfa (high)',
      '',
      '| Severity | Findings |',
      '| --- | ---: |',
    ]);
    expect(lines).toContain('| critical | 1 |');
    expect(lines).toContain('| high | 2 |');
    expect(lines).toContain('| medium | 0 |');
    expect(lines).toContain('| low | 0 |');
  });

  it('lists every finding in the table', () => {
    expect(findingsTable(summaryOf(snapshot))).toEqual([
      TABLE_HEADER,
      '| --- | --- | --- | --- | --- | --- |',
      '| root | arn&#58;aws&#58;iam&#58;&#58;111122223333&#58;root | critical | 2026-11-28 &#40;today&#41; | 2019-03-04 &#40;2,826 days ago&#41; | sign in as root and assign an MFA device, preferably a security key &#40;Security credentials&#41; |',
      '| bob | arn&#58;aws&#58;iam&#58;&#58;111122223333&#58;user/bob | high | 2026-11-28 &#40;today&#41; | 2021-01-20 &#40;2,138 days ago&#41; | assign an MFA device, preferably a security key or passkey |',
      '| dave | arn&#58;aws&#58;iam&#58;&#58;111122223333&#58;user/dave | high | never | 2021-01-20 &#40;2,138 days ago&#41; | remove the console password, never used &#40;CIS&#58; credentials unused for 45 days or more&#41;&#58; aws iam delete-login-profile --user-name dave |',
    ]);
  });

  it('passes with no findings table when nothing is found', () => {
    const summary = summaryOf(aSnapshot({ principals: [aUser({ mfaActive: true })] }));
    expect(summary.split('\n')[0]).toBe('## ✅ IAM MFA audit: pass');
    expect(summary).toContain('\n0 findings at high or above, 0 tolerated (max-findings).\n');
    expect(summary).not.toContain('### Findings');
  });

  it('keeps a hostile user name inside its cell', () => {
    const name = 'eve|x *bold* _it_ [x](y) <script>alert(1)</script> \\ `tick`\nsecond line';
    const summary = summaryOf(aSnapshot({ principals: [aUser({ name })] }));
    const [header, separator, row, ...rest] = findingsTable(summary);
    expect(rest).toEqual([]);
    expect(pipes(header ?? '')).toBe(7);
    expect(pipes(separator ?? '')).toBe(7);
    expect(pipes(row ?? '')).toBe(7);
    const cells = (row ?? '').split('|').slice(1, -1);
    expect(cells).toHaveLength(6);
    for (const cell of cells) {
      expect(cell).not.toMatch(/[<>`*_\\[\]]/);
    }
    expect(cells[0]).toBe(
      ' eve&#124;x &#42;bold&#42; &#95;it&#95; &#91;x&#93;&#40;y&#41; &#60;script&#62;alert&#40;1&#41;&#60;/script&#62; &#92; &#96;tick&#96; second line ',
    );
    expect(summary).not.toContain('<script>');
  });

  it('keeps IAM name characters + = , . @ - readable', () => {
    const name = 'ops+oncall=eu,team.lead@example-corp';
    const row = findingsTable(summaryOf(aSnapshot({ principals: [aUser({ name })] })))[2];
    expect(row?.startsWith(`| ${name} |`)).toBe(true);
  });

  it('stays under 1 MiB with 5,000 findings and says how many more are in the SARIF file', () => {
    const findings = Array.from({ length: 5000 }, (_, i) => {
      const name = `user_${String(i).padStart(4, '0')}<${'x'.repeat(40)}>|@example-corp.com`;
      return aFinding({
        principal: aUser({
          name,
          arn: `arn:aws:iam::${ACCOUNT}:user/${'department/'.repeat(40)}${name}`,
          passwordLastUsed: '2026-11-28T17:05:44+00:00',
        }),
      });
    });
    const summary = summaryOf(
      aSnapshot({ principals: findings.map((f) => f.principal) }),
      findings,
    );
    expect(Buffer.byteLength(summary)).toBeLessThan(1024 * 1024);
    const shown = findingsTable(summary).length - 2;
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(5000);
    expect(summary).toContain(
      `\n… and ${5000 - shown} more findings in the SARIF file iam-mfa-audit.sarif.\n`,
    );
    expect(summary).toContain('| high | 5000 |');
  });

  it('shows at most 1,000 rows even when they are small', () => {
    const findings = Array.from({ length: 5000 }, (_, i) =>
      aFinding({ principal: aUser({ name: `u${i}` }) }),
    );
    const summary = summaryOf(
      aSnapshot({ principals: findings.map((f) => f.principal) }),
      findings,
    );
    expect(findingsTable(summary)).toHaveLength(1002);
    expect(summary).toContain('… and 4000 more findings in the SARIF file iam-mfa-audit.sarif.');
  });
});

describe('renderSummary of a fleet', () => {
  const accountIds = Array.from({ length: 600 }, (_, i) => String(100000000000 + i));
  const fleetOf = (findingsPerAccount: number) => {
    const snapshots = accountIds.map((accountId) =>
      aSnapshot({
        accountId,
        source: { kind: 'live-report', generatedAt: NOW, generatedByThisRun: true },
      }),
    );
    const findings = accountIds.flatMap((accountId) =>
      Array.from({ length: findingsPerAccount }, (_, i) =>
        aFinding({
          accountId,
          principal: aUser({ name: `u${i}|<b>`, arn: `arn:aws:iam::${accountId}:user/u${i}` }),
        }),
      ),
    );
    const [first, ...rest] = snapshots;
    if (first === undefined) throw new Error('no account');
    return renderSummary({
      accounts: accountsOf([first, ...rest], findings),
      findings,
      rules: activeRules(false),
      verdict: decide(findings, [], { failOn: 'high', maxFindings: 0, allowIncomplete: false }),
      sarifFile: 'iam-mfa-audit.sarif',
      finishedAt: NOW,
    });
  };

  it('lists at most 500 accounts, groups the findings by account, and keeps every table whole', () => {
    const summary = fleetOf(2);
    const lines = summary.split('\n');
    expect(lines).toContain('- **Accounts:** 600 audited (partition aws)');
    expect(lines.filter((l) => /^\| \d{12} \| 0 \| 2 \| 0 \|/.test(l))).toHaveLength(500);
    expect(lines).toContain("… and 100 more accounts in the SARIF run's properties.");
    expect(lines.filter((l) => l.startsWith('#### Account '))[0]).toBe('#### Account 100000000000');
    expect(tableProblems(summary)).toEqual([]);
    expect(Buffer.byteLength(summary)).toBeLessThan(1024 * 1024);
  });

  it('says when there are more results than code scanning takes in one run', () => {
    expect(fleetOf(42)).toContain(
      '- ⚠️ **25,200 results:** code scanning refuses a run of more than 25,000, so this SARIF cannot be uploaded; audit fewer accounts per run (a matrix of jobs, one account each).',
    );
    expect(fleetOf(41)).not.toContain('code scanning refuses');
  });
});
