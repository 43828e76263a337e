import { describe, expect, it } from 'vitest';
import type { Finding, NotAssessed, Threshold } from '../src/model.js';
import { countedFindings, decide, type ThresholdPolicy } from '../src/policy/threshold.js';
import { ACCOUNT, aFinding, aRoot, aUser } from './fixtures.js';

function verdictOf(
  findings: readonly Finding[],
  policy: Omit<ThresholdPolicy, 'allowIncomplete'> & Partial<ThresholdPolicy>,
  notAssessed: readonly NotAssessed[] = [],
) {
  return decide(findings, notAssessed, { allowIncomplete: false, ...policy });
}

/** 1 critical, 2 high, 1 medium, 1 low: 5 findings. */
const MIX = [
  aFinding({ severity: 'low', principal: aUser({ name: 'lou' }) }),
  aFinding({ severity: 'high', principal: aUser({ name: 'bob' }) }),
  aFinding({ severity: 'critical', principal: aRoot() }),
  aFinding({ severity: 'medium', principal: aUser({ name: 'meg' }) }),
  aFinding({ severity: 'high', principal: aUser({ name: 'dave' }) }),
];

const COUNTED: Record<Threshold, number> = { critical: 1, high: 3, medium: 4, low: 5, none: 0 };

const CASES = (['critical', 'high', 'medium', 'low', 'none'] as const).flatMap((failOn) =>
  [0, 1, 2].map((maxFindings) => {
    const counted = COUNTED[failOn];
    const result = counted > maxFindings ? 'fail' : 'pass';
    return { failOn, maxFindings, counted, result } as const;
  }),
);

describe('decide over 1 critical, 2 high, 1 medium, 1 low', () => {
  it('covers every combination, both outcomes', () => {
    expect(CASES).toHaveLength(15);
    expect(CASES.filter((c) => c.result === 'fail')).toHaveLength(10);
  });

  it.each(CASES)(
    'fail-on $failOn, max-findings $maxFindings: $result with $counted counted',
    ({ failOn, maxFindings, counted, result }) => {
      const verdict = verdictOf(MIX, { failOn, maxFindings });
      expect(verdict.result).toBe(result);
      expect(verdict.counted).toBe(counted);
      expect(verdict.maxSeverity).toBe('critical');
      expect(countedFindings(MIX, { failOn })).toHaveLength(counted);
    },
  );

  it.each([
    ['critical', 0, '1 finding at critical or above, 0 tolerated (max-findings).'],
    ['high', 0, '3 findings at high or above, 0 tolerated (max-findings).'],
    ['high', 2, '3 findings at high or above, 2 tolerated (max-findings).'],
    ['medium', 1, '4 findings at medium or above, 1 tolerated (max-findings).'],
    ['low', 2, '5 findings at low or above, 2 tolerated (max-findings).'],
  ] as const)('fail-on %s, max %d fails saying %j', (failOn, maxFindings, why) => {
    expect(verdictOf(MIX, { failOn, maxFindings })).toEqual({
      result: 'fail',
      counted: COUNTED[failOn],
      maxSeverity: 'critical',
      why,
    });
  });

  it.each([
    ['critical', 1, '1 finding at critical or above, 1 tolerated (max-findings).'],
    ['critical', 2, '1 finding at critical or above, 2 tolerated (max-findings).'],
    ['none', 0, '5 findings; fail-on is none, so findings do not fail the run.'],
  ] as const)('fail-on %s, max %d passes saying %j', (failOn, maxFindings, why) => {
    expect(verdictOf(MIX, { failOn, maxFindings }).why).toBe(why);
  });
});

describe('countedFindings', () => {
  it('keeps the findings at or above fail-on, in order', () => {
    const counted = countedFindings(MIX, { failOn: 'high' });
    expect(counted.map((f) => [f.severity, f.principal.name])).toEqual([
      ['high', 'bob'],
      ['critical', 'root'],
      ['high', 'dave'],
    ]);
  });

  it('counts nothing with fail-on none', () => {
    expect(countedFindings(MIX, { failOn: 'none' })).toEqual([]);
  });
});

describe('decide edge cases', () => {
  it('passes with no findings and max severity none', () => {
    expect(verdictOf([], { failOn: 'low', maxFindings: 0 })).toEqual({
      result: 'pass',
      counted: 0,
      maxSeverity: 'none',
      why: '0 findings at low or above, 0 tolerated (max-findings).',
    });
  });

  it('reports the highest severity present', () => {
    const findings = [aFinding({ severity: 'low' }), aFinding({ severity: 'medium' })];
    expect(verdictOf(findings, { failOn: 'critical', maxFindings: 0 })).toEqual({
      result: 'pass',
      counted: 0,
      maxSeverity: 'medium',
      why: '0 findings at critical or above, 0 tolerated (max-findings).',
    });
  });

  it('fails at exactly one more than tolerated', () => {
    const three = [aFinding(), aFinding(), aFinding()];
    expect(verdictOf(three, { failOn: 'high', maxFindings: 3 }).result).toBe('pass');
    expect(verdictOf(three, { failOn: 'high', maxFindings: 2 }).result).toBe('fail');
  });
});

describe('decide with principals not assessed', () => {
  const gap: NotAssessed = {
    subject: 'principal',
    arn: `arn:aws:iam::${ACCOUNT}:user/zed`,
    name: 'zed',
    action: 'iam:ListMFADevices',
    reason: 'AccessDenied',
  };

  it('fails an otherwise passing run unless allow-incomplete', () => {
    expect(verdictOf([], { failOn: 'high', maxFindings: 0 }, [gap])).toEqual({
      result: 'fail',
      counted: 0,
      maxSeverity: 'none',
      why: 'Incomplete audit: 1 principal not assessed (iam:ListMFADevices); grant the missing IAM actions or set allow-incomplete: true. 0 findings at high or above, 0 tolerated (max-findings).',
    });
  });

  it('is incomplete, never pass, with allow-incomplete', () => {
    const verdict = verdictOf([], { failOn: 'high', maxFindings: 0, allowIncomplete: true }, [gap]);
    expect(verdict.result).toBe('incomplete');
    expect(verdict.why).toBe(
      'Incomplete audit (allowed): 1 principal not assessed (iam:ListMFADevices). 0 findings at high or above, 0 tolerated (max-findings).',
    );
  });

  it('still fails over the threshold and mentions the gaps', () => {
    expect(
      verdictOf(MIX, { failOn: 'high', maxFindings: 0, allowIncomplete: true }, [gap]),
    ).toEqual({
      result: 'fail',
      counted: 3,
      maxSeverity: 'critical',
      why: '3 findings at high or above, 0 tolerated (max-findings); also 1 principal not assessed (iam:ListMFADevices).',
    });
  });
});
