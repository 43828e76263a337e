import {
  atLeast,
  SEVERITIES,
  type Finding,
  type NotAssessed,
  type Threshold,
  type Verdict,
} from '../model.js';
import { plural } from '../text.js';

export interface ThresholdPolicy {
  /** Lowest severity that counts; `none` counts nothing. */
  readonly failOn: Threshold;
  /** How many counted findings are tolerated. */
  readonly maxFindings: number;
  /** Whether principals that could not be assessed may leave the run standing. */
  readonly allowIncomplete: boolean;
  /**
   * `new`: only findings that are new or reopened since the last run count; `all` (the
   * default): every finding. Without a history read, `new` counts every finding.
   */
  readonly failOnScope?: 'all' | 'new';
}

/** Findings counted against the threshold. */
export function countedFindings(
  findings: readonly Finding[],
  policy: Pick<ThresholdPolicy, 'failOn' | 'failOnScope'>,
): Finding[] {
  const { failOn } = policy;
  const newOnly = policy.failOnScope === 'new';
  // An accepted (suppressed) finding stays reported but never counts; with fail-on-scope
  // new, nor does one still open from before (a finding with no history counts).
  return failOn === 'none'
    ? []
    : findings.filter(
        (f) =>
          f.suppression === null &&
          atLeast(f.severity, failOn) &&
          !(newOnly && f.history?.state === 'open'),
      );
}

/**
 * The one decision of a run. Over the threshold fails; so does anything not assessed,
 * unless allowed, and even then the result is `incomplete`, never `pass`.
 */
export function decide(
  findings: readonly Finding[],
  notAssessed: readonly NotAssessed[],
  policy: ThresholdPolicy,
): Verdict {
  const counted = countedFindings(findings, policy).length;
  const maxSeverity = SEVERITIES.find((s) => findings.some((f) => f.severity === s)) ?? 'none';
  const newOnly = policy.failOnScope === 'new';
  const historyRead = findings.every((f) => f.history !== null);
  const scope =
    policy.failOn === 'none'
      ? `${plural(findings.length, 'finding')}; fail-on is none, so findings do not fail the run`
      : `${plural(counted, newOnly && historyRead ? 'new finding' : 'finding')} at ${policy.failOn} or above, ${policy.maxFindings} tolerated (max-findings)${newOnly && !historyRead ? '; fail-on-scope is new, but no earlier run could be read, so every finding counts' : ''}`;
  const actions = [...new Set(notAssessed.map((n) => n.action))].join(', ');
  const accounts = notAssessed.filter((n) => n.subject === 'account').length;
  const principals = notAssessed.length - accounts;
  const what = [
    ...(accounts > 0 ? [plural(accounts, 'account')] : []),
    ...(principals > 0 || accounts === 0 ? [plural(principals, 'principal')] : []),
  ].join(' and ');
  const unassessed = `${what} not assessed (${actions})`;
  const remedy = notAssessed.every((n) => n.action.startsWith('iam:'))
    ? 'grant the missing IAM actions'
    : 'see what was not assessed and why';

  if (counted > policy.maxFindings) {
    const also = notAssessed.length > 0 ? `; also ${unassessed}` : '';
    return { result: 'fail', counted, maxSeverity, why: `${scope}${also}.` };
  }
  if (notAssessed.length > 0 && !policy.allowIncomplete) {
    return {
      result: 'fail',
      counted,
      maxSeverity,
      why: `Incomplete audit: ${unassessed}; ${remedy} or set allow-incomplete: true. ${scope}.`,
    };
  }
  if (notAssessed.length > 0) {
    return {
      result: 'incomplete',
      counted,
      maxSeverity,
      why: `Incomplete audit (allowed): ${unassessed}. ${scope}.`,
    };
  }
  return {
    result: 'pass',
    counted,
    maxSeverity,
    why: `${scope[0]?.toUpperCase() ?? ''}${scope.slice(1)}.`,
  };
}
