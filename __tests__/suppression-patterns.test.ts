/**
 * Suppression patterns are matched without backtracking and filed by their literal start and
 * end; these tests hold that path to the plain one (a whole-string regular expression) over
 * every small pattern and name, and to file order when several entries accept a finding.
 */
import { describe, expect, it } from 'vitest';
import type { Suppression } from '../src/model.js';
import { applySuppressions } from '../src/policy/suppressions.js';
import { aFinding, aUser } from './fixtures.js';

const NOW = new Date('2026-12-06T00:00:00Z');

function entry(principal: string, overrides: Partial<Suppression> = {}): Suppression {
  return {
    rule: '*',
    principal,
    match: 'glob',
    reason: 'accepted',
    owner: null,
    expires: '2027-01-31',
    where: `entry ${principal}`,
    ...overrides,
  };
}

/** The plain reading of a glob: `*` any run, `?` one character, the rest literal. */
function plainGlob(pattern: string): RegExp {
  const body = Array.from(pattern)
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, 's');
}

/** Every string of `alphabet` up to `max` characters long. */
function allStrings(alphabet: string, max: number): string[] {
  const out = [''];
  for (let i = 0; i < out.length; i++) {
    const s = out[i] ?? '';
    if (s.length < max) for (const c of alphabet) out.push(s + c);
  }
  return out;
}

describe('a suppression pattern', () => {
  it('accepts exactly the names the plain reading accepts, for every pattern of a, b, * and ? up to 4 long', () => {
    const names = allStrings('ab', 6).filter((name) => name !== '');
    // Each name's ARN ends in a letter no pattern here has, so the name decides.
    const findings = names.map((name) =>
      aFinding({ principal: aUser({ name, arn: `arn:aws:iam::111122223333:user/${name}z` }) }),
    );
    const disagreements: string[] = [];
    let compared = 0;
    for (const pattern of allStrings('ab*?', 4)) {
      if (pattern === '') continue;
      const plain = plainGlob(pattern);
      const marked = applySuppressions(findings, [entry(pattern)], NOW).findings;
      marked.forEach((finding, i) => {
        const name = names[i] ?? '';
        const expected = plain.test(name) || plain.test(finding.principal.arn);
        if ((finding.suppression !== null) !== expected) disagreements.push(`${pattern} ${name}`);
        compared += 1;
      });
    }
    expect(disagreements).toEqual([]);
    expect(compared).toBe(340 * 126);
  });

  it('takes the first entry in the file that accepts a finding, whichever way entries are filed', () => {
    const finding = aFinding({
      principal: aUser({ name: 'ci-deploy', arn: 'arn:aws:iam::111122223333:user/ci-deploy' }),
    });
    const entries = [
      entry('x*'),
      entry('*deploy', { where: 'by end' }),
      entry('ci-*', { where: 'by start' }),
      entry('*', { where: 'everything' }),
      entry('ci-deploy', { match: 'exact', where: 'exact' }),
    ];
    const first = (list: Suppression[]): string | undefined =>
      applySuppressions([finding], list, NOW).findings[0]?.suppression?.where;
    expect(first(entries)).toBe('by end');
    expect(first(entries.slice(2))).toBe('by start');
    expect(first(entries.slice(3))).toBe('everything');
    expect(first(entries.slice(4))).toBe('exact');
    expect(first([entry('arn:aws:iam::111122223333:user/ci-*', { where: 'arn' })])).toBe('arn');
    expect(first([entry('ci-deploy', { rule: 'other-rule' })])).toBeUndefined();
    // An entry that repeats an earlier one is never the first: it accepts nothing, and says so.
    const twice = [entry('ci-*', { where: 'first' }), entry('ci-*', { where: 'again' })];
    const result = applySuppressions([finding], twice, NOW);
    expect(result.findings[0]?.suppression?.where).toBe('first');
    expect(result.stale).toEqual([twice[1]]);
  });

  it('ends at once on a pattern that makes a backtracking matcher run for minutes', () => {
    const name = 'a'.repeat(64);
    const finding = aFinding({
      principal: aUser({ name, arn: `arn:aws:iam::111122223333:user/${name}` }),
    });
    const hostile = entry(`${'*?'.repeat(30)}#`);
    const result = applySuppressions([finding], [hostile], NOW);
    expect(result.findings[0]?.suppression).toBeNull();
    expect(result.stale).toEqual([hostile]);
  });
});
