/**
 * What people read: the job summary as GitHub's Markdown (GFM) parses it, the fix commands
 * per rule, the link to the alerts, the CLI's dates and colours, and progress on long work.
 */
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Code, Html, Link } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { progressBar, progressLog } from '../src/surface/progress.js';
import {
  ACCOUNT,
  aRootRow,
  aRow,
  exampleReport,
  reportCsv,
  repoRoot,
  useTempDir,
} from './fixtures.js';
import { cliBundle, node24, runAction, runCli } from './runner.js';
import { nodesOf, parse, tableProblems, tables } from './support/markdown.js';

const DAY = /^\d{4}-\d{2}-\d{2} \((today|yesterday|tomorrow|[\d,]+ days ago|in [\d,]+ days)\)$/;

describe('the job summary, as GitHub parses it', () => {
  const dir = useTempDir();

  const hostile = [
    aRootRow(),
    aRow({ user: 'pipe|in<b>name<b>', password_last_used: 'no_information' }),
    aRow({ user: 'star*_`tick`_[x](y)', user_creation_time: '2026-11-29T23:59:59+00:00' }),
    aRow({ user: 'amp&#124;lt', password_last_used: 'N/A' }),
    aRow({ user: 'dave', password_last_used: 'no_information' }),
  ];

  it.each([
    ['the example report', () => exampleReport],
    [
      'hostile names, a missing root row and an accepted finding',
      async () => {
        const report = join(dir(), 'hostile.csv');
        await writeFile(report, reportCsv(hostile.slice(1)));
        return report;
      },
    ],
  ])('keeps every table whole for %s', async (_name, reportOf) => {
    const report = await reportOf();
    const suppressions = join(dir(), 'accepted.yml');
    await writeFile(
      suppressions,
      'suppressions:\n  - rule: aws-iam-002\n    principal: "star*"\n    reason: "break-glass | <b>for</b> ops"\n    owner: "@sec|team"\n    expires: 2099-12-31\n',
    );
    const step = runAction(dir(), {
      'credential-report': report,
      'sarif-file': join(dir(), 'audit.sarif'),
      'suppressions-file': suppressions,
    });
    expect(step.stderr).toBe('');
    const found = tables(step.summary);
    expect([...found.keys()]).toContain('User');
    expect(tableProblems(step.summary)).toEqual([]);
  });

  it('finds a raw pipe or raw HTML in a cell (the check itself)', () => {
    const broken = '| A | B |\n| --- | --- |\n| x | y|z |\n| <b>x</b> | y |\n';
    expect(tableProblems(broken)).toEqual([
      'row "| x | y|z |" has 3 cells for 2 columns',
      'raw HTML <b> in row "| <b>x</b> | y |"',
      'raw HTML </b> in row "| <b>x</b> | y |"',
    ]);
  });

  it('gives the last sign-in as an age in the table, days in the folded block, full times only in the SARIF', () => {
    const step = runAction(dir(), {
      'credential-report': 'examples/credential-report.csv',
      'sarif-file': join(dir(), 'audit.sarif'),
    });
    const [header, ...rows] = tables(step.summary).get('User') ?? [];
    expect(header).toEqual(['User', 'Severity', 'Last sign-in', 'To do']);
    expect(rows).toHaveLength(5);
    for (const row of rows) expect(row[2]).toMatch(/^(\d[\d,]* d ago|today|never)$/);
    expect(rows[1]?.slice(0, 2)).toEqual(['bob', 'high']);
    const cells = [...tables(step.summary).values()].flat(2);
    expect(cells.filter((cell) => /\d{4}-\d\d-\d\d/.test(cell))).toEqual([]);
    const [, users] = nodesOf<Code>(parse(step.summary), 'code').map((c) => c.value.split('\n'));
    expect(users).toContain(`# bob  arn:aws:iam::${ACCOUNT}:user/bob`);
    expect(users?.find((l) => l.startsWith('#   created 2021-'))).toMatch(
      new RegExp(`^#   created ${DAY.source.replace(/^\^|\$$/g, '')}; password last used `),
    );
    expect(step.summary).not.toMatch(/\d{4}-\d\d-\d\dT/);
  });

  it('gives the fix commands per rule, filled in for the users listed, in a collapsed block', () => {
    const step = runAction(dir(), {
      'credential-report': 'examples/credential-report.csv',
      'sarif-file': join(dir(), 'audit.sarif'),
    });
    const tree = parse(step.summary);
    const blocks = nodesOf<Html>(tree, 'html').map((h) => h.value);
    expect(blocks.filter((b) => b.startsWith('<details>'))).toEqual([
      '<details>\n<summary>aws-iam-001 RootAccountWithoutMfa: 1 user, with ARNs, dates and the commands that fix them</summary>',
      '<details>\n<summary>aws-iam-002 ConsoleUserWithoutMfa: 4 users, with ARNs, dates and the commands that fix them</summary>',
      '<details>\n<summary>Where the data came from</summary>',
    ]);
    const scripts = nodesOf<Code>(tree, 'code');
    expect(scripts.map((c) => c.lang)).toEqual(['sh', 'sh']);
    const [root, users] = scripts.map((c) => c.value.split('\n'));
    expect(root?.slice(2)).toEqual([
      `# root of ${ACCOUNT}: sign in as root and assign an MFA device, preferably a security key (Security credentials)`,
      '# or, in an AWS Organization, delete root credentials from the management account:',
      `aws sts assume-root --target-principal ${ACCOUNT} --task-policy-arn arn=arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials`,
      '',
    ]);
    expect(users).toEqual(
      expect.arrayContaining([
        'aws iam create-virtual-mfa-device --virtual-mfa-device-name bob --outfile bob-qr.png --bootstrap-method QRCodePNG',
        `aws iam enable-mfa-device --user-name bob --serial-number arn:aws:iam::${ACCOUNT}:mfa/bob --authentication-code1 CODE1 --authentication-code2 CODE2`,
        '# dave: remove the console password, never used (CIS: credentials unused for 45 days or more)',
        'aws iam delete-login-profile --user-name dave',
        // Unused for 45 days or more: better removed (CIS).
        'aws iam delete-login-profile --user-name frank',
        // Never used, but created days ago: it needs MFA, not removal.
        'aws iam create-virtual-mfa-device --virtual-mfa-device-name ops+oncall=eu,team.lead@example-corp --outfile ops+oncall=eu,team.lead@example-corp-qr.png --bootstrap-method QRCodePNG',
      ]),
    );
  });

  it('writes the commands for the partition audited, and leaves out a name IAM would not accept', async () => {
    const gov = (user: string) =>
      aRow({ user, arn: `arn:aws-us-gov:iam::${ACCOUNT}:user/${user}`, password_last_used: 'N/A' });
    const report = join(dir(), 'gov.csv');
    await writeFile(report, reportCsv([gov('bob'), gov('bad;name')]));
    const step = runAction(dir(), {
      'credential-report': report,
      'sarif-file': join(dir(), 'audit.sarif'),
      'include-root': 'false',
    });
    const [script] = nodesOf<Code>(parse(step.summary), 'code').map((c) => c.value.split('\n'));
    expect(script).toContain(
      `aws iam enable-mfa-device --user-name bob --serial-number arn:aws-us-gov:iam::${ACCOUNT}:mfa/bob --authentication-code1 CODE1 --authentication-code2 CODE2`,
    );
    // The name is told only in comment lines: no command is written for it.
    expect(script?.filter((l) => l.includes('bad;name')).every((l) => l.startsWith('#'))).toBe(
      true,
    );
    expect(script).toContain('# (no command: IAM would not accept this name)');
  });

  it("links to the repository's code-scanning alerts of this tool in a workflow, and not outside", () => {
    const inputs = {
      'credential-report': 'examples/credential-report.csv',
      'sarif-file': join(dir(), 'audit.sarif'),
    };
    const inWorkflow = runAction(dir(), inputs, {
      GITHUB_SERVER_URL: 'https://github.example.com',
      GITHUB_REPOSITORY: 'octo-org/octo-repo',
    });
    const links = nodesOf<Link>(parse(inWorkflow.summary), 'link');
    expect(links.map((l) => [toString(l), l.url])).toEqual([
      [
        "this tool's code-scanning alerts",
        'https://github.example.com/octo-org/octo-repo/security/code-scanning?query=is%3Aopen%20tool%3Aiam-mfa-audit',
      ],
    ]);
    const outside = runAction(dir(), inputs);
    expect(nodesOf<Link>(parse(outside.summary), 'link')).toEqual([]);
  });
});

describe('the CLI in colour', () => {
  const dir = useTempDir();
  const args = () => ['--credential-report', exampleReport, '--sarif-file', join(dir(), 'a.sarif')];
  const ESC = '\u001b';
  const SGR = new RegExp(`${ESC}\\[[\\d;]*m`);

  it('writes no colour into a pipe, and colour when FORCE_COLOR asks for it', () => {
    expect(runCli(node24, args()).stdout).not.toMatch(SGR);
    const forced = runCli(node24, args(), { FORCE_COLOR: '1' }).stdout.split('\n');
    expect(forced.find((l) => l.includes('aws-iam-001'))?.startsWith('\u001b[1;31mcritical ')).toBe(
      true,
    );
    expect(forced.find((l) => l.startsWith('\u001b[1;31mFAIL:'))).toBeDefined();
  });

  /** dist/cli.js on a pseudo-terminal (python3's pty), its screen output as written. */
  function onTerminal(env: Record<string, string>): { status: number | null; screen: string } {
    const child = spawnSync(
      'python3',
      [
        '-c',
        'import os, pty, sys; sys.exit(os.waitstatus_to_exitcode(pty.spawn(sys.argv[1:])))',
        node24,
        cliBundle,
        ...args(),
      ],
      {
        cwd: repoRoot,
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', TERM: 'xterm', ...env },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 30_000,
      },
    );
    return { status: child.status, screen: child.stdout };
  }

  it('colours a terminal unless NO_COLOR is set', () => {
    const coloured = onTerminal({});
    expect(coloured.status).toBe(1);
    expect(coloured.screen).toMatch(new RegExp(`${ESC}\\[31mhigh +aws-iam-002 +bob `));
    const plain = onTerminal({ NO_COLOR: '1' });
    expect(plain.status).toBe(1);
    expect(plain.screen).not.toMatch(SGR);
    expect(plain.screen).toMatch(/\nhigh +aws-iam-002 +bob /);
  });
});

describe('progress on long work', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('logs a line every 10 s while users are read, and the last count when done', () => {
    const lines: string[] = [];
    const progress = progressLog(
      (line) => lines.push(line),
      10_000,
      () => Date.now(),
    );
    const task = progress.begin('users read', 5000);
    for (let i = 0; i < 1200; i += 1) task.advance();
    vi.advanceTimersByTime(9_999);
    expect(lines).toEqual([]);
    vi.advanceTimersByTime(1);
    for (let i = 0; i < 2300; i += 1) task.advance();
    vi.advanceTimersByTime(10_000);
    for (let i = 0; i < 1500; i += 1) task.advance();
    task.end();
    task.end();
    vi.advanceTimersByTime(60_000);
    expect(lines).toEqual([
      '1,200 of 5,000 users read',
      '3,500 of 5,000 users read',
      '5,000 of 5,000 users read',
    ]);
  });

  it('logs the seconds waited on a wait with no known end, and nothing when it ends', () => {
    const lines: string[] = [];
    const progress = progressLog(
      (line) => lines.push(line),
      10_000,
      () => Date.now(),
    );
    const wait = progress.begin('waiting for the credential report', null);
    vi.advanceTimersByTime(25_000);
    wait.end();
    vi.advanceTimersByTime(25_000);
    expect(lines).toEqual([
      'waiting for the credential report: 10 s',
      'waiting for the credential report: 20 s',
    ]);
  });

  it('draws a bar in place on a terminal and clears it when the work ends', () => {
    let screen = '';
    const bar = progressBar({ write: (text) => ((screen += text), true) }, () => Date.now());
    const task = bar.begin('users read', 8);
    for (let i = 0; i < 2; i += 1) task.advance();
    vi.advanceTimersByTime(100);
    task.end();
    expect(screen).toBe(
      [
        '\r\u001b[2K[------------------------] 0 of 8 users read',
        '\r\u001b[2K[######------------------] 2 of 8 users read',
        '\r\u001b[2K',
      ].join(''),
    );
  });
});
