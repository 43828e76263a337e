import { describe, expect, it } from 'vitest';
import type { AccountSnapshot, Finding, Snapshots, Suppression } from '../src/model.js';
import { decide } from '../src/policy/threshold.js';
import { code, prose } from '../src/render/markdown.js';
import { renderSummary, SUMMARY_ROWS_PER_ACCOUNT } from '../src/render/summary.js';
import { RULES, activeRules } from '../src/rules/catalog.js';
import { evaluate } from '../src/rules/evaluate.js';
import {
  ACCOUNT,
  accountsOf,
  aFinding,
  aRoot,
  aSnapshot,
  aUser,
  OTHER_ACCOUNT,
} from './fixtures.js';
import { tableProblems, toHtml } from './support/markdown.js';

const NOW = new Date('2026-11-28T10:30:00Z');
const POLICY = { failOn: 'high', maxFindings: 0, allowIncomplete: false } as const;

function summaryOfAll(snapshots: Snapshots, findings: readonly Finding[]): string {
  return renderSummary({
    accounts: accountsOf(snapshots, findings),
    findings,
    rules: activeRules(true),
    verdict: decide(
      findings,
      snapshots.flatMap((s) => s.notAssessed),
      POLICY,
    ),
    sarifFile: 'iam-mfa-audit.sarif',
    finishedAt: NOW,
  });
}

function summaryOf(
  snapshot: AccountSnapshot,
  findings: readonly Finding[] = evaluate(snapshot, RULES, { hours: 0, now: NOW }),
): string {
  return summaryOfAll([snapshot], findings);
}

const TABLE_HEADER = '| User | Severity | Last sign-in | To do |';

/** The findings tables: each one's rows, header and separator left out. */
function findingRows(summary: string): string[][] {
  const lines = summary.split('\n');
  return lines.flatMap((line, i) => {
    if (line !== TABLE_HEADER) return [];
    const end = lines.indexOf('', i);
    return [lines.slice(i + 2, end < 0 ? undefined : end)];
  });
}

/** The text of each cell of an HTML table row, as a browser shows it. */
function cellsOf(row: string): string[] {
  return [...row.matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/g)].map(([, cell = '']) => cell);
}

/** The rows of the HTML tables whose header starts with `first`. */
function htmlTables(html: string, first: string): string[][][] {
  return [...html.matchAll(/<table>([\s\S]*?)<\/table>/g)]
    .map(([, table = '']) =>
      [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(([, r = '']) => cellsOf(r)),
    )
    .filter((rows) => rows[0]?.[0] === first);
}

describe('code', () => {
  it.each([
    ['bob', '`bob`'],
    ['a`b', '``a`b``'],
    ['`start', '`` `start ``'],
    ['two\nlines\r\n  here', '`two lines here`'],
    ['', '(none)'],
  ])('spans %j as %j', (raw, span) => {
    expect(code(raw)).toBe(span);
  });

  it('escapes a bar in a table cell, where GFM reads the cell first', () => {
    expect(code('a|b', 'cell')).toBe('`a\\|b`');
    expect(code('a|b')).toBe('`a|b`');
  });
});

describe('prose', () => {
  it.each([
    ['*bold* _em_ [x](y) <b>', '\\*bold\\* \\_em\\_ \\[x\\](y) \\<b\\>'],
    ['see www.evil-login.com', 'see www&#46;evil-login.com'],
    ['mail admin@phish.example', 'mail admin&#64;phish.example'],
    ['at https://evil.example/x', 'at https&#58;//evil.example/x'],
  ])('keeps %j as text: %j', (raw, escaped) => {
    expect(prose(raw)).toBe(escaped);
    expect(toHtml(prose(raw))).not.toMatch(/<(a|b|strong|em)\b/);
  });
});

describe('renderSummary of one account', () => {
  const snapshot = aSnapshot({
    principals: [
      aRoot(),
      aUser({ name: 'bob' }),
      aUser({ name: 'dave', passwordLastUsed: 'never' }),
      aUser({ name: 'alice', mfaActive: true }),
    ],
  });

  it('leads with the verdict, the counts, what was audited and the rules', () => {
    expect(summaryOf(snapshot).split('\n').slice(0, 8)).toEqual([
      '## ❌ IAM MFA audit: fail',
      '',
      '3 findings at high or above, 0 tolerated (max-findings).',
      '',
      '- **Open findings:** 1 critical · 2 high',
      `- **Audited:** 4 principals of account \`${ACCOUNT}\` (aws), from the credential report file \`reports/credential-report.csv\`.`,
      '- **Rules:** aws-iam-001 (critical), aws-iam-002 (high)',
      '',
    ]);
  });

  it('lists each finding in four short columns, the user in a code span', () => {
    expect(findingRows(summaryOf(snapshot))).toEqual([
      [
        '| `root` | critical | today | add MFA as root |',
        '| `bob` | high | today | add MFA |',
        '| `dave` | high | never | remove the password |',
      ],
    ]);
  });

  it('folds the ARNs, dates and whole commands into one block per rule', () => {
    const summary = summaryOf(snapshot);
    const blocks = summary.split('<details>').slice(1);
    expect(blocks.map((b) => /<summary>(.*)<\/summary>/.exec(b)?.[1])).toEqual([
      'aws-iam-001 RootAccountWithoutMfa: 1 user, with ARNs, dates and the commands that fix them',
      'aws-iam-002 ConsoleUserWithoutMfa: 2 users, with ARNs, dates and the commands that fix them',
      'Where the data came from',
    ]);
    expect(blocks[1]).toContain(`# bob  arn:aws:iam::${ACCOUNT}:user/bob\n`);
    expect(blocks[1]).toContain(
      '#   created 2021-01-20 (2,138 days ago); password last used 2026-11-28 (today)\n',
    );
    expect(blocks[1]).toContain(
      `aws iam enable-mfa-device --user-name bob --serial-number arn:aws:iam::${ACCOUNT}:mfa/bob --authentication-code1 CODE1 --authentication-code2 CODE2\n`,
    );
    expect(blocks[1]).toContain('aws iam delete-login-profile --user-name dave\n');
  });

  it('is two lines when nothing is found and there is nothing else to say', () => {
    const summary = summaryOf(aSnapshot({ principals: [aUser({ mfaActive: true })] }));
    expect(summary).toBe(
      `## ✅ IAM MFA audit: pass\n\n0 findings at high or above, 0 tolerated (max-findings). 1 principal of account \`${ACCOUNT}\` (aws), from the credential report file \`reports/credential-report.csv\`.\n`,
    );
  });

  it('counts accepted findings apart, so the counts agree with the verdict', () => {
    const accepting: Suppression = {
      rule: '*',
      principal: 'dave',
      match: 'glob',
      reason: 'break-glass user, kept offline',
      owner: 'secops',
      expires: '2027-01-31',
      where: '.github/iam-mfa-audit.yml entry 1 (line 2)',
    };
    const findings = evaluate(snapshot, RULES, { hours: 0, now: NOW }).map((f) =>
      f.principal.name === 'dave' ? { ...f, suppression: accepting } : f,
    );
    const summary = renderSummary({
      accounts: accountsOf([snapshot], findings),
      findings,
      rules: activeRules(true),
      verdict: decide(findings, [], POLICY),
      sarifFile: 'iam-mfa-audit.sarif',
      finishedAt: NOW,
      suppressions: { file: '.github/iam-mfa-audit.yml', expired: [], stale: [], neverExpires: [] },
    });
    const lines = summary.split('\n');
    expect(lines[2]).toBe('2 findings at high or above, 0 tolerated (max-findings).');
    expect(lines[4]).toBe(
      '- **Open findings:** 1 critical · 1 high · **accepted:** 1 (not counted)',
    );
    expect(findingRows(summary)[0]).toHaveLength(2);
    expect(lines).toContain(
      '| `dave` | aws-iam-002 | break-glass user, kept offline (secops) | 2027-01-31 |',
    );
  });

  it('keeps a hostile user name inside a code span of its cell', () => {
    const name = 'eve|x *bold* [x](y) <script>alert(1)</script> `tick`\nsecond www.evil.example';
    const summary = summaryOf(aSnapshot({ principals: [aUser({ name })] }));
    expect(tableProblems(summary)).toEqual([]);
    const [rows] = htmlTables(toHtml(summary), 'User');
    expect(rows?.[1]).toEqual([
      '<code>eve|x *bold* [x](y) &lt;script&gt;alert(1)&lt;/script&gt; `tick` second www.evil.example</code>',
      'high',
      'today',
      'add MFA',
    ]);
    expect(toHtml(summary)).not.toMatch(/<script|<a href="http:\/\/www\.evil/);
  });

  it.each(['www.evil-login.com', 'admin@phish.example', 'https://evil.example/x'])(
    'makes no link of the name %j anywhere',
    (name) => {
      const html = toHtml(summaryOf(aSnapshot({ principals: [aUser({ name })] })));
      expect(html).not.toMatch(/<a /);
      expect(html).toContain(`<code>${name}</code>`);
    },
  );

  it('keeps the raw Markdown free of character references where a code span does', () => {
    const summary = summaryOf(snapshot);
    expect(summary).not.toMatch(/&#\d+;/);
    expect(summary).toContain(`\`${ACCOUNT}\``);
  });

  it('stops the table at 50 rows per account, and fits 300 findings in a few screens', () => {
    const findings = Array.from({ length: 300 }, (_, i) =>
      aFinding({
        principal: aUser({
          name: `ops+oncall=eu,team.lead${i}@example-corp`,
          arn: `arn:aws:iam::${ACCOUNT}:user/contractors/ops+oncall=eu,team.lead${i}@example-corp`,
        }),
        fix: {
          kind: 'remove-password',
          label: 'remove the password',
          text: 'remove the console password, never used',
          command: `aws iam delete-login-profile --user-name ops+oncall=eu,team.lead${i}@example-corp`,
        },
      }),
    );
    const summary = summaryOf(
      aSnapshot({ principals: findings.map((f) => f.principal) }),
      findings,
    );
    const [rows] = findingRows(summary);
    expect(rows).toHaveLength(SUMMARY_ROWS_PER_ACCOUNT);
    expect(summary).toContain(
      '\n250 more: see the alerts or the SARIF file `iam-mfa-audit.sarif`.\n',
    );
    // Every command shown is whole: the block lists fewer users rather than cut one.
    const commands = summary
      .split('\n')
      .filter((l) => l.startsWith('aws iam delete-login-profile'));
    expect(commands).toHaveLength(50);
    for (const [i, command] of commands.entries()) {
      expect(command).toBe(
        `aws iam delete-login-profile --user-name ops+oncall=eu,team.lead${i}@example-corp`,
      );
    }
    expect(summary).toContain('# 250 more: see the alerts or the SARIF\n');
    // What shows before a block is opened: the head, 50 rows and a line.
    const shown = summary.replace(/<details>[\s\S]*?<\/details>/g, '<details/>');
    expect(shown.split('\n').length).toBeLessThan(75);
  });

  it('stays under 1 MiB with 5,000 findings', () => {
    const findings = Array.from({ length: 5000 }, (_, i) =>
      aFinding({ principal: aUser({ name: `user_${i}<${'x'.repeat(40)}>|@example-corp.com` }) }),
    );
    const summary = summaryOf(
      aSnapshot({ principals: findings.map((f) => f.principal) }),
      findings,
    );
    expect(Buffer.byteLength(summary)).toBeLessThan(1024 * 1024);
    expect(summary).toContain('- **Open findings:** 5000 high');
    expect(tableProblems(summary)).toEqual([]);
  });
});

describe('renderSummary of a fleet', () => {
  const fleetOf = (accountIds: readonly string[], findingsPerAccount: number): string => {
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
    return summaryOfAll([first, ...rest], findings);
  };

  it('has a table of accounts, then each account with findings in the same four columns', () => {
    const summary = fleetOf([ACCOUNT, OTHER_ACCOUNT, '777788889999'], 2);
    const html = toHtml(summary);
    const [accounts] = htmlTables(html, 'Account');
    expect(accounts).toEqual([
      ['Account', 'Principals', 'Open findings', 'Not assessed'],
      [`<code>${ACCOUNT}</code>`, '0', '2', '0'],
      [`<code>${OTHER_ACCOUNT}</code>`, '0', '2', '0'],
      ['<code>777788889999</code>', '0', '2', '0'],
    ]);
    expect(summary.split('\n').filter((l) => l.startsWith('### Account `'))).toEqual([
      `### Account \`${ACCOUNT}\`: 2 open findings`,
      `### Account \`${OTHER_ACCOUNT}\`: 2 open findings`,
      '### Account `777788889999`: 2 open findings',
    ]);
    const tables = htmlTables(html, 'User');
    expect(tables).toHaveLength(3);
    for (const rows of tables) {
      expect(rows.map((r) => r.length)).toEqual([4, 4, 4]);
      expect(rows[1]?.[0]).toBe('<code>u0|&lt;b&gt;</code>');
    }
    expect(summary).not.toMatch(/&#\d+;/);
  });

  it('lists at most 500 accounts and keeps every table whole', () => {
    const ids = Array.from({ length: 600 }, (_, i) => String(100000000000 + i));
    const summary = fleetOf(ids, 2);
    expect(summary).toContain('- **Audited:** 0 principals of 600 accounts, partition aws.');
    expect(
      summary.split('\n').filter((l) => /^\| `\d{12}` \| 0 \| 2 \| 0 \|$/.test(l)),
    ).toHaveLength(500);
    expect(summary).toContain("\n100 more accounts: see the SARIF run's properties.\n");
    expect(tableProblems(summary)).toEqual([]);
    expect(Buffer.byteLength(summary)).toBeLessThan(1024 * 1024);
  });

  it('says when there are more results than code scanning takes in one run', () => {
    const ids = Array.from({ length: 600 }, (_, i) => String(100000000000 + i));
    expect(fleetOf(ids, 42)).toContain(
      '- ⚠️ **25,200 results:** code scanning refuses a run of more than 25,000, so this SARIF cannot be uploaded; audit fewer accounts per run (a matrix of jobs, one account each).',
    );
    expect(fleetOf(ids, 41)).not.toContain('code scanning refuses');
  });
});

describe('renderSummary with a history', () => {
  const snapshot = aSnapshot({ principals: [aUser({ name: 'bob' }), aUser({ name: 'cy' })] });
  const [bob, cy] = evaluate(snapshot, RULES, { hours: 0, now: NOW });
  if (bob === undefined || cy === undefined) throw new Error('no findings');
  const findings = [
    {
      ...bob,
      history: {
        state: 'open' as const,
        alert: {
          number: 7,
          url: 'https://github.com/a/b/security/code-scanning/7',
          openedAt: '2026-11-16T10:30:00Z',
        },
      },
    },
    { ...cy, history: { state: 'new' as const, alert: null } },
  ];
  const render = (extra: Partial<Parameters<typeof renderSummary>[0]>) =>
    renderSummary({
      accounts: accountsOf([snapshot], findings),
      findings,
      rules: activeRules(true),
      verdict: decide(findings, [], POLICY),
      sarifFile: null,
      finishedAt: NOW,
      ...extra,
    });

  it('leads with what changed, new findings first, and what was fixed', () => {
    const summary = render({
      history: {
        kind: 'read',
        source: 'code scanning',
        alerts: [],
        alertOf: new Map(),
        known: new Set(),
        principals: new Map(),
      },
      fixed: [
        {
          number: 3,
          url: 'https://github.com/a/b/security/code-scanning/3',
          fingerprint: 'f',
          principal: 'arn:aws:iam::111122223333:user/gone',
        },
      ],
    });
    expect(summary).toContain(
      '- **Since the last run** (code scanning): 1 new, 0 reopened, 1 still open, 1 fixed',
    );
    expect(findingRows(summary)[0]).toEqual([
      '| `cy` | high, new | today | add MFA |',
      '| `bob` | high, open 12 d | today | add MFA |',
    ]);
    expect(summary).toContain(
      '- `arn:aws:iam::111122223333:user/gone` ([alert #3](https://github.com/a/b/security/code-scanning/3))',
    );
  });

  it('says in one line when the history could not be read', () => {
    const summary = render({ history: { kind: 'unreadable', reason: 'HTTP 403 (no)' } });
    expect(summary).toContain(
      '- **Since the last run:** not known (HTTP 403 (no)); every finding is shown as it is now.',
    );
  });

  it('labels what a Terraform plan causes, with its file and resource', () => {
    const summary = render({
      history: {
        kind: 'read',
        source: 'the account now',
        alerts: [],
        alertOf: new Map(),
        known: new Set(),
        principals: new Map(),
      },
      fixed: [
        {
          number: null,
          url: null,
          fingerprint: 'f',
          principal: 'arn:aws:iam::111122223333:user/dee',
        },
      ],
      terraform: {
        files: ['plan.json'],
        causes: new Map([
          [
            'cy',
            {
              address: 'aws_iam_user_login_profile.cy',
              file: 'plan.json',
              what: 'gives console access to',
            },
          ],
          [
            'dee',
            {
              address: 'aws_iam_user_login_profile.dee',
              file: 'plan.json',
              what: 'removes the console password of',
            },
          ],
        ]),
      },
    });
    expect(summary).toContain('### The Terraform plan: 1 finding caused, 1 cleared');
    expect(summary).toContain('- ➕ this pull request gives console access to `cy`: ');
    expect(summary).toContain(
      '- ✔️ this pull request removes the console password of `dee`: fixes 1 finding (`plan.json`, `aws_iam_user_login_profile.dee`)',
    );
    expect(summary).not.toContain('### Fixed since the last run');
  });
});
