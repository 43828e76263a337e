import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INPUTS } from '../src/options.js';
import { aRow, exampleReport, reportCsv, useTempDir } from './fixtures.js';
import { node24, runCli, sarifAt } from './runner.js';
import { emptyStringPaths, onlyRun, sarifSchemaErrors } from './sarif-validation.js';

/** How a day is told relative to today (UTC): the CLI prints days this way. */
function daysAgo(day: string): string {
  const days = Math.floor(Date.now() / 86_400_000) - Date.parse(`${day}T00:00:00Z`) / 86_400_000;
  return days === 0 ? 'today' : days === 1 ? 'yesterday' : `${days} days ago`;
}

const lines = (text: string): string[] => text.split('\n').filter((line) => line !== '');

describe.each([
  ['the Node running the tests', process.execPath],
  ['Node 24', node24],
])('dist/cli.js on %s', (_node, binary) => {
  const dir = useTempDir();

  it('exits 1 over the threshold and lists the 5 findings in a table', () => {
    const sarifFile = join(dir(), 'audit.sarif');
    const exit = runCli(binary, ['--credential-report', exampleReport, '--sarif-file', sarifFile]);
    expect(exit.status).toBe(1);
    expect(exit.stderr).toBe('');
    const out = lines(exit.stdout);
    expect(out[0]).toBe('Account: 111122223333 (aws), 9 principal(s)');
    const header = out.findIndex((line) => line.startsWith('SEVERITY'));
    expect(out[header]?.split(/\s{2,}/)).toEqual([
      'SEVERITY',
      'RULE',
      'USER',
      'PASSWORD LAST USED',
      'CREATED',
      'ARN',
    ]);
    expect(out.slice(header + 1, header + 6).map((row) => row.split(/\s{2,}/).slice(0, 4))).toEqual(
      [
        ['critical', 'aws-iam-001', 'root', `2026-10-02 (${daysAgo('2026-10-02')})`],
        ['high', 'aws-iam-002', 'bob', `2026-11-28 (${daysAgo('2026-11-28')})`],
        ['high', 'aws-iam-002', 'dave', 'never'],
        ['high', 'aws-iam-002', 'frank', `2026-09-30 (${daysAgo('2026-09-30')})`],
        ['high', 'aws-iam-002', 'ops+oncall=eu,team.lead@example-corp', 'never'],
      ],
    );
    expect(out.slice(-2)).toEqual([
      'FAIL: 5 findings at high or above, 0 tolerated (max-findings).',
      `SARIF: ${sarifFile}`,
    ]);
  });

  it('writes a valid SARIF file', () => {
    const sarifFile = join(dir(), 'audit.sarif');
    runCli(binary, ['--credential-report', exampleReport, '--sarif-file', sarifFile]);
    const log = sarifAt(sarifFile);
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(emptyStringPaths(log)).toEqual([]);
    expect(onlyRun(log).results).toHaveLength(5);
  });

  it.each([
    [['--fail-on', 'none'], 'PASS'],
    [['--max-findings', '5'], 'PASS'],
    [['--include-root', 'false', '--max-findings', '4'], 'PASS'],
  ])('exits 0 with %j', (flags, verdict) => {
    const sarifFile = join(dir(), 'audit.sarif');
    const exit = runCli(binary, [
      '--credential-report',
      exampleReport,
      '--sarif-file',
      sarifFile,
      ...flags,
    ]);
    expect(exit.status).toBe(0);
    expect(lines(exit.stdout).at(-2)?.startsWith(`${verdict}: `)).toBe(true);
    expect(existsSync(sarifFile)).toBe(true);
  });

  it('lists every input in --help and exits 0', () => {
    const exit = runCli(binary, ['--help']);
    expect(exit.status).toBe(0);
    const help = lines(exit.stdout);
    for (const input of INPUTS) {
      const line = help.find((l) => l.trimStart().startsWith(`--${input.name} `));
      expect(line, input.name).toBeDefined();
      expect(line).toContain(input.description);
      if (input.default !== '') expect(line).toContain(`(default: ${input.default})`);
    }
    expect(help.some((l) => l.trimStart().startsWith('--help '))).toBe(true);
    // cloud-audit's file is read only when named: the help says so, and says nothing else.
    const suppressions = help.find((l) => l.trimStart().startsWith('--suppressions-file '));
    expect(suppressions).toContain(
      "A file in cloud-audit's .cloud-audit.yml format is read when named here; it is never looked for.",
    );
  });

  it.each([
    [['--bogus'], 'iam-mfa-audit: unknown option --bogus; see --help for the options.'],
    [
      ['--fail-on', 'urgent'],
      'iam-mfa-audit: --fail-on: "urgent" is not accepted; use one of critical, high, medium, low, none.',
    ],
    [
      ['--max-findings=-1'],
      'iam-mfa-audit: --max-findings: "-1" is not accepted; use a whole number from 0 to 1000000.',
    ],
    [
      ['--include-root', 'yes'],
      'iam-mfa-audit: --include-root: "yes" is not accepted; use true or false.',
    ],
    [
      ['report.csv'],
      'iam-mfa-audit: unexpected argument; every option is --name VALUE, see --help.',
    ],
  ])('exits 2 on %j with one line on stderr', (args, message) => {
    const sarifFile = join(dir(), 'audit.sarif');
    const exit = runCli(binary, [...args, '--sarif-file', sarifFile]);
    expect(exit.status).toBe(2);
    expect(exit.stderr).toBe(`${message}\n`);
    expect(exit.stdout).toBe('');
    expect(existsSync(sarifFile)).toBe(false);
  });

  it('exits 2 with one line when a value starts with a dash', () => {
    const exit = runCli(binary, ['--max-findings', '-1']);
    expect(exit.status).toBe(2);
    expect(lines(exit.stderr)).toHaveLength(1);
    expect(exit.stderr).toBe(
      'iam-mfa-audit: option --max-findings: a value that starts with - is written --max-findings=VALUE.\n',
    );
    expect(exit.stderr).not.toContain('    at ');
  });

  it('exits 2 when an option has no value', () => {
    const exit = runCli(binary, ['--fail-on']);
    expect(exit.status).toBe(2);
    expect(exit.stderr).toBe('iam-mfa-audit: option --fail-on needs a value; see --help.\n');
  });

  it('exits 2 on a malformed report with one line naming file and line, and no SARIF', async () => {
    const report = join(dir(), 'broken.csv');
    const sarifFile = join(dir(), 'audit.sarif');
    await writeFile(report, reportCsv([aRow({ user: 'bob', password_enabled: 'yes' })]));
    const exit = runCli(binary, ['--credential-report', report, '--sarif-file', sarifFile]);
    expect(exit.status).toBe(2);
    expect(exit.stderr).toBe(
      `iam-mfa-audit: ${report}: line 2: column password_enabled: "yes" is not accepted; use true or false\n`,
    );
    expect(existsSync(sarifFile)).toBe(false);
    expect(exit.stderr).not.toContain('    at ');
  });

  it('exits 2 on a report that does not exist', () => {
    const report = join(dir(), 'missing.csv');
    const exit = runCli(binary, ['--credential-report', report]);
    expect(exit.status).toBe(2);
    expect(exit.stderr).toBe(
      `iam-mfa-audit: credential-report "${report}": cannot read the file (no such file); give the path of an IAM credential report CSV.\n`,
    );
  });
});

describe('dist/cli.js for scripts', () => {
  const dir = useTempDir();

  it('prints its version', () => {
    const exit = runCli(node24, ['--version']);
    expect(exit.status).toBe(0);
    expect(exit.stdout).toMatch(/^iam-mfa-audit \d+\.\d+\.\d+\n$/);
  });

  it('prints the outcome as one JSON document with --format json', () => {
    const exit = runCli(node24, [
      '--credential-report',
      exampleReport,
      '--sarif-file',
      join(dir(), 'a.sarif'),
      '--format',
      'json',
    ]);
    expect(exit.status).toBe(1);
    const outcome = JSON.parse(exit.stdout) as {
      account: string;
      verdict: { result: string; counted: number };
      findings: { rule: string; user: string; fix: { kind: string } }[];
    };
    expect(outcome.account).toBe('111122223333');
    expect(outcome.verdict).toMatchObject({ result: 'fail', counted: 5 });
    expect(outcome.findings.map((f) => [f.rule, f.user])).toEqual([
      ['aws-iam-001', 'root'],
      ['aws-iam-002', 'bob'],
      ['aws-iam-002', 'dave'],
      ['aws-iam-002', 'frank'],
      ['aws-iam-002', 'ops+oncall=eu,team.lead@example-corp'],
    ]);
    expect(outcome.findings.find((f) => f.user === 'dave')?.fix.kind).toBe('remove-password');
  });

  it('refuses a format it does not have, in one line', () => {
    const exit = runCli(node24, ['--credential-report', exampleReport, '--format', 'yaml']);
    expect(exit.status).toBe(2);
    expect(exit.stderr).toBe(
      'iam-mfa-audit: --format: "yaml" is not accepted; use one of table, json.\n',
    );
  });
});
