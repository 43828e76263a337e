import type { Finding, Principal, Suppression } from '../model.js';

export interface Suppressed {
  /** Every finding; accepted ones carry the suppression that accepts them. */
  readonly findings: readonly Finding[];
  /** Entries past their last day: they accept nothing. */
  readonly expired: readonly Suppression[];
  /** Entries in force that matched no finding. */
  readonly stale: readonly Suppression[];
  /** Entries without a last day (cloud-audit's may omit it): said, every run. */
  readonly neverExpires: readonly Suppression[];
}

/** Marks the findings that a suppression in force accepts; expired entries accept nothing. */
export function applySuppressions(
  findings: readonly Finding[],
  suppressions: readonly Suppression[],
  now: Date,
): Suppressed {
  const today = now.toISOString().slice(0, 10);
  const expired = (s: Suppression): boolean => s.expires !== null && s.expires < today;
  const inForce = suppressions.filter((s) => !expired(s));
  // Each entry's principal pattern is built once, not once per finding.
  const matchers = inForce.map((s) => ({ s, accepts: principalMatcher(s) }));
  const used = new Set<Suppression>();
  const marked = findings.map((finding) => {
    const match = matchers.find(
      (m) => (m.s.rule === '*' || m.s.rule === finding.ruleId) && m.accepts(finding.principal),
    )?.s;
    if (match === undefined) return finding;
    used.add(match);
    return { ...finding, suppression: match };
  });
  return {
    findings: marked,
    expired: suppressions.filter(expired),
    stale: inForce.filter((s) => !used.has(s)),
    neverExpires: suppressions.filter((s) => s.expires === null),
  };
}

/** Whether an entry's principal accepts a principal: by glob over name or ARN, or exactly. */
function principalMatcher(s: Suppression): (principal: Principal) => boolean {
  if (s.match === 'exact') return (p) => s.principal === '*' || s.principal === p.name;
  const pattern = glob(s.principal);
  return (p) => pattern.test(p.name) || pattern.test(p.arn);
}

/** A glob as a whole-string pattern: `*` any run of characters, `?` one; the rest literal. */
function glob(text: string): RegExp {
  const body = text
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, 's');
}
