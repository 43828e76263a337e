import type { Finding, Suppression } from '../model.js';

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
  const inForce = suppressions.filter((s) => s.expires === null || s.expires >= today);
  const used = new Set<Suppression>();
  const marked = findings.map((finding) => {
    const match = inForce.find((s) => accepts(s, finding));
    if (match === undefined) return finding;
    used.add(match);
    return { ...finding, suppression: match };
  });
  return {
    findings: marked,
    expired: suppressions.filter((s) => !inForce.includes(s)),
    stale: inForce.filter((s) => !used.has(s)),
    neverExpires: suppressions.filter((s) => s.expires === null),
  };
}

function accepts(suppression: Suppression, finding: Finding): boolean {
  if (suppression.rule !== '*' && suppression.rule !== finding.ruleId) return false;
  const pattern = glob(suppression.principal);
  return pattern.test(finding.principal.name) || pattern.test(finding.principal.arn);
}

/** A glob as a whole-string pattern: `*` any run of characters, `?` one; the rest literal. */
function glob(text: string): RegExp {
  const body = text
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, 's');
}
