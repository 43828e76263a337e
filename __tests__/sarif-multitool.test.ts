/**
 * The SARIF the audit writes, checked beyond the schema by Microsoft's SARIF Multitool with
 * the rule sets of the SARIF specification and of GitHub's ingestion (`Sarif;Gh;Ghas`).
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Result } from 'sarif';
import { describe, expect, it } from 'vitest';
import { renderSarif } from '../src/render/sarif.js';
import { RULES } from '../src/rules/catalog.js';
import { evaluate } from '../src/rules/evaluate.js';
import { HOMEPAGE, RULES_URI, TOOL_NAME, VERSION } from '../src/version.js';
import { ACCOUNT, aRoot, aSnapshot, aUser, exampleReport, useTempDir } from './fixtures.js';
import { accountsOf } from './fixtures.js';
import { runAction, runCli, sarifAt } from './runner.js';
import { onlyRun, parseSarif } from './sarif-validation.js';

/** The platform's Multitool binary, as the npm package resolves it. */
const multitool = createRequire(import.meta.url)('@microsoft/sarif-multitool') as string;

interface Complaint {
  readonly level: string;
  readonly rule: string;
  readonly text: string;
}

/**
 * Every error and warning the Multitool reports on a file. Its exit code is 0 even with
 * warnings, so its own SARIF output is read; a run that did not complete is a failure.
 */
async function complaints(sarifFile: string): Promise<Complaint[]> {
  const report = `${sarifFile}.validation.sarif`;
  const { stdout } = await promisify(execFile)(
    multitool,
    [
      'validate',
      '--rule-kind',
      'Sarif;Gh;Ghas',
      '--log',
      'ForceOverwrite',
      '-o',
      report,
      sarifFile,
    ],
    { timeout: 60_000 },
  );
  if (!stdout.includes('Analysis completed successfully')) {
    throw new Error(`the SARIF Multitool did not complete:\n${stdout}`);
  }
  const [run] = parseSarif(await readFile(report, 'utf8')).runs;
  const rules = run?.tool.driver.rules ?? [];
  // A result without a level takes its rule's default, and SARIF's default level is warning.
  const levelOf = (r: Result): string =>
    r.level ?? rules[r.ruleIndex ?? -1]?.defaultConfiguration?.level ?? 'warning';
  return (run?.results ?? [])
    .filter((r) => levelOf(r) === 'error' || levelOf(r) === 'warning')
    .map((r) => ({
      level: levelOf(r),
      rule: r.ruleId ?? '',
      text: [r.message.id ?? r.message.text ?? '', ...(r.message.arguments ?? [])].join(' '),
    }));
}

/** A workspace holding a workflow whose step `audit` uses the action from the repository. */
async function workspaceWithWorkflow(dir: string): Promise<string> {
  const workspace = join(dir, 'workspace');
  await mkdir(join(workspace, '.github', 'workflows'), { recursive: true });
  await writeFile(
    join(workspace, '.github', 'workflows', 'audit.yml'),
    [
      'on: push',
      'jobs:',
      '  audit:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@v5',
      '      - id: audit',
      '        uses: ./',
      '',
    ].join('\n'),
  );
  return workspace;
}

describe('the SARIF Multitool (rule kinds Sarif, Gh, Ghas) finds no error and no warning', () => {
  const dir = useTempDir();

  it('in a workflow: versionControlProvenance, alerts at the step (dist/index.js)', async () => {
    const workspace = await workspaceWithWorkflow(dir());
    const sarifFile = join(dir(), 'workflow.sarif');
    const step = runAction(
      dir(),
      { 'credential-report': exampleReport, 'sarif-file': sarifFile, 'fail-on': 'none' },
      {
        GITHUB_WORKSPACE: workspace,
        GITHUB_WORKFLOW_REF: 'acme/infra/.github/workflows/audit.yml@refs/heads/main',
        GITHUB_JOB: 'audit',
        GITHUB_ACTION: 'audit',
        GITHUB_ACTION_PATH: workspace,
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_REPOSITORY: 'acme/infra',
        GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
        GITHUB_REF: 'refs/heads/main',
      },
    );
    expect(step.status).toBe(0);
    const run = onlyRun(sarifAt(sarifFile));
    expect(run.versionControlProvenance).toEqual([
      {
        repositoryUri: 'https://github.com/acme/infra',
        revisionId: '0123456789abcdef0123456789abcdef01234567',
        branch: 'main',
        mappedTo: { uriBaseId: 'SRCROOT' },
      },
    ]);
    expect(run.results[0]?.locations?.[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: '.github/workflows/audit.yml', uriBaseId: 'SRCROOT' },
      region: { startLine: 8 },
    });
    expect(await complaints(sarifFile)).toEqual([]);
  });

  it('outside a workflow, on a report in the repository (dist/cli.js)', async () => {
    const sarifFile = join(dir(), 'cli.sarif');
    expect(
      runCli(process.execPath, ['--credential-report', exampleReport, '--sarif-file', sarifFile])
        .status,
    ).toBe(1);
    const run = onlyRun(sarifAt(sarifFile));
    expect(run.tool.driver.informationUri).toBe(HOMEPAGE);
    expect(run.tool.driver.rules.map((r) => r.helpUri)).toEqual([RULES_URI, RULES_URI]);
    expect(await complaints(sarifFile)).toEqual([]);
  });

  it('with principals not assessed and no findings', async () => {
    const sarifFile = join(dir(), 'incomplete.sarif');
    const snapshot = aSnapshot({
      principals: [aRoot({ mfaActive: true }), aUser({ mfaActive: true })],
      notAssessed: [
        {
          subject: 'principal',
          arn: `arn:aws:iam::${ACCOUNT}:user/carol`,
          name: 'carol',
          action: 'iam:ListMFADevices',
          reason: 'iam:ListMFADevices was denied (AccessDenied) after 1 attempt (max-attempts)',
        },
      ],
    });
    const log = renderSarif({
      accounts: accountsOf([snapshot], evaluate(snapshot, RULES)),
      definitions: new Map(),
      findings: evaluate(snapshot, RULES),
      rules: RULES,
      anchor: { uri: '.github/workflows/audit.yml', line: 12, inRepository: true },
      provenance: {
        repositoryUri: 'https://github.com/acme/infra',
        revisionId: '0123456789abcdef0123456789abcdef01234567',
        branch: null,
      },
      tool: { name: TOOL_NAME, version: VERSION, informationUri: HOMEPAGE, rulesUri: RULES_URI },
      startedAt: new Date('2026-11-28T10:00:00Z'),
      finishedAt: new Date('2026-11-28T10:00:03Z'),
    });
    expect(onlyRun(log).results).toEqual([]);
    await writeFile(sarifFile, JSON.stringify(log));
    expect(await complaints(sarifFile)).toEqual([]);
  });

  it('reports what it finds: a log without informationUri gets a warning', async () => {
    const sarifFile = join(dir(), 'bare.sarif');
    runCli(process.execPath, ['--credential-report', exampleReport, '--sarif-file', sarifFile]);
    const log = sarifAt(sarifFile);
    const [run] = log.runs;
    if (run) delete run.tool.driver.informationUri;
    await writeFile(sarifFile, JSON.stringify(log));
    expect(await complaints(sarifFile)).toEqual([
      expect.objectContaining({ level: 'warning', rule: 'SARIF2005' }),
    ]);
  });
});
