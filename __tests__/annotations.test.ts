import { describe, expect, it } from 'vitest';
import type { Finding, Severity } from '../src/model.js';
import { ANNOTATION_LIMITS, renderAnnotations } from '../src/render/annotations.js';
import type { AlertAnchor } from '../src/render/sarif.js';
import { RULES } from '../src/rules/catalog.js';
import { ACCOUNT, aFinding, aRule, aSnapshot, aUser } from './fixtures.js';

const ANCHOR: AlertAnchor = { uri: '.github/workflows/audit.yml', line: 12, inRepository: true };
const RULES_OF_EVERY_SEVERITY = [
  ...RULES,
  aRule({ severity: 'medium' }),
  aRule({ severity: 'low' }),
];

function findings(count: number, severity: Severity = 'high'): Finding[] {
  return Array.from({ length: count }, (_, i) =>
    aFinding({ severity, principal: aUser({ name: `${severity}-${i + 1}`, reportLine: i + 2 }) }),
  );
}

function annotate(list: readonly Finding[], anchor: AlertAnchor = ANCHOR) {
  return renderAnnotations([], list, RULES_OF_EVERY_SEVERITY, anchor, true);
}

describe('renderAnnotations', () => {
  it('keeps one error for the step failure: 9 errors, then a notice counting the rest', () => {
    const shown = annotate(findings(30));
    expect(shown.map((a) => a.level)).toEqual([...Array<string>(9).fill('error'), 'notice']);
    expect(shown.slice(0, 9).map((a) => a.message)).toEqual(
      Array.from(
        { length: 9 },
        (_, i) =>
          `IAM user high-${i + 1} in AWS account ${ACCOUNT} has a console password and no active MFA device. Fix: assign an MFA device.`,
      ),
    );
    expect(shown.at(-1)).toEqual({
      level: 'notice',
      title: 'More findings',
      message:
        '21 more not shown as annotations (GitHub shows 10 per level per step); see the job summary and the SARIF file.',
      file: '.github/workflows/audit.yml',
      startLine: 12,
    });
  });

  it('reserves exactly one error for the failure message', () => {
    expect(ANNOTATION_LIMITS.error).toBe(9);
  });

  it.each([1, 5, 9])('shows %d findings without an overflow notice', (count) => {
    const shown = annotate(findings(count));
    expect(shown).toHaveLength(count);
    expect(shown.filter((a) => a.level !== 'error')).toEqual([]);
  });

  it('adds the overflow notice from the tenth error on', () => {
    const shown = annotate(findings(10));
    expect(shown.map((a) => a.level)).toEqual([...Array<string>(9).fill('error'), 'notice']);
    expect(shown.at(-1)?.message.startsWith('1 more not shown as annotations')).toBe(true);
  });

  it.each([
    ['critical', 'error', 'aws-iam-001 RootAccountWithoutMfa (critical)'],
    ['high', 'error', 'aws-iam-002 ConsoleUserWithoutMfa (high)'],
    ['medium', 'warning', 'test-medium TestmediumRule (medium)'],
    ['low', 'notice', 'test-low TestlowRule (low)'],
  ] as const)('shows a %s finding as %s titled %j', (severity, level, title) => {
    const [annotation, ...rest] = annotate(findings(1, severity));
    expect(rest).toEqual([]);
    expect(annotation?.level).toBe(level);
    expect(annotation?.title).toBe(title);
  });

  it('points at each report line when the anchor has no line', () => {
    const shown = annotate(findings(3), { uri: 'reports/iam.csv', line: null, inRepository: true });
    expect(shown.map((a) => [a.file, a.startLine])).toEqual([
      ['reports/iam.csv', 2],
      ['reports/iam.csv', 3],
      ['reports/iam.csv', 4],
    ]);
  });

  it('stays within 10 per level when every level overflows', () => {
    const shown = annotate([
      ...findings(12, 'high'),
      ...findings(12, 'medium'),
      ...findings(12, 'low'),
    ]);
    const count = (level: string) => shown.filter((a) => a.level === level).length;
    expect([count('error'), count('warning'), count('notice')]).toEqual([9, 10, 10]);
    expect(shown.at(-1)?.message.startsWith('8 more not shown as annotations')).toBe(true);
  });

  it('warns about principals that could not be assessed', () => {
    const snapshot = aSnapshot({
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
    expect(renderAnnotations(snapshot.notAssessed, [], RULES, ANCHOR, true)).toEqual([
      {
        level: 'warning',
        title: 'Not assessed',
        message: `zed (arn:aws:iam::${ACCOUNT}:user/zed) could not be assessed: AccessDenied`,
        file: '.github/workflows/audit.yml',
        startLine: 12,
      },
    ]);
  });
});
