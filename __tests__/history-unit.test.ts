import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprint } from '../src/fingerprint.js';
import { readBaseline } from '../src/io/baseline-file.js';
import type { Suppression } from '../src/model.js';
import { baselineState, withHistory, type History } from '../src/policy/history.js';
import { addedOrWidened } from '../src/policy/suppressions.js';
import { countedFindings, decide } from '../src/policy/threshold.js';
import { aFinding, aUser, useTempDir } from './fixtures.js';

const bob = aFinding({
  principal: aUser({ name: 'bob', arn: 'arn:aws:iam::111122223333:user/bob' }),
});
const cy = aFinding({ principal: aUser({ name: 'cy', arn: 'arn:aws:iam::111122223333:user/cy' }) });
const dee = aFinding({
  principal: aUser({ name: 'dee', arn: 'arn:aws:iam::111122223333:user/dee' }),
});

function read(overrides: Partial<Extract<History, { kind: 'read' }>>): History {
  return {
    kind: 'read',
    source: 'code scanning',
    alerts: [],
    alertOf: new Map(),
    known: new Set(),
    principals: new Map(),
    ...overrides,
  };
}

describe('withHistory', () => {
  const history = read({
    alerts: [
      {
        number: 1,
        state: 'open',
        url: 'https://x/1',
        createdAt: '2026-11-01T00:00:00Z',
        dismissal: null,
      },
      {
        number: 2,
        state: 'dismissed',
        url: 'https://x/2',
        createdAt: '2026-10-01T00:00:00Z',
        dismissal: {
          reason: 'false positive',
          comment: null,
          by: 'octocat',
          at: '2026-10-02T00:00:00Z',
        },
      },
      {
        number: 3,
        state: 'open',
        url: 'https://x/3',
        createdAt: '2026-09-01T00:00:00Z',
        dismissal: null,
      },
    ],
    alertOf: new Map([
      [fingerprint(bob), 1],
      [fingerprint(cy), 2],
      ['f'.repeat(64), 3],
    ]),
    principals: new Map([['f'.repeat(64), 'arn:aws:iam::111122223333:user/gone']]),
  });

  it('marks each finding new, open or accepted, and lists what was fixed', () => {
    const { findings, fixed } = withHistory([bob, cy, dee], history, true);
    expect(findings.map((f) => [f.principal.name, f.history?.state, f.suppression?.where])).toEqual(
      [
        ['bob', 'open', undefined],
        ['cy', 'open', 'code-scanning alert #2 (dismissed 2026-10-02)'],
        ['dee', 'new', undefined],
      ],
    );
    expect(findings.map(baselineState)).toEqual(['unchanged', 'unchanged', 'new']);
    expect(fixed).toEqual([
      {
        number: 3,
        url: 'https://x/3',
        fingerprint: 'f'.repeat(64),
        principal: 'arn:aws:iam::111122223333:user/gone',
      },
    ]);
  });

  it('accepts nothing without accept-dismissed-alerts, and changes nothing without a history', () => {
    expect(withHistory([cy], history, false).findings[0]?.suppression).toBeNull();
    expect(withHistory([cy], { kind: 'none' }, true)).toEqual({ findings: [cy], fixed: [] });
    expect(baselineState(cy)).toBeNull();
  });

  it('counts only new findings with fail-on-scope new, and every one without a history', () => {
    const { findings } = withHistory([bob, dee], history, false);
    const policy = {
      failOn: 'high',
      maxFindings: 0,
      allowIncomplete: false,
      failOnScope: 'new',
    } as const;
    expect(countedFindings(findings, policy).map((f) => f.principal.name)).toEqual(['dee']);
    expect(decide(findings, [], policy).why).toBe(
      '1 new finding at high or above, 0 tolerated (max-findings).',
    );
    expect(decide([bob, dee], [], policy).why).toBe(
      '2 findings at high or above, 0 tolerated (max-findings); fail-on-scope is new, but no earlier run could be read, so every finding counts.',
    );
  });
});

describe('addedOrWidened', () => {
  const entry = (principal: string, expires: string | null, rule = 'aws-iam-002'): Suppression => ({
    rule,
    principal,
    match: 'glob',
    reason: 'r',
    owner: null,
    expires,
    where: principal,
  });

  it('finds entries the base does not grant as widely', () => {
    const base = [entry('bob', '2027-01-01'), entry('dee', null)];
    const current = [
      entry('bob', '2026-12-01'), // narrower: granted
      entry('bob', '2027-02-01'), // later: widened
      entry('bob', null), // never expires: widened
      entry('dee', '2030-01-01'), // base never expires: granted
      entry('cy', '2026-12-01'), // new
      entry('bob', '2026-12-01', '*'), // another rule: new
    ];
    expect(
      addedOrWidened(current, base).map((s) => `${s.rule} ${s.principal} ${s.expires}`),
    ).toEqual([
      'aws-iam-002 bob 2027-02-01',
      'aws-iam-002 bob null',
      'aws-iam-002 cy 2026-12-01',
      '* bob 2026-12-01',
    ]);
  });
});

describe('readBaseline', () => {
  const dir = useTempDir();

  it('reads the fingerprints and principals of an earlier log of this tool', async () => {
    const path = join(dir(), 'a.sarif');
    await writeFile(
      path,
      JSON.stringify({
        version: '2.1.0',
        runs: [
          {
            tool: { driver: { name: 'iam-mfa-audit' } },
            results: [
              {
                partialFingerprints: { 'iamMfaAudit/principal/v1': 'abc' },
                locations: [{ logicalLocations: [{ fullyQualifiedName: 'arn:x' }] }],
              },
              { partialFingerprints: {} },
            ],
          },
        ],
      }),
    );
    const history = await readBaseline(path);
    expect(history).toMatchObject({ kind: 'read', source: `the baseline ${path}` });
    if (history.kind !== 'read') throw new Error('not read');
    expect([...history.known]).toEqual(['abc']);
    expect([...history.principals]).toEqual([['abc', 'arn:x']]);
  });

  it.each([
    ['missing.sarif', null, 'cannot be read (ENOENT)'],
    ['text.sarif', 'not json', 'is not JSON'],
    ['old.sarif', '{"version":"2.0.0","runs":[]}', 'is not a SARIF 2.1.0 log'],
  ])('refuses %s in one line', async (name, content, why) => {
    const path = join(dir(), name);
    if (content !== null) await writeFile(path, content);
    await expect(readBaseline(path)).rejects.toThrow(
      `--baseline ${JSON.stringify(path)}: ${why}; give a SARIF log that iam-mfa-audit wrote.`,
    );
  });

  it('refuses a folder', async () => {
    await expect(readBaseline(dir())).rejects.toThrow('is a directory');
  });
});
