import { existsSync } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aRow, exampleReport, reportCsv, useTempDir } from './fixtures.js';
import { parseGithubOutput, runAction, sarifAt } from './runner.js';
import { emptyStringPaths, onlyRun, sarifSchemaErrors } from './sarif-validation.js';

const EXAMPLE_USERS = [
  'root',
  'bob',
  'dave',
  'frank',
  'ops+oncall=eu,team.lead@example-corp',
] as const;

const lines = (text: string): string[] => text.split('\n').filter((line) => line !== '');

describe('dist/index.js on Node 24, as the runner starts it', () => {
  const dir = useTempDir();

  it('fails the step on the example report and writes every output', () => {
    const sarifFile = join(dir(), 'audit.sarif');
    const step = runAction(dir(), {
      'credential-report': 'examples/credential-report.csv',
      'sarif-file': sarifFile,
    });
    expect(step.status).toBe(1);
    expect(step.outputs).toMatchObject({
      findings: '5',
      'failing-findings': '5',
      result: 'fail',
      'max-severity': 'critical',
      'sarif-file': sarifFile,
      'account-id': '111122223333',
      'not-assessed': '0',
    });
    const out = lines(step.stdout);
    // The fix a message ends with depends on how long ago a password was used: checked below.
    const annotations = out
      .filter((line) => line.startsWith('::error title='))
      .map((line) => line.replace(/ Fix: .*$/, ''));
    expect(annotations).toHaveLength(5);
    expect(annotations[0]).toBe(
      '::error title=aws-iam-001 RootAccountWithoutMfa (critical),file=examples/credential-report.csv,line=2::The root user in AWS account 111122223333 has no active MFA device.',
    );
    expect(annotations[1]).toBe(
      '::error title=aws-iam-002 ConsoleUserWithoutMfa (high),file=examples/credential-report.csv,line=4::IAM user bob in AWS account 111122223333 has a console password and no active MFA device.',
    );
    expect(out.at(-1)).toBe('::error::5 findings at high or above, 0 tolerated (max-findings).');
    expect(step.stderr).toBe('');
    // dave never used his password: removing it is the fix, with the command
    expect(out.find((line) => line.includes('IAM user dave '))).toMatch(
      / Fix: remove the console password, never used \(CIS: credentials unused for 45 days or more\)\.$/,
    );
  });

  it('writes the findings table to the job summary', () => {
    const step = runAction(dir(), {
      'credential-report': 'examples/credential-report.csv',
      'sarif-file': join(dir(), 'audit.sarif'),
    });
    const summary = lines(step.summary);
    expect(summary[0]).toBe('## ❌ IAM MFA audit: fail');
    expect(summary).toContain('| User | Severity | Last sign-in | To do |');
    const rows = summary.filter((line) => /^\| `[^`]+` \| (critical|high) \|/.test(line));
    expect(rows.map((row) => /^\| `([^`]+)`/.exec(row)?.[1])).toEqual([...EXAMPLE_USERS]);
    expect(summary).toContain('- **Open findings:** 1 critical · 4 high');
  });

  it('writes a SARIF file that is valid and readable by code scanning', () => {
    const sarifFile = join(dir(), 'nested', 'audit.sarif');
    runAction(dir(), {
      'credential-report': 'examples/credential-report.csv',
      'sarif-file': sarifFile,
    });
    const log = sarifAt(sarifFile);
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(emptyStringPaths(log)).toEqual([]);
    const sarifRun = onlyRun(log);
    expect(sarifRun.results.map((r) => r.locations?.[0]?.logicalLocations?.[0]?.name)).toEqual([
      ...EXAMPLE_USERS,
    ]);
    expect(
      sarifRun.results.map((r) => r.locations?.[0]?.physicalLocation?.artifactLocation?.uri),
    ).toEqual(Array<string>(5).fill('examples/credential-report.csv'));
  });

  it('anchors alerts at the step that uses the action in the running workflow', async () => {
    const workspace = join(dir(), 'workspace');
    await mkdir(join(workspace, '.github', 'workflows'), { recursive: true });
    await copyFile(exampleReport, join(workspace, 'iam.csv'));
    await writeFile(
      join(workspace, '.github', 'workflows', 'audit.yml'),
      [
        'name: audit',
        'on: push',
        'jobs:',
        '  audit:',
        '    runs-on: ubuntu-latest',
        '    permissions: { security-events: write }',
        '    steps:',
        '      - uses: actions/checkout@v5',
        '      - uses: acme/iam-mfa-audit@v1',
        '        with: { credential-report: iam.csv }',
        '',
      ].join('\n'),
    );
    const sarifFile = join(dir(), 'audit.sarif');
    const step = runAction(
      dir(),
      { 'credential-report': join(workspace, 'iam.csv'), 'sarif-file': sarifFile },
      {
        GITHUB_WORKSPACE: workspace,
        GITHUB_WORKFLOW_REF: 'acme/infra/.github/workflows/audit.yml@refs/heads/main',
        // what the runner sets for a step without an id that uses a published action
        GITHUB_JOB: 'audit',
        GITHUB_ACTION: '__acme_iam-mfa-audit',
        GITHUB_ACTION_REPOSITORY: 'acme/iam-mfa-audit',
        GITHUB_ACTION_REF: 'v1',
      },
    );
    const annotations = lines(step.stdout).filter((line) => line.startsWith('::error title='));
    expect(annotations.map((line) => /,file=([^,]+),line=(\d+)::/.exec(line)?.slice(1))).toEqual(
      Array.from({ length: 5 }, () => ['.github/workflows/audit.yml', '9']),
    );
    const sarifRun = onlyRun(sarifAt(sarifFile));
    expect(
      sarifRun.results.map((r) => [
        r.locations?.[0]?.physicalLocation?.artifactLocation?.uri,
        r.locations?.[0]?.physicalLocation?.region?.startLine,
      ]),
    ).toEqual(Array.from({ length: 5 }, () => ['.github/workflows/audit.yml', 9]));
  });

  it('passes with fail-on none', () => {
    const step = runAction(dir(), {
      'credential-report': exampleReport,
      'fail-on': 'none',
      'sarif-file': join(dir(), 'audit.sarif'),
    });
    expect(step.status).toBe(0);
    expect(step.outputs).toMatchObject({ findings: '5', 'failing-findings': '0', result: 'pass' });
    expect(lines(step.stdout).filter((line) => line.startsWith('::error::'))).toEqual([]);
  });

  it('passes with max-findings 5', () => {
    const step = runAction(dir(), {
      'credential-report': exampleReport,
      'max-findings': '5',
      'sarif-file': join(dir(), 'audit.sarif'),
    });
    expect(step.status).toBe(0);
    expect(step.outputs).toMatchObject({ findings: '5', 'failing-findings': '5', result: 'pass' });
  });

  it('counts only critical findings with fail-on CRITICAL', () => {
    const step = runAction(dir(), {
      'credential-report': exampleReport,
      'fail-on': 'CRITICAL',
      'max-findings': '1',
      'sarif-file': join(dir(), 'audit.sarif'),
    });
    expect(step.status).toBe(0);
    expect(step.outputs).toMatchObject({ 'failing-findings': '1', result: 'pass' });
  });

  it('stops on a bad input with one error line, no SARIF file and no stack trace', () => {
    const sarifFile = join(dir(), 'audit.sarif');
    const step = runAction(dir(), {
      'credential-report': exampleReport,
      'fail-on': 'urgent',
      'sarif-file': sarifFile,
    });
    expect(step.status).not.toBe(0);
    expect(lines(step.stdout).filter((line) => line.includes('::error'))).toEqual([
      '::error::input fail-on: "urgent" is not accepted; use one of critical, high, medium, low, none.',
    ]);
    expect(existsSync(sarifFile)).toBe(false);
    expect(`${step.stdout}${step.stderr}`).not.toContain('    at ');
    expect(step.outputs).toEqual({ result: 'error' });
  });

  it('stops on a malformed report with one line naming the file and line', async () => {
    const report = join(dir(), 'broken.csv');
    const sarifFile = join(dir(), 'audit.sarif');
    await writeFile(
      report,
      reportCsv([aRow({ user: 'alice' }), aRow({ user: 'bob', mfa_active: 'maybe' })]),
    );
    const step = runAction(dir(), { 'credential-report': report, 'sarif-file': sarifFile });
    expect(step.status).not.toBe(0);
    expect(lines(step.stdout).filter((line) => line.includes('::error'))).toEqual([
      `::error::${report}: line 3: column mfa_active: "maybe" is not accepted; use true or false`,
    ]);
    expect(existsSync(sarifFile)).toBe(false);
    expect(`${step.stdout}${step.stderr}`).not.toContain('    at ');
  });

  it('stops on a missing report file with one line naming it', () => {
    const report = join(dir(), 'missing.csv');
    const step = runAction(dir(), {
      'credential-report': report,
      'sarif-file': join(dir(), 'audit.sarif'),
    });
    expect(step.status).not.toBe(0);
    expect(lines(step.stdout).filter((line) => line.includes('::error'))).toEqual([
      `::error::credential-report "${report}": cannot read the file (no such file); give the path of an IAM credential report CSV.`,
    ]);
  });
});

describe('parseGithubOutput', () => {
  it('reads heredoc values, multi-line ones included, and name=value lines', () => {
    const text = 'a<<EOF_1\n5\nEOF_1\nb<<X\nline 1\nline 2\nX\nc=plain\n';
    expect(parseGithubOutput(text)).toEqual({ a: '5', b: 'line 1\nline 2', c: 'plain' });
  });

  it('rejects a heredoc that never closes', () => {
    expect(() => parseGithubOutput('a<<EOF\n5\n')).toThrow('output a: delimiter EOF never closes');
  });
});
