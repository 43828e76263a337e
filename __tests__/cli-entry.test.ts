import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_FLAGS } from '../src/cli/flags.js';
import { INPUTS } from '../src/options.js';
import { VERSION } from '../src/version.js';
import type { Log } from 'sarif';
import { aRow, exampleReport, repoRoot, reportCsv, useTempDir } from './fixtures.js';
import { node24, runCli, sarifAt } from './runner.js';
import { emptyStringPaths, onlyRun, sarifSchemaErrors } from './sarif-validation.js';

/** How long ago a day was, as the CLI's table tells it (UTC days). */
function ago(day: string): string {
  const days = Math.floor(Date.now() / 86_400_000) - Date.parse(`${day}T00:00:00Z`) / 86_400_000;
  return days === 0 ? 'today' : `${days.toLocaleString('en-US')} d ago`;
}

const lines = (text: string): string[] => text.split('\n').filter((line) => line !== '');

describe.each([
  ['the Node running the tests', process.execPath],
  ['Node 24', node24],
])('dist/cli.js on %s', (_node, binary) => {
  const dir = useTempDir();

  it('exits 1 over the threshold, lists the 5 findings with what to do, and totals them', () => {
    const exit = runCli(binary, ['--credential-report', exampleReport], {}, dir());
    expect(exit.status).toBe(1);
    expect(exit.stderr).toBe('');
    const out = lines(exit.stdout);
    expect(out[0]).toBe('Account: 111122223333 (aws), 9 principal(s)');
    const header = out.findIndex((line) => line.startsWith('SEVERITY'));
    expect(out[header]?.split(/\s{2,}/)).toEqual([
      'SEVERITY',
      'RULE',
      'USER',
      'LAST SIGN-IN',
      'TO DO',
      'ARN',
    ]);
    expect(out.slice(header + 1, header + 6).map((row) => row.split(/\s{2,}/).slice(0, 5))).toEqual(
      [
        ['critical', 'aws-iam-001', 'root', ago('2026-10-02'), 'add MFA as root'],
        ['high', 'aws-iam-002', 'bob', ago('2026-11-28'), 'add MFA'],
        ['high', 'aws-iam-002', 'dave', 'never', 'remove the password'],
        ['high', 'aws-iam-002', 'frank', ago('2026-09-30'), 'remove the password'],
        ['high', 'aws-iam-002', 'ops+oncall=eu,team.lead@example-corp', 'never', 'add MFA'],
      ],
    );
    expect(out.slice(header + 6)).toEqual([
      '5 open findings (1 critical, 4 high), 0 accepted, in 9 principals of 1 account.',
      'FAIL: 5 findings at high or above, 0 tolerated (max-findings).',
    ]);
    // A SARIF file only when asked for.
    expect(readdirSync(dir())).toEqual([]);
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
    expect(lines(exit.stdout).at(-1)).toBe(`SARIF: ${sarifFile}`);
    expect(existsSync(sarifFile)).toBe(true);
  });

  it('lists every input in --help, grouped, with a placeholder for each value, and exits 0', () => {
    const exit = runCli(binary, ['--help']);
    expect(exit.status).toBe(0);
    const help = lines(exit.stdout);
    for (const input of INPUTS.filter((i) => i.actionOnly !== true)) {
      const flag = CLI_FLAGS[input.name];
      const usage =
        flag?.value === undefined ? `--[no-]${input.name}` : `--${input.name} ${flag.value}`;
      expect(
        help.some((l) => l.includes(usage)),
        input.name,
      ).toBe(true);
    }
    expect(help.filter((l) => /^[A-Z].*:$/.test(l))).toEqual([
      'What to audit (default: the account of your AWS credentials):',
      'When the audit fails:',
      'Output:',
      'AWS session:',
      'Other:',
      'Examples:',
    ]);
    expect(Math.max(...help.map((l) => l.length))).toBeLessThanOrEqual(80);
    expect(exit.stdout).not.toMatch(/this step|the workflow token/);
    // cloud-audit's file is read only when named: the help says so.
    expect(exit.stdout.replace(/\s+/g, ' ')).toContain(
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

  it('prints the outcome as one JSON document with --format json, one shape for any number of accounts', () => {
    const exit = runCli(node24, ['--credential-report', exampleReport, '--format', 'json']);
    expect(exit.status).toBe(1);
    const outcome = JSON.parse(exit.stdout) as JsonReport;
    expect(outcome.schemaVersion).toBe(1);
    expect(outcome.tool).toEqual({ name: 'iam-mfa-audit', version: VERSION });
    expect(outcome.verdict).toMatchObject({ result: 'fail', counted: 5 });
    const [account, ...others] = outcome.accounts;
    expect(others).toEqual([]);
    expect(account?.accountId).toBe('111122223333');
    expect(account?.findings.map((f) => [f.rule, f.user])).toEqual([
      ['aws-iam-001', 'root'],
      ['aws-iam-002', 'bob'],
      ['aws-iam-002', 'dave'],
      ['aws-iam-002', 'frank'],
      ['aws-iam-002', 'ops+oncall=eu,team.lead@example-corp'],
    ]);
    const dave = account?.findings.find((f) => f.user === 'dave');
    expect(dave).toMatchObject({ passwordLastUsed: null, passwordNeverUsed: true });
    expect(dave?.fix).toMatchObject({
      kind: 'remove-password',
      commands: ['aws iam delete-login-profile --user-name dave'],
    });
    // Both commands of an MFA enrolment, not only the first.
    expect(account?.findings.find((f) => f.user === 'bob')?.fix.commands).toEqual([
      'aws iam create-virtual-mfa-device --virtual-mfa-device-name bob --outfile bob-qr.png --bootstrap-method QRCodePNG',
      'aws iam enable-mfa-device --user-name bob --serial-number arn:aws:iam::111122223333:mfa/bob --authentication-code1 CODE1 --authentication-code2 CODE2',
    ]);
    for (const f of account?.findings ?? []) {
      for (const time of [f.passwordLastUsed, f.createdAt]) {
        if (time !== null) expect(time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      }
    }
  });

  it('refuses a format it does not have, in one line', () => {
    const exit = runCli(node24, ['--credential-report', exampleReport, '--format', 'yaml']);
    expect(exit.status).toBe(2);
    expect(exit.stderr).toBe(
      'iam-mfa-audit: --format: "yaml" is not accepted; use one of table, json, sarif, markdown.\n',
    );
  });

  it('takes --no-NAME, --NAME alone and the older --NAME VALUE for a boolean', () => {
    const verdicts = [
      ['--no-include-root'],
      ['--include-root', 'false'],
      ['--include-root=false'],
    ].map((flag) =>
      runCli(node24, ['--credential-report', exampleReport, '--max-findings', '4', ...flag]),
    );
    expect(verdicts.map((e) => e.status)).toEqual([0, 0, 0]);
    const on = runCli(node24, [
      '--credential-report',
      exampleReport,
      '--include-root',
      '--max-findings',
      '4',
    ]);
    expect(on.status).toBe(1);
  });

  it('takes a list comma-separated or repeated, and names a bad value', () => {
    const exit = runCli(node24, [
      '--accounts',
      '111122223333,444455556666',
      '--accounts',
      '1234',
      '--role-name',
      'audit',
    ]);
    expect(exit.status).toBe(2);
    expect(exit.stderr).toBe(
      'iam-mfa-audit: --accounts: "1234" is not accepted; use an account id of 12 digits, separated by commas.\n',
    );
  });

  it('writes the report to -o FILE, and nothing to standard output', () => {
    const out = join(dir(), 'report.json');
    const exit = runCli(node24, [
      '--credential-report',
      exampleReport,
      '--format',
      'json',
      '-o',
      out,
    ]);
    expect(exit.status).toBe(1);
    expect(exit.stdout).toBe('');
    expect((JSON.parse(readFileSync(out, 'utf8')) as JsonReport).verdict.result).toBe('fail');
  });

  it('prints the SARIF log with --format sarif, and the job summary with --format markdown', () => {
    const sarif = runCli(node24, ['--credential-report', exampleReport, '--format', 'sarif']);
    expect(onlyRun(JSON.parse(sarif.stdout) as Log).results).toHaveLength(5);
    const markdown = runCli(node24, ['--credential-report', exampleReport, '--format', 'markdown']);
    expect(markdown.stdout.split('\n')[0]).toBe('## ❌ IAM MFA audit: fail');
    expect(markdown.stdout).toContain('| User | Severity | Last sign-in | To do |');
  });

  it.each(['-', '/dev/stdout'])(
    'writes the SARIF to standard output with --sarif-file %s',
    (stdout) => {
      const report = join(dir(), 'report.txt');
      const exit = runCli(node24, [
        '--credential-report',
        exampleReport,
        '--sarif-file',
        stdout,
        '-o',
        report,
      ]);
      expect(exit.status).toBe(1);
      expect(onlyRun(JSON.parse(exit.stdout) as Log).results).toHaveLength(5);
      expect(readFileSync(report, 'utf8')).toContain('FAIL: 5 findings');
      const both = runCli(node24, ['--credential-report', exampleReport, '--sarif-file', stdout]);
      expect(both.status).toBe(2);
      expect(both.stderr).toBe(
        `iam-mfa-audit: --sarif-file ${stdout}: the report goes to standard output too; print the SARIF alone with --format sarif, or send the report to a file with -o FILE.\n`,
      );
    },
  );

  it('refuses to write the report over a folder or the report it reads, and writes nothing', async () => {
    const copy = join(dir(), 'credential-report.csv');
    await writeFile(copy, readFileSync(exampleReport));
    const over = runCli(node24, ['--credential-report', copy, '-o', copy]);
    expect(over.status).toBe(2);
    expect(over.stderr).toBe(
      `iam-mfa-audit: --output "${copy}": is ${copy}, which this run reads or writes; give the path of a file to write the report to, or - for standard output.\n`,
    );
    expect(readFileSync(copy, 'utf8')).toBe(readFileSync(exampleReport, 'utf8'));
    const sarif = join(dir(), 'new.sarif');
    const both = runCli(node24, ['--credential-report', copy, '--sarif-file', sarif, '-o', sarif]);
    expect(both.status).toBe(2);
    expect(both.stderr).toContain(`is ${sarif}, which this run reads or writes`);
    expect(existsSync(sarif)).toBe(false);
    const folder = runCli(node24, ['--credential-report', copy, '-o', dir()]);
    expect(folder.stderr).toBe(
      `iam-mfa-audit: --output "${dir()}": is a directory; give the path of a file to write the report to, or - for standard output.\n`,
    );
  });
});

/** The JSON report's shape, as far as these tests read it. */
interface JsonReport {
  schemaVersion: number;
  tool: { name: string; version: string };
  verdict: { result: string; counted: number };
  accounts: {
    accountId: string | null;
    findings: {
      rule: string;
      user: string;
      passwordLastUsed: string | null;
      createdAt: string | null;
      fix: { kind: string; commands: string[] };
    }[];
  }[];
}

describe('docs/command-line.md', () => {
  /** Every key path of a JSON value (`accounts[].findings[].fix.commands`), arrays merged. */
  function keyPaths(value: unknown, at = ''): string[] {
    if (Array.isArray(value)) return [...new Set(value.flatMap((v) => keyPaths(v, `${at}[]`)))];
    if (value === null || typeof value !== 'object') return [at];
    return Object.entries(value).flatMap(([key, v]) =>
      keyPaths(v, at === '' ? key : `${at}.${key}`),
    );
  }

  it('shows the JSON report as the CLI prints it', () => {
    const doc = readFileSync(join(repoRoot, 'docs', 'command-line.md'), 'utf8');
    const example = /## JSON report[\s\S]*?```json\n([\s\S]*?)\n```/.exec(doc)?.[1];
    expect(example).toBeDefined();
    const printed = JSON.parse(
      runCli(node24, ['--credential-report', exampleReport, '--format', 'json']).stdout,
    ) as JsonReport;
    const shown = JSON.parse(example ?? '') as JsonReport;
    expect(keyPaths(shown).sort()).toEqual(keyPaths(printed).sort());
    expect(shown.tool.version).toBe(VERSION);
    expect(shown.verdict).toEqual(printed.verdict);
    // The fix changes with the date (an unused password is removed after 45 days): the rest not.
    const withoutFix = ({ fix, ...rest }: { fix: unknown }) => rest;
    const bob = printed.accounts[0]?.findings.find((f) => f.user === 'bob');
    expect(shown.accounts[0]?.findings.map(withoutFix)).toEqual([bob && withoutFix(bob)]);
  });
});
