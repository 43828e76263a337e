/**
 * What code scanning knows of earlier runs, read from a local server that answers as
 * GitHub's API does, through dist/index.js as the runner runs it; and the CLI's --baseline.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Result } from 'sarif';
import { describe, expect, it } from 'vitest';
import { readFileAtCommit } from '../src/github/base-file.js';
import { readCodeScanningHistory } from '../src/github/history.js';
import { aRootRow, aRow, exampleReport, reportCsv, useTempDir } from './fixtures.js';
import { node24, runActionAsync, runCli, sarifAt } from './runner.js';
import { onlyRun } from './sarif-validation.js';
import { startCodeScanningApi, type CodeScanningState } from './support/code-scanning-api.js';

const ACCOUNT = '111122223333';
const CATEGORY = `iam-mfa-audit/${ACCOUNT}/`;
const arnOf = (user: string): string =>
  user === 'root' ? `arn:aws:iam::${ACCOUNT}:root` : `arn:aws:iam::${ACCOUNT}:user/${user}`;
/** The fingerprint the audit gives a finding: rule, account and principal. */
const printOf = (rule: string, arn: string): string =>
  createHash('sha256').update(`${rule}\n${ACCOUNT}\n${arn}`).digest('hex');
const DAY = 86_400_000;
const daysAgo = (days: number): string => new Date(Date.now() - days * DAY).toISOString();

/**
 * The example report's account as code scanning saw it: root's alert open 12 days, bob's
 * dismissed as won't fix, dave's fixed (so dave is back), an alert of a user since deleted
 * still open; frank and the contractor have none. 150 alerts of another category make the
 * listing two pages.
 */
const STATE: CodeScanningState = {
  category: CATEGORY,
  alerts: [
    { number: 1, state: 'open', category: CATEGORY, createdAt: daysAgo(12) },
    {
      number: 2,
      state: 'dismissed',
      category: CATEGORY,
      createdAt: daysAgo(30),
      dismissal: {
        reason: "won't fix",
        comment: 'break-glass user, kept in the safe',
        by: 'octocat',
        at: '2026-11-20T10:00:00Z',
      },
    },
    { number: 3, state: 'fixed', category: CATEGORY, createdAt: daysAgo(40) },
    { number: 4, state: 'open', category: CATEGORY, createdAt: daysAgo(5) },
    ...Array.from({ length: 150 }, (_, i) => ({
      number: 100 + i,
      state: 'open' as const,
      category: 'iam-mfa-audit/444455556666/',
      createdAt: daysAgo(1),
    })),
  ],
  latest: [
    { fingerprint: printOf('aws-iam-001', arnOf('root')), alert: 1, arn: arnOf('root') },
    { fingerprint: printOf('aws-iam-002', arnOf('bob')), alert: 2, arn: arnOf('bob') },
    { fingerprint: printOf('aws-iam-002', arnOf('dave')), alert: 3, arn: arnOf('dave') },
    { fingerprint: printOf('aws-iam-002', arnOf('gone')), alert: 4, arn: arnOf('gone') },
  ],
};

const stateOf = (results: readonly Result[], user: string) =>
  results.find((r) => r.locations?.[0]?.logicalLocations?.[0]?.name === user);

// Each run has its own API and folder: the tests run at once.
describe.concurrent('the history code scanning keeps', () => {
  async function run(
    inputs: Record<string, string>,
    state: CodeScanningState = STATE,
    base: '' | '/api/v3' = '',
  ) {
    const api = await startCodeScanningApi(state, base);
    const dir = await mkdtemp(join(tmpdir(), 'iam-mfa-audit-history-'));
    try {
      const sarifFile = join(dir, 'audit.sarif');
      const step = await runActionAsync(
        dir,
        {
          'credential-report': exampleReport,
          'sarif-file': sarifFile,
          'github-token': 'ghs_localtesttoken',
          ...inputs,
        },
        {
          GITHUB_API_URL: api.url,
          GITHUB_REPOSITORY: 'acme/infra',
          GITHUB_SHA: '1'.repeat(40),
          GITHUB_REF: 'refs/heads/main',
        },
      );
      return { step, sarif: onlyRun(sarifAt(sarifFile)).results, requests: api.requests };
    } finally {
      await api.close();
      await rm(dir, { recursive: true, force: true });
    }
  }

  it('says what is new, still open, reopened and fixed, in the summary, the outputs and the SARIF', async () => {
    const { step, sarif, requests } = await run({});
    expect(step.outputs).toMatchObject({ 'new-findings': '3', 'fixed-findings': '1' });
    expect(step.summary).toContain(
      '- **Since the last run** (code scanning): 2 new, 1 reopened, 2 still open, 1 fixed',
    );
    expect(
      sarif.map((r) => [r.locations?.[0]?.logicalLocations?.[0]?.name, r.baselineState]),
    ).toEqual([
      ['root', 'unchanged'],
      ['bob', 'unchanged'],
      ['dave', 'updated'],
      ['frank', 'new'],
      ['ops+oncall=eu,team.lead@example-corp', 'new'],
    ]);
    // New and reopened first, each with its place in the history.
    const rows = step.summary.split('\n').filter((l) => /^\| `[^`]+` \| (critical|high)/.test(l));
    expect(rows.map((r) => r.split(' | ').slice(0, 2).join(' | '))).toEqual([
      '| `dave` | high, reopened',
      '| `frank` | high, new',
      '| `ops+oncall=eu,team.lead@example-corp` | high, new',
      '| `root` | critical, open 12 d',
      '| `bob` | high, open 30 d',
    ]);
    expect(step.summary).toContain(
      `- \`${arnOf('gone')}\` ([alert #4](https://github.com/acme/infra/security/code-scanning/4))`,
    );
    // Both pages of alerts, and the latest analysis of the category as SARIF.
    expect(requests.filter((r) => r.includes('/code-scanning/alerts'))).toHaveLength(2);
    expect(requests).toContain('/repos/acme/infra/code-scanning/analyses/902');
    // Without accept-dismissed-alerts, bob's dismissed alert accepts nothing.
    expect(stateOf(sarif, 'bob')?.suppressions).toBeUndefined();
    expect(step.outputs.result).toBe('fail');
  });

  it('accepts a finding whose alert is dismissed, with the dismissal, when asked to', async () => {
    const { step, sarif } = await run({ 'accept-dismissed-alerts': 'true' });
    expect(stateOf(sarif, 'bob')?.suppressions).toEqual([
      expect.objectContaining({
        kind: 'external',
        status: 'accepted',
        justification:
          "dismissed in code scanning as won't fix: break-glass user, kept in the safe",
      }),
    ]);
    expect(step.outputs).toMatchObject({ suppressed: '1', 'failing-findings': '4' });
    expect(step.summary).toContain(
      "| `bob` | aws-iam-002 | dismissed in code scanning as won't fix: break-glass user, kept in the safe (octocat) [alert #2](https://github.com/acme/infra/security/code-scanning/2) | never |",
    );
    // dave's alert was fixed and the finding is back: reopened, never accepted.
    expect(stateOf(sarif, 'dave')?.suppressions).toBeUndefined();
  });

  it('does not accept a finding whose dismissed alert was reopened', async () => {
    const reopened = STATE.alerts.map((a) =>
      a.number === 2
        ? { number: 2, state: 'open' as const, category: CATEGORY, createdAt: a.createdAt }
        : a,
    );
    const { step, sarif } = await run(
      { 'accept-dismissed-alerts': 'true' },
      { ...STATE, alerts: reopened },
    );
    expect(stateOf(sarif, 'bob')?.suppressions).toBeUndefined();
    expect(step.outputs).toMatchObject({ suppressed: '0', 'failing-findings': '5' });
  });

  it('with fail-on-scope new and code scanning never answering, counts every finding after its bound', async () => {
    const { step } = await run(
      { 'fail-on-scope': 'new', 'max-findings': '3' },
      { ...STATE, failure: 'silent' },
    );
    expect(step.outputs).toMatchObject({
      result: 'fail',
      'failing-findings': '5',
      'new-findings': '',
    });
    expect(step.summary).toContain(
      '- **Since the last run:** not known (code scanning of acme/infra: no complete answer within 10 s); every finding is shown as it is now.',
    );
  });

  it('with fail-on-scope new, counts only what is new or reopened', async () => {
    const tolerated = await run({ 'fail-on-scope': 'new', 'max-findings': '3' });
    expect(tolerated.step.status).toBe(0);
    expect(tolerated.step.outputs).toMatchObject({ result: 'pass', 'failing-findings': '3' });
    expect(tolerated.step.summary).toContain(
      '3 new findings at high or above, 3 tolerated (max-findings).',
    );
    const strict = await run({ 'fail-on-scope': 'new', 'max-findings': '2' });
    expect(strict.step.status).toBe(1);
    // The same account with every finding counted fails at 3 too: old debt is what changed.
    const all = await run({ 'max-findings': '3' });
    expect(all.step.outputs).toMatchObject({ result: 'fail', 'failing-findings': '5' });
  });

  it.each([
    [
      403,
      'HTTP 403 (Resource not accessible by integration); the token needs security-events: read',
    ],
    [404, 'HTTP 404 (no analysis found); code scanning may be off for the repository'],
  ] as const)(
    'with fail-on-scope new and code scanning answering %i, counts every finding and says why',
    async (failure, why) => {
      const { step, sarif } = await run(
        { 'fail-on-scope': 'new', 'max-findings': '3' },
        { ...STATE, failure },
      );
      expect(step.status).toBe(1);
      expect(step.outputs).toMatchObject({
        result: 'fail',
        'failing-findings': '5',
        'new-findings': '',
        'fixed-findings': '',
      });
      expect(step.summary).toContain(
        `- **Since the last run:** not known (code scanning of acme/infra: ${why.replace(/[()]/g, '$&')}); every finding is shown as it is now.`,
      );
      expect(step.summary).toContain(
        '5 findings at high or above, 3 tolerated (max-findings); fail-on-scope is new, but no earlier run could be read, so every finding counts.',
      );
      expect(sarif.every((r) => r.baselineState === undefined)).toBe(true);
    },
  );

  it('reads GitHub Enterprise Server under /api/v3', async () => {
    const { step, requests } = await run({}, STATE, '/api/v3');
    expect(step.outputs).toMatchObject({ 'new-findings': '3', 'fixed-findings': '1' });
    expect(requests.every((r) => r.startsWith('/api/v3/repos/acme/infra'))).toBe(true);
  });
});

describe('reading code scanning, bounded', () => {
  const target = (url: string) => ({
    apiUrl: url,
    owner: 'acme',
    repo: 'infra',
    commitSha: '1'.repeat(40),
    ref: 'refs/heads/main',
  });

  it('reads every page of alerts and the latest analysis, in process', async () => {
    const api = await startCodeScanningApi({ ...STATE, contents: { 'a.yml@base': 'x: 1\n' } });
    try {
      const history = await readCodeScanningHistory(
        target(api.url),
        'ghs_localtesttoken',
        CATEGORY,
        () => new Date(),
      );
      if (history.kind !== 'read') throw new Error(JSON.stringify(history));
      expect(history.alerts.map((a) => a.number)).toEqual([1, 2, 3, 4]);
      expect(history.alertOf.size).toBe(4);
      expect(
        await readFileAtCommit(target(api.url), 'ghs_localtesttoken', 'a.yml', 'base'),
      ).toEqual({
        kind: 'text',
        text: 'x: 1\n',
      });
      expect(
        await readFileAtCommit(target(api.url), 'ghs_localtesttoken', 'b.yml', 'base'),
      ).toEqual({
        kind: 'missing',
      });
    } finally {
      await api.close();
    }
  });

  it('stops at its total deadline on the clock it is given, as history not read', async () => {
    const api = await startCodeScanningApi(STATE);
    try {
      let clock = Date.parse('2026-12-06T12:00:00Z');
      const history = await readCodeScanningHistory(
        {
          apiUrl: api.url,
          owner: 'acme',
          repo: 'infra',
          commitSha: '1'.repeat(40),
          ref: 'refs/heads/main',
        },
        'ghs_localtesttoken',
        CATEGORY,
        () => new Date((clock += 11_000)),
      );
      expect(history).toEqual({
        kind: 'unreadable',
        reason: 'code scanning of acme/infra: reading it took longer than 30 s',
      });
    } finally {
      await api.close();
    }
  });
});

describe('dist/cli.js --baseline', () => {
  const dir = useTempDir();

  it('sets a run against an earlier SARIF log: new, still open, fixed', async () => {
    const yesterday = join(dir(), 'yesterday.csv');
    const today = join(dir(), 'today.csv');
    await writeFile(
      yesterday,
      reportCsv([aRootRow({ mfa_active: 'true' }), aRow({ user: 'ann' }), aRow({ user: 'ben' })]),
    );
    await writeFile(
      today,
      reportCsv([aRootRow({ mfa_active: 'true' }), aRow({ user: 'ben' }), aRow({ user: 'cy' })]),
    );
    const baseline = join(dir(), 'yesterday.sarif');
    expect(
      runCli(node24, ['--credential-report', yesterday, '--sarif-file', baseline]).status,
    ).toBe(1);

    const sarifFile = join(dir(), 'today.sarif');
    const exit = runCli(node24, [
      '--credential-report',
      today,
      '--baseline',
      baseline,
      '--sarif-file',
      sarifFile,
      '--fail-on-scope',
      'new',
      '--format',
      'markdown',
    ]);
    expect(exit.status).toBe(1);
    const results = onlyRun(sarifAt(sarifFile)).results;
    expect(
      results.map((r) => [r.locations?.[0]?.logicalLocations?.[0]?.name, r.baselineState]),
    ).toEqual([
      ['ben', 'unchanged'],
      ['cy', 'new'],
    ]);
    expect(exit.stdout).toContain(
      `- **Since the last run** (the baseline ${baseline}): 1 new, 0 reopened, 1 still open, 1 fixed`,
    );
    expect(exit.stdout).toContain(`- \`${arnOf('ann')}\``);
    expect(exit.stdout).toContain('1 new finding at high or above, 0 tolerated (max-findings).');

    const tolerated = runCli(node24, [
      '--credential-report',
      today,
      '--baseline',
      baseline,
      '--fail-on-scope',
      'new',
      '--max-findings',
      '1',
    ]);
    expect(tolerated.status).toBe(0);
  });

  it('refuses a baseline that is not a SARIF log of this tool, in one line, before any audit', async () => {
    const other = join(dir(), 'codeql.sarif');
    await writeFile(
      other,
      JSON.stringify({
        version: '2.1.0',
        runs: [{ tool: { driver: { name: 'CodeQL' } }, results: [] }],
      }),
    );
    const exit = runCli(node24, ['--credential-report', exampleReport, '--baseline', other]);
    expect(exit.status).toBe(2);
    expect(exit.stderr).toBe(
      `iam-mfa-audit: --baseline "${other}": holds a run of another tool ("CodeQL"); give a SARIF log that iam-mfa-audit wrote.\n`,
    );
    expect(exit.stdout).toBe('');
    expect(readFileSync(other, 'utf8')).toContain('CodeQL');
  });
});

describe.concurrent('a pull request that changes the suppressions file', () => {
  const BASE = 'b'.repeat(40);
  const entry = (principal: string, expires: string) =>
    `  - rule: aws-iam-002\n    principal: ${principal}\n    reason: "${principal} is a break-glass user"\n    expires: ${expires}\n`;

  async function prRun(base: Record<string, string> | 'unreadable') {
    const dir = await mkdtemp(join(tmpdir(), 'iam-mfa-audit-pr-'));
    const api = await startCodeScanningApi({
      ...STATE,
      contents: base === 'unreadable' ? {} : base,
    });
    try {
      await mkdir(join(dir, '.github'));
      // The pull request's file: bob's entry lasts longer, frank's is new, dave's as it was.
      await writeFile(
        join(dir, '.github', 'iam-mfa-audit.yml'),
        `suppressions:\n${entry('bob', '2027-01-31')}${entry('frank', '2027-01-31')}${entry('dave', '2027-06-30')}`,
      );
      const event = join(dir, 'event.json');
      await writeFile(event, JSON.stringify({ pull_request: { number: 7, base: { sha: BASE } } }));
      return await runActionAsync(
        dir,
        {
          'credential-report': exampleReport,
          'sarif-file': join(dir, 'audit.sarif'),
          'github-token': base === 'unreadable' ? 'ghs_wrongtoken' : 'ghs_localtesttoken',
        },
        {
          GITHUB_API_URL: api.url,
          GITHUB_REPOSITORY: 'acme/infra',
          GITHUB_SHA: '1'.repeat(40),
          GITHUB_REF: 'refs/pull/7/merge',
          GITHUB_EVENT_NAME: 'pull_request',
          GITHUB_EVENT_PATH: event,
          GITHUB_WORKSPACE: dir,
        },
      );
    } finally {
      await api.close();
      await rm(dir, { recursive: true, force: true });
    }
  }

  it('marks the entries it adds or widens compared with the base commit', async () => {
    const step = await prRun({
      [`.github/iam-mfa-audit.yml@${BASE}`]: `suppressions:\n${entry('bob', '2026-12-31')}${entry('dave', '2027-06-30')}`,
    });
    const lines = step.summary.split('\n');
    expect(lines).toContain('### ⚠️ Suppressions this pull request adds or widens: 2');
    expect(lines.filter((l) => l.startsWith('| .github/iam-mfa-audit.yml entry'))).toEqual([
      '| .github/iam-mfa-audit.yml entry 1 (line 2) | aws-iam-002 | `bob` | bob is a break-glass user | 2027-01-31 |',
      '| .github/iam-mfa-audit.yml entry 2 (line 6) | aws-iam-002 | `frank` | frank is a break-glass user | 2027-01-31 |',
    ]);
    expect(lines).toContain(
      '| `bob` | aws-iam-002 | bob is a break-glass user **(added by this pull request)** | 2027-01-31 |',
    );
    expect(lines).toContain('| `dave` | aws-iam-002 | dave is a break-glass user | 2027-06-30 |');
  });

  it('marks every entry when the base has no suppressions file', async () => {
    const step = await prRun({});
    expect(step.summary).toContain('### ⚠️ Suppressions this pull request adds or widens: 3');
  });

  it('says so when the base cannot be read, and asks for every entry to be reviewed', async () => {
    const step = await prRun('unreadable');
    expect(step.summary).toMatch(
      /⚠️ The suppressions file could not be compared with the pull request's base \(the contents API gave no \.github\/iam-mfa-audit\.yml at the base \(HTTP 401: Bad credentials.*\)\): review every entry\./,
    );
    expect(step.stdout + step.summary).not.toContain('wrongtoken');
  });
});
