/**
 * dist/index.js as the runner starts it, when things go wrong: a run that stops before its
 * verdict still reports, contradicting inputs are named, and alerts find the step whatever
 * its `uses:` reference. Each case reads the real summary, outputs and SARIF files.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aRootRow, aRow, exampleReport, reportCsv, useTempDir } from './fixtures.js';
import { runAction, sarifAt } from './runner.js';
import { onlyRun } from './sarif-validation.js';

const lines = (text: string): string[] => text.split('\n').filter((line) => line !== '');
const errorLines = (stdout: string): string[] =>
  lines(stdout).filter((line) => line.startsWith('::error'));

describe('a run that stops before its verdict still reports', () => {
  const dir = useTempDir();

  /** A SARIF file as an earlier, successful run of the action leaves it. */
  function earlierRun(sarifFile: string): void {
    const step = runAction(dir(), {
      'credential-report': exampleReport,
      'sarif-file': sarifFile,
      'fail-on': 'none',
    });
    expect(step.status).toBe(0);
    expect(onlyRun(sarifAt(sarifFile)).results).toHaveLength(5);
  }

  it('on a bad input: result error, the reason and what to do in the summary, the stale SARIF removed', () => {
    const sarifFile = join(dir(), 'audit.sarif');
    earlierRun(sarifFile);

    const step = runAction(dir(), {
      'credential-report': exampleReport,
      'sarif-file': sarifFile,
      'max-findings': 'lots',
    });
    expect(step.status).toBe(1);
    const reason =
      'input max-findings: "lots" is not accepted; use a whole number from 0 to 1000000.';
    expect(errorLines(step.stdout)).toEqual([`::error::${reason}`]);
    expect(step.outputs).toEqual({ result: 'error' });
    expect(existsSync(sarifFile)).toBe(false);
    expect(lines(step.summary)).toEqual([
      '## ⛔ IAM MFA audit: error',
      `The audit did not finish: ${reason}`,
      "**What to do:** Correct the input named in the reason; the README's table of inputs lists the accepted values.",
      `No SARIF file was written, and the one an earlier run left at \`${sarifFile}\` was removed, so an upload step cannot publish stale results.`,
    ]);
  });

  it("on an unreadable report: the file named, and a file of the user's at sarif-file left alone", async () => {
    const sarifFile = join(dir(), 'notes.txt');
    await writeFile(sarifFile, 'my own notes, not a SARIF log\n');
    const report = join(dir(), 'missing.csv');

    const step = runAction(dir(), { 'credential-report': report, 'sarif-file': sarifFile });
    expect(step.status).toBe(1);
    expect(errorLines(step.stdout)).toEqual([
      `::error::sarif-file "${sarifFile}": is a file that is not a SARIF log, which it would overwrite; give the path of a regular file to write the SARIF log to.`,
    ]);
    expect(step.outputs).toEqual({ result: 'error' });
    expect(await readFile(sarifFile, 'utf8')).toBe('my own notes, not a SARIF log\n');
    expect(lines(step.summary).at(-1)).toBe('No SARIF file was written.');

    const missing = runAction(dir(), {
      'credential-report': report,
      'sarif-file': join(dir(), 'new.sarif'),
    });
    expect(errorLines(missing.stdout)).toEqual([
      `::error::credential-report "${report}": cannot read the file (no such file); give the path of an IAM credential report CSV.`,
    ]);
    expect(missing.summary).toContain(
      '**What to do:** Check the path: no file is there. A relative path is read from the workspace',
    );
    expect(missing.summary).not.toContain('base64');
  });

  it.each([
    [
      { 'role-to-assume': 'arn:aws:iam::111122223333:role/audit' },
      'input credential-report and input role-to-assume contradict each other: a report file is audited without calling AWS, so no role is assumed; set only one of them.',
    ],
  ])('names both of two inputs that contradict each other', (extra, reason) => {
    const sarifFile = join(dir(), 'audit.sarif');
    const step = runAction(dir(), {
      'credential-report': exampleReport,
      'sarif-file': sarifFile,
      ...extra,
    });
    expect(step.status).toBe(1);
    expect(errorLines(step.stdout)).toEqual([`::error::${reason}`]);
    expect(step.outputs).toEqual({ result: 'error' });
    expect(existsSync(sarifFile)).toBe(false);
  });

  it('a job summary that cannot be written is a warning; the verdict, outputs and SARIF stand', () => {
    const sarifFile = join(dir(), 'audit.sarif');
    const step = runAction(
      dir(),
      { 'credential-report': exampleReport, 'sarif-file': sarifFile },
      { GITHUB_STEP_SUMMARY: join(dir(), 'no-such-folder', 'summary.md') },
    );
    expect(step.status).toBe(1);
    expect(lines(step.stdout).filter((line) => line.startsWith('::warning::'))).toEqual([
      expect.stringMatching(
        /^::warning::The job summary could not be written \(Unable to access summary file: .*no-such-folder.*\); the verdict stands\.$/,
      ),
    ]);
    expect(lines(step.stdout).at(-1)).toBe(
      '::error::5 findings at high or above, 0 tolerated (max-findings).',
    );
    expect(step.outputs).toMatchObject({ result: 'fail', findings: '5' });
    expect(onlyRun(sarifAt(sarifFile)).results).toHaveLength(5);
  });

  it('an unexpected error is an internal error, with its stack in the debug log, not an AWS problem', async () => {
    const sarifFile = join(dir(), 'audit.sarif');
    // A step output file the runner cannot have meant: a folder.
    const outputs = join(dir(), 'outputs-folder');
    await mkdir(outputs);
    const step = runAction(
      dir(),
      { 'credential-report': exampleReport, 'sarif-file': sarifFile },
      { GITHUB_OUTPUT: outputs },
    );
    expect(step.status).toBe(1);
    const [failure, ...others] = errorLines(step.stdout);
    expect(others).toEqual([]);
    expect(failure).toMatch(/^::error::internal error: .*EISDIR/);
    expect(failure).not.toMatch(/denied|AWS|credentials/);
    expect(lines(step.stdout).filter((line) => line.startsWith('::debug::'))).toEqual([
      expect.stringMatching(/^::debug::Error: EISDIR.*%0A {4}at /),
    ]);
    expect(step.summary).toContain('## ⛔ IAM MFA audit: error');
    expect(step.summary).toContain(
      'report it at https://github.com/iam-mfa-audit/iam-mfa-audit/issues',
    );
    // the SARIF this run wrote before it failed is not left for an upload step
    expect(existsSync(sarifFile)).toBe(false);
  });
});

describe('alerts anchor on the step that runs the action', () => {
  const dir = useTempDir();

  /** Runs the action on the example report inside a workspace holding `workflow`. */
  async function anchoredLine(
    workflow: readonly string[] | null,
    env: Readonly<Record<string, string>>,
  ): Promise<{ line: number | undefined; uri: string | undefined; log: string[] }> {
    const workspace = join(dir(), 'workspace');
    const path = join(workspace, '.github', 'workflows', 'audit.yml');
    await mkdir(dirname(path), { recursive: true });
    if (workflow !== null) await writeFile(path, `${workflow.join('\n')}\n`);
    const sarifFile = join(dir(), 'audit.sarif');
    const step = runAction(
      dir(),
      { 'credential-report': exampleReport, 'sarif-file': sarifFile, 'fail-on': 'none' },
      {
        GITHUB_WORKSPACE: workspace,
        GITHUB_WORKFLOW_REF: 'acme/infra/.github/workflows/audit.yml@refs/heads/main',
        ...env,
      },
    );
    expect(step.status).toBe(0);
    const location = onlyRun(sarifAt(sarifFile)).results[0]?.locations?.[0]?.physicalLocation;
    return {
      line: location?.region?.startLine,
      uri: location?.artifactLocation?.uri,
      log: lines(step.stdout).filter((line) => !line.startsWith('::')),
    };
  }

  const TWO_JOBS = [
    'on: push',
    'jobs:',
    '  lint:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v5',
    '      - uses: ./tools/iam-audit',
    '  audit:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v5',
    '      - uses: ./tools/other-action',
    '      - name: IAM MFA audit',
    '        uses: ./tools/iam-audit',
    '      - id: again',
    '        uses: Acme/IAM-MFA-Audit/sub/path@v1',
  ];

  it.each([
    [
      'uses: ./ without an id',
      [
        'on: push',
        'jobs:',
        '  a:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: true',
        '      - uses: ./',
      ],
      { GITHUB_JOB: 'a', GITHUB_ACTION: '__self', GITHUB_ACTION_PATH: '.' },
      7,
    ],
    [
      'a local path, in the job that runs, not another local action',
      TWO_JOBS,
      { GITHUB_JOB: 'audit', GITHUB_ACTION: '__self', GITHUB_ACTION_PATH: 'tools/iam-audit' },
      14,
    ],
    [
      'owner/repo/path@ref, matched without regard to case',
      TWO_JOBS,
      {
        GITHUB_JOB: 'audit',
        GITHUB_ACTION: '__acme_iam-mfa-audit',
        GITHUB_ACTION_REPOSITORY: 'acme/iam-mfa-audit',
        GITHUB_ACTION_REF: 'v1',
      },
      16,
    ],
    [
      'the step id, first of all',
      TWO_JOBS,
      { GITHUB_JOB: 'audit', GITHUB_ACTION: 'again', GITHUB_ACTION_PATH: 'tools/iam-audit' },
      16,
    ],
  ] as const)('%s', async (_case, workflow, env, line) => {
    const workspace = join(dir(), 'workspace');
    const withPath =
      'GITHUB_ACTION_PATH' in env
        ? { GITHUB_ACTION_PATH: join(workspace, env.GITHUB_ACTION_PATH) }
        : {};
    const anchored = await anchoredLine(workflow, { ...env, ...withPath });
    expect(anchored).toMatchObject({ uri: '.github/workflows/audit.yml', line });
    expect(anchored.log.filter((l) => l.startsWith('Alerts point'))).toEqual([]);
  });

  it('says so in the log when the workflow file cannot be read', async () => {
    const anchored = await anchoredLine(null, { GITHUB_JOB: 'audit', GITHUB_ACTION: 'audit' });
    expect(anchored).toMatchObject({ uri: '.github/workflows/audit.yml', line: 1 });
    expect(anchored.log).toContain(
      'Alerts point at line 1 of .github/workflows/audit.yml: the workflow file could not be read from the workspace (ENOENT); check out the repository before this step to anchor them on the step.',
    );
  });

  it('says nothing of where alerts point on a run that makes none', () => {
    const workspace = join(dir(), 'workspace');
    const step = runAction(
      dir(),
      { 'credential-report': join(dir(), 'missing.csv'), 'sarif-file': join(dir(), 'a.sarif') },
      {
        GITHUB_WORKSPACE: workspace,
        GITHUB_WORKFLOW_REF: 'acme/infra/.github/workflows/audit.yml@refs/heads/main',
        GITHUB_JOB: 'audit',
        GITHUB_ACTION: 'audit',
      },
    );
    expect(step.status).toBe(1);
    expect(step.stdout).not.toContain('Alerts point');
  });

  it('says so in the log when no step of the job runs the action', async () => {
    const anchored = await anchoredLine(TWO_JOBS, {
      GITHUB_JOB: 'lint',
      GITHUB_ACTION: '__acme_iam-mfa-audit',
      GITHUB_ACTION_REPOSITORY: 'acme/iam-mfa-audit',
    });
    expect(anchored.line).toBe(1);
    expect(anchored.log).toContain(
      'Alerts point at line 1 of .github/workflows/audit.yml: no step of job lint in it runs this action (step __acme_iam-mfa-audit).',
    );
  });
});

describe('an AWS GovCloud report (aws-us-gov)', () => {
  const dir = useTempDir();
  const GOV = '123456789012';
  const govRow = (user: string, mfa: string) =>
    `${user},arn:aws-us-gov:iam::${GOV}:user/${user},2021-01-20T16:30:00+00:00,true,no_information,N/A,N/A,${mfa},false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`;

  it('has no root finding, says why in the summary, and writes GovCloud ARNs in the help', async () => {
    const lines = (await readFile(exampleReport, 'utf8')).split('\n');
    const report = join(dir(), 'gov.csv');
    await writeFile(
      report,
      [
        lines[0],
        `<root_account>,arn:aws-us-gov:iam::${GOV}:root,2019-03-04T09:15:00+00:00,not_supported,N/A,not_supported,not_supported,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
        govRow('alice', 'true'),
        govRow('bob', 'false'),
        '',
      ].join('\n'),
    );
    const sarifFile = join(dir(), 'gov.sarif');
    const step = runAction(dir(), { 'credential-report': report, 'sarif-file': sarifFile });
    expect(step.status).toBe(1);
    expect(step.outputs).toMatchObject({
      findings: '1',
      'max-severity': 'high',
      'not-assessed': '0',
    });
    const run = onlyRun(sarifAt(sarifFile));
    expect(
      run.results.map((r) => [r.ruleId, r.locations?.[0]?.logicalLocations?.[0]?.name]),
    ).toEqual([['aws-iam-002', 'bob']]);
    expect(run.properties?.notApplicable).toEqual([
      {
        ruleId: 'aws-iam-001',
        reason:
          'CIS AWS Foundations v6.0.0 2.4: "IAM User account root for us-gov cloud regions does not have console access. This recommendation is not applicable for us-gov cloud regions."',
      },
    ]);
    const help = run.tool.driver.rules.map((r) => r.help?.text ?? '').join('\n');
    expect(help).toContain(`arn:aws-us-gov:iam::ACCOUNT_ID:mfa/USER`);
    expect(help).not.toContain('arn:aws:');
    expect(step.summary).toContain(
      '- **aws-iam-001 does not apply in aws-us-gov:** CIS AWS Foundations v6.0.0 2.4',
    );
  });

  it('needs no root row there: root is not audited, so nothing is left unassessed', async () => {
    const lines = (await readFile(exampleReport, 'utf8')).split('\n');
    const report = join(dir(), 'gov-no-root.csv');
    await writeFile(report, [lines[0], govRow('alice', 'true'), ''].join('\n'));
    const step = runAction(dir(), {
      'credential-report': report,
      'sarif-file': join(dir(), 'a.sarif'),
    });
    expect(step.status).toBe(0);
    expect(step.outputs).toMatchObject({ result: 'pass', 'not-assessed': '0' });
  });
});

describe('the grace period for new users (grace-period-hours)', () => {
  const dir = useTempDir();

  it('reports a user created hours ago as low, in grace, and does not fail the step on it', async () => {
    const created = new Date(Date.now() - 2 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const report = join(dir(), 'new-user.csv');
    await writeFile(
      report,
      reportCsv([
        aRootRow({ mfa_active: 'true' }),
        aRow({ user: 'newbie', user_creation_time: created }),
        aRow({ user: 'old-hand' }),
      ]),
    );
    const sarifFile = join(dir(), 'grace.sarif');
    const step = runAction(dir(), {
      'credential-report': report,
      'sarif-file': sarifFile,
      'grace-period-hours': '24',
      'max-findings': '1',
    });
    const until = new Date(Date.parse(created) + 24 * 3_600_000)
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
    expect(step.status).toBe(0);
    expect(step.outputs).toMatchObject({ findings: '2', 'failing-findings': '1', result: 'pass' });
    const results = onlyRun(sarifAt(sarifFile)).results;
    const newbie = results.find((r) => r.locations?.[0]?.logicalLocations?.[0]?.name === 'newbie');
    expect(newbie?.level).toBe('note');
    expect(newbie?.properties).toMatchObject({
      severity: 'low',
      status: 'grace',
      graceUntil: until,
    });
    expect(newbie?.message.text?.replace(/ Fix: .*$/, '')).toBe(
      `IAM user newbie in AWS account 111122223333 has a console password and no active MFA device. It is in the grace period for new users until ${until} (grace-period-hours), so it is reported as low until then.`,
    );
    expect(newbie?.properties).toMatchObject({ fix: 'enroll-mfa' });
    expect(
      results.find((r) => r.locations?.[0]?.logicalLocations?.[0]?.name === 'old-hand')?.properties,
    ).toMatchObject({ severity: 'high', status: 'open' });
    expect(step.summary).toMatch(/^\| `newbie` \| low \(grace\) \| [^|]+ \| add MFA \|$/m);
    expect(step.summary).toContain(`; grace period until ${until}\n`);
  });
});

describe('require-phishing-resistant-mfa with a report file', () => {
  const dir = useTempDir();

  it('is an error that says the report has no device kinds', () => {
    const step = runAction(dir(), {
      'credential-report': exampleReport,
      'sarif-file': join(dir(), 'a.sarif'),
      'require-phishing-resistant-mfa': 'true',
    });
    expect(step.status).toBe(1);
    expect(errorLines(step.stdout)).toEqual([
      '::error::input require-phishing-resistant-mfa true needs the live audit: a credential report does not say which kind of MFA device a user has; leave input credential-report empty or set it to false.',
    ]);
    expect(step.outputs).toEqual({ result: 'error' });
  });
});
