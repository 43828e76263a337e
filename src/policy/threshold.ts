import { atLeast, SEVERITIES, type Finding, type Threshold, type Verdict } from '../model.js';

export interface ThresholdPolicy {
  /** Lowest severity that counts; `none` counts nothing. */
  readonly failOn: Threshold;
  /** How many counted findings are tolerated. */
  readonly maxFindings: number;
}

/** Findings counted against the threshold. */
export function countedFindings(findings: readonly Finding[], policy: ThresholdPolicy): Finding[] {
  const { failOn } = policy;
  return failOn === 'none' ? [] : findings.filter((f) => atLeast(f.severity, failOn));
}

/** The one decision of a run: pass or fail, and why. */
export function decide(findings: readonly Finding[], policy: ThresholdPolicy): Verdict {
  const counted = countedFindings(findings, policy).length;
  const maxSeverity = SEVERITIES.find((s) => findings.some((f) => f.severity === s)) ?? 'none';
  const scope =
    policy.failOn === 'none'
      ? 'fail-on is none, so findings do not fail the run'
      : `${counted} finding${counted === 1 ? '' : 's'} at ${policy.failOn} or above, ${policy.maxFindings} tolerated (max-findings)`;
  if (counted > policy.maxFindings) {
    return { result: 'fail', counted, maxSeverity, why: `${scope}.` };
  }
  const total =
    findings.length === 0
      ? 'No findings'
      : `${findings.length} finding${findings.length === 1 ? '' : 's'}`;
  return { result: 'pass', counted, maxSeverity, why: `${total}; ${scope}.` };
}
