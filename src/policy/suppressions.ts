import { ConfigurationError } from '../errors.js';
import type { Finding, Principal, Suppression } from '../model.js';
import { compileGlob } from './glob.js';

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
  const firstAccepting = suppressionIndex(inForce);
  const used = new Set<Suppression>();
  const marked = findings.map((finding) => {
    const match = firstAccepting(finding);
    if (match === null) return finding;
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

/** How much of a pattern's literal start or end is used to file it. */
const KEY_LENGTH = 64;

/**
 * How many times, in all, patterns may be tried against findings (a try costs at most the
 * name's length times the pattern's; 10 million take about 3 s). Entries filed by their
 * literal start or end are tried only against findings that share it, so real files stay far
 * below this; a file whose patterns all share one start, or have none, is stopped here.
 */
const MAX_TRIES = 10_000_000;

interface Entry {
  /** Its place in the file: the first entry that accepts a finding is the one applied. */
  readonly order: number;
  readonly suppression: Suppression;
  readonly accepts: (principal: Principal) => boolean;
}

/**
 * The first entry in file order that accepts a finding. Entries are filed by the literal text
 * their pattern starts or ends with, so a finding is tested only against the entries that
 * could accept it, and an entry that repeats an earlier one (same rule and pattern) is not
 * filed: it can never be the first. A file whose patterns defeat the filing is stopped at
 * MAX_TRIES.
 */
function suppressionIndex(
  suppressions: readonly Suppression[],
): (finding: Finding) => Suppression | null {
  const exact = new Map<string, Entry[]>();
  const byStart = new Map<string, Entry[]>();
  const byEnd = new Map<string, Entry[]>();
  const everywhere: Entry[] = [];
  const file = (map: Map<string, Entry[]>, key: string, entry: Entry): void => {
    const list = map.get(key);
    if (list === undefined) map.set(key, [entry]);
    else list.push(entry);
  };
  const filed = new Set<string>();
  suppressions.forEach((suppression, order) => {
    const key = JSON.stringify([suppression.rule, suppression.match, suppression.principal]);
    if (filed.has(key)) return;
    filed.add(key);
    if (suppression.match === 'exact') {
      const entry = {
        order,
        suppression,
        accepts: (p: Principal) => p.name === suppression.principal,
      };
      if (suppression.principal === '*') everywhere.push({ ...entry, accepts: () => true });
      else file(exact, suppression.principal, entry);
      return;
    }
    const glob = compileGlob(suppression.principal);
    const entry = {
      order,
      suppression,
      accepts: (p: Principal) => glob.test(p.name) || glob.test(p.arn),
    };
    if (glob.prefix !== '') file(byStart, glob.prefix.slice(0, KEY_LENGTH), entry);
    else if (glob.suffix !== '') file(byEnd, glob.suffix.slice(-KEY_LENGTH), entry);
    else everywhere.push(entry);
  });

  const tried = new Uint32Array(suppressions.length);
  let tries = 0;
  const tooMany = (): ConfigurationError => {
    const most = tried.indexOf(Math.max(...tried));
    const entry = suppressions[most];
    return new ConfigurationError(
      `suppressions-file: ${entry?.where ?? ''}: principal: the pattern ${JSON.stringify(entry?.principal)} is tried against nearly every finding, with others like it, more than ${MAX_TRIES.toLocaleString('en-US')} times in all; begin or end each pattern with a user name or the path of an ARN`,
    );
  };
  const accepts = (entry: Entry, principal: Principal): boolean => {
    tried[entry.order] = (tried[entry.order] ?? 0) + 1;
    if (++tries > MAX_TRIES) throw tooMany();
    return entry.accepts(principal);
  };

  return (finding) => {
    const { principal, ruleId } = finding;
    const lists = [everywhere, exact.get(principal.name)];
    for (const text of [principal.name, principal.arn]) {
      for (let n = 1; n <= Math.min(KEY_LENGTH, text.length); n++) {
        lists.push(byStart.get(text.slice(0, n)), byEnd.get(text.slice(text.length - n)));
      }
    }
    // Each list is in file order: the first entry of each that accepts, the earliest of those.
    let first: Entry | null = null;
    for (const list of lists) {
      for (const entry of list ?? []) {
        if (first !== null && entry.order >= first.order) break;
        const rule = entry.suppression.rule;
        if ((rule === '*' || rule === ruleId) && accepts(entry, principal)) {
          first = entry;
          break;
        }
      }
    }
    return first?.suppression ?? null;
  };
}

/**
 * The entries of `current` that `base` does not already grant as widely: added, or widened
 * (a later last day, or none). An entry is granted by a base entry of the same rule and
 * principal pattern whose last day is the same or later.
 */
export function addedOrWidened(
  current: readonly Suppression[],
  base: readonly Suppression[],
): Suppression[] {
  const covers = (b: Suppression, c: Suppression): boolean =>
    b.rule === c.rule &&
    b.principal === c.principal &&
    b.match === c.match &&
    (b.expires === null || (c.expires !== null && c.expires <= b.expires));
  return current.filter((c) => !base.some((b) => covers(b, c)));
}
