import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AccountSnapshot, Finding } from '../src/model.js';
import { fingerprint, renderSarif, type AlertAnchor } from '../src/render/sarif.js';
import { RULES, activeRules, type Rule } from '../src/rules/catalog.js';
import { evaluate } from '../src/rules/evaluate.js';
import { VERSION } from '../src/version.js';
import {
  ACCOUNT,
  OTHER_ACCOUNT,
  aRoot,
  aRootRow,
  aRow,
  aSnapshot,
  aUser,
  auditInputs,
  offlineDeps,
  reportCsv,
  useTempDir,
  accountsOf,
} from './fixtures.js';
import type { Log, Result } from 'sarif';
import {
  emptyStringPaths,
  onlyRun,
  parseSarif,
  sarifSchemaErrors,
  type AuditRun,
} from './sarif-validation.js';

const ANCHOR: AlertAnchor = { uri: '.github/workflows/audit.yml', line: 12, inRepository: true };
const TOOL = {
  name: 'iam-mfa-audit',
  version: VERSION,
  informationUri: 'https://github.com/iam-mfa-audit/iam-mfa-audit',
  rulesUri: 'https://github.com/iam-mfa-audit/iam-mfa-audit#rules',
};
const STARTED = new Date('2026-11-28T10:00:00Z');
const FINISHED = new Date('2026-11-28T10:00:03Z');

function sarifOf(
  snapshot: AccountSnapshot,
  rules: readonly Rule[] = activeRules(true),
  anchor: AlertAnchor = ANCHOR,
  findings: readonly Finding[] = evaluate(snapshot, rules),
): Log {
  return renderSarif({
    accounts: accountsOf([snapshot], findings),
    definitions: new Map(),
    findings,
    rules,
    anchor,
    provenance: null,
    tool: TOOL,
    startedAt: STARTED,
    finishedAt: FINISHED,
  });
}

const principals = [
  aRoot(),
  aUser({ name: 'alice', mfaActive: true, reportLine: 3 }),
  aUser({ name: 'bob', reportLine: 4 }),
  aUser({
    name: 'frank',
    arn: `arn:aws:iam::${ACCOUNT}:user/engineering/frank`,
    reportLine: 8,
  }),
];
const snapshot = aSnapshot({ principals });

/** Checks GitHub code scanning makes beyond the schema; returns the run. */
function expectGitHubReadable(log: Log): AuditRun {
  expect(sarifSchemaErrors(log)).toEqual([]);
  expect(log.version).toBe('2.1.0');
  expect(emptyStringPaths(log)).toEqual([]);
  const sarifRun = onlyRun(log);
  expect(sarifRun.tool.driver.name).toBe('iam-mfa-audit');
  for (const rule of sarifRun.tool.driver.rules) {
    const severity = RULES.find((r) => r.id === rule.id)?.severity;
    expect(severity, rule.id).toBeDefined();
    expect(rule.shortDescription?.text.length).toBeGreaterThan(0);
    expect(rule.fullDescription?.text.length).toBeGreaterThan(0);
    expect(rule.fullDescription?.text.length).toBeLessThanOrEqual(1024);
    expect(rule.help?.text.length).toBeGreaterThan(0);
    expect(rule.help?.markdown?.length).toBeGreaterThan(0);
    expect(rule.properties?.tags?.length).toBeLessThanOrEqual(20);
    expect(rule.properties?.['security-severity']).toBe(
      ({ critical: '9.5', high: '8.0', medium: '5.5', low: '2.0' } as const)[severity ?? 'low'],
    );
  }
  for (const result of sarifRun.results) {
    expect(result.message.text?.length).toBeGreaterThan(0);
    const location = result.locations?.[0];
    expect(location?.physicalLocation?.artifactLocation?.uri?.length).toBeGreaterThan(0);
    expect(location?.physicalLocation?.region?.startLine).toBeGreaterThanOrEqual(1);
    expect(Object.keys(result.partialFingerprints ?? {}).length).toBeGreaterThan(0);
    expect(sarifRun.tool.driver.rules[result.ruleIndex ?? -1]?.id).toBe(result.ruleId);
  }
  return sarifRun;
}

function resultFor(sarifRun: AuditRun, name: string): Result {
  const found = sarifRun.results.find(
    (r) => r.locations?.[0]?.logicalLocations?.[0]?.name === name,
  );
  if (!found) throw new Error(`no result for ${name}`);
  return found;
}

describe('renderSarif', () => {
  it('is valid SARIF 2.1.0 that GitHub code scanning accepts', () => {
    const sarifRun = expectGitHubReadable(sarifOf(snapshot));
    expect(sarifRun.tool.driver.rules.map((r) => r.id)).toEqual(['aws-iam-001', 'aws-iam-002']);
    expect(sarifRun.results.map((r) => [r.ruleId, r.level])).toEqual([
      ['aws-iam-001', 'error'],
      ['aws-iam-002', 'error'],
      ['aws-iam-002', 'error'],
    ]);
  });

  it('gives each result a message naming the principal and the account', () => {
    const sarifRun = onlyRun(sarifOf(snapshot));
    expect(sarifRun.results.map((r) => r.message.text?.replace(/ Fix: .*$/, ''))).toEqual([
      'The root user in AWS account 111122223333 has no active MFA device.',
      'IAM user bob in AWS account 111122223333 has a console password and no active MFA device.',
      'IAM user frank in AWS account 111122223333 has a console password and no active MFA device.',
    ]);
  });

  it('locates a result at the anchor and names the principal as a logical location', () => {
    const frank = resultFor(onlyRun(sarifOf(snapshot)), 'frank');
    expect(frank.locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: '.github/workflows/audit.yml' },
          region: { startLine: 12 },
        },
        logicalLocations: [
          {
            name: 'frank',
            fullyQualifiedName: `arn:aws:iam::${ACCOUNT}:user/engineering/frank`,
            kind: 'resource',
          },
        ],
      },
    ]);
    expect(frank.properties).toMatchObject({
      severity: 'high',
      'security-severity': '8.0',
      accountId: ACCOUNT,
    });
  });

  it("uses each principal's report line when the anchor has no line", () => {
    const sarifRun = onlyRun(
      sarifOf(snapshot, activeRules(true), {
        uri: 'reports/iam.csv',
        line: null,
        inRepository: true,
      }),
    );
    expect(
      sarifRun.results.map((r) => [
        r.locations?.[0]?.physicalLocation?.artifactLocation?.uri,
        r.locations?.[0]?.physicalLocation?.region?.startLine,
      ]),
    ).toEqual([
      ['reports/iam.csv', 2],
      ['reports/iam.csv', 4],
      ['reports/iam.csv', 8],
    ]);
  });

  it('keeps fingerprints when the anchor moves', () => {
    const before = onlyRun(sarifOf(snapshot, activeRules(true), ANCHOR));
    const after = onlyRun(
      sarifOf(snapshot, activeRules(true), {
        uri: 'reports/other.csv',
        line: null,
        inRepository: true,
      }),
    );
    expect(after.results.map((r) => r.partialFingerprints)).toEqual(
      before.results.map((r) => r.partialFingerprints),
    );
    expect(before.results.map((r) => r.locations?.[0]?.physicalLocation)).not.toEqual(
      after.results.map((r) => r.locations?.[0]?.physicalLocation),
    );
  });

  it('gives different principals different fingerprints', () => {
    const sarifRun = onlyRun(sarifOf(snapshot));
    const hashes = sarifRun.results.map((r) => r.partialFingerprints?.primaryLocationLineHash);
    const ids = sarifRun.results.map((r) => r.partialFingerprints?.['iamMfaAudit/principal/v1']);
    expect(new Set(hashes).size).toBe(3);
    expect(new Set(ids).size).toBe(3);
  });

  it('gives the same user in another account a different fingerprint', () => {
    const other = aSnapshot({
      accountId: OTHER_ACCOUNT,
      principals: [aUser({ name: 'bob', arn: `arn:aws:iam::${OTHER_ACCOUNT}:user/bob` })],
    });
    const here = resultFor(onlyRun(sarifOf(snapshot)), 'bob');
    const there = resultFor(onlyRun(sarifOf(other)), 'bob');
    expect(here.partialFingerprints?.primaryLocationLineHash).not.toBe(
      there.partialFingerprints?.primaryLocationLineHash,
    );
    expect(here.partialFingerprints?.['iamMfaAudit/principal/v1']).not.toBe(
      there.partialFingerprints?.['iamMfaAudit/principal/v1'],
    );
  });

  it('derives the line hash from the principal fingerprint', () => {
    const [finding] = evaluate(aSnapshot({ principals: [aUser({ name: 'bob' })] }), RULES);
    if (!finding) throw new Error('expected a finding for bob');
    const hash = fingerprint(finding);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(resultFor(onlyRun(sarifOf(snapshot)), 'bob').partialFingerprints).toEqual({
      'iamMfaAudit/principal/v1': hash,
      primaryLocationLineHash: `${hash.slice(0, 16)}:1`,
    });
  });

  it('lists the rules and an empty results array with zero findings', () => {
    const clean = aSnapshot({ principals: [aRoot({ mfaActive: true })] });
    const sarifRun = expectGitHubReadable(sarifOf(clean));
    expect(sarifRun.results).toEqual([]);
    expect(sarifRun.tool.driver.rules.map((r) => r.id)).toEqual(['aws-iam-001', 'aws-iam-002']);
  });

  it('is still valid for a report without users (no account id)', () => {
    const empty = aSnapshot({ accountId: null, principals: [] });
    const sarifRun = expectGitHubReadable(sarifOf(empty));
    expect(sarifRun.results).toEqual([]);
    expect(sarifRun.automationDetails?.id).toBe('iam-mfa-audit/unknown-account/');
  });

  it('leaves aws-iam-001 out of the rules without include-root', () => {
    const sarifRun = expectGitHubReadable(sarifOf(snapshot, activeRules(false)));
    expect(sarifRun.tool.driver.rules.map((r) => r.id)).toEqual(['aws-iam-002']);
    expect(sarifRun.results.map((r) => [r.ruleId, r.ruleIndex])).toEqual([
      ['aws-iam-002', 0],
      ['aws-iam-002', 0],
    ]);
  });

  it('puts one category per account in automationDetails', () => {
    expect(onlyRun(sarifOf(snapshot)).automationDetails?.id).toBe('iam-mfa-audit/111122223333/');
  });

  it('reports a principal that was not assessed as a notification, still valid', () => {
    const partial = aSnapshot({
      principals,
      notAssessed: [
        {
          subject: 'principal',
          arn: `arn:aws:iam::${ACCOUNT}:user/zed`,
          name: 'zed',
          action: 'iam:ListMFADevices',
          reason: 'AccessDenied',
        },
      ],
    });
    const log = sarifOf(partial);
    expectGitHubReadable(log);
    expect(log).toMatchObject({
      runs: [
        {
          invocations: [
            {
              executionSuccessful: false,
              toolExecutionNotifications: [
                {
                  level: 'error',
                  message: {
                    text: `Not assessed: zed (arn:aws:iam::${ACCOUNT}:user/zed): AccessDenied`,
                  },
                },
              ],
            },
          ],
        },
      ],
    });
  });
});

describe('the SARIF file run() writes', () => {
  const dir = useTempDir();

  async function audit(rows: Parameters<typeof reportCsv>[0], includeRoot: string) {
    const report = join(dir(), 'credential-report.csv');
    const sarifFile = join(dir(), 'out', 'audit.sarif');
    await writeFile(report, reportCsv(rows));
    const inputs: Record<string, string> = {
      'credential-report': report,
      'sarif-file': sarifFile,
      'include-root': includeRoot,
    };
    const outcome = await auditInputs(inputs, offlineDeps(dir(), FINISHED));
    const log = parseSarif(await readFile(sarifFile, 'utf8'));
    return { outcome, log };
  }

  it('is valid, readable by GitHub, and anchored at the report lines', async () => {
    const rows = [aRootRow(), aRow({ user: 'alice', mfa_active: 'true' }), aRow({ user: 'bob' })];
    const { outcome, log } = await audit(rows, 'true');
    const sarifRun = expectGitHubReadable(log);
    expect(outcome.sarifFile).toBe(join(dir(), 'out', 'audit.sarif'));
    expect(
      sarifRun.results.map((r) => [
        r.ruleId,
        r.locations?.[0]?.physicalLocation?.artifactLocation?.uri,
        r.locations?.[0]?.physicalLocation?.region?.startLine,
      ]),
    ).toEqual([
      ['aws-iam-001', 'credential-report.csv', 2],
      ['aws-iam-002', 'credential-report.csv', 4],
    ]);
    expect(log).toMatchObject({
      runs: [{ tool: { driver: { name: 'iam-mfa-audit', semanticVersion: VERSION } } }],
    });
  });

  it('holds the rules and no results when nobody breaks a rule', async () => {
    const rows = [aRootRow({ mfa_active: 'true' }), aRow({ user: 'alice', mfa_active: 'true' })];
    const { outcome, log } = await audit(rows, 'true');
    const sarifRun = expectGitHubReadable(log);
    expect(sarifRun.results).toEqual([]);
    expect(sarifRun.tool.driver.rules.map((r) => r.id)).toEqual(['aws-iam-001', 'aws-iam-002']);
    expect(outcome.verdict.result).toBe('pass');
  });

  it('leaves out aws-iam-001 with include-root false', async () => {
    const { log } = await audit([aRootRow(), aRow({ user: 'bob' })], 'false');
    const sarifRun = expectGitHubReadable(log);
    expect(sarifRun.tool.driver.rules.map((r) => r.id)).toEqual(['aws-iam-002']);
    expect(sarifRun.results.map((r) => r.ruleId)).toEqual(['aws-iam-002']);
  });
});
