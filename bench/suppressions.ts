/**
 * Suppression patterns at scale: dist/cli.js on the largest report it reads (20,000 rows) with
 * 15,000 suppression entries, one of them a pattern that makes a backtracking matcher
 * exponential, beside the same run without suppressions; and the alternative, a glob turned
 * into a regular expression (as the audit once matched them), on the same names and patterns.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateReport } from './generate-report.js';
import { measure, row, type Sample } from './measure.js';

const ENTRIES = 15_000;
/** An ARN as the report has it. */
const ARN = 'arn:aws:iam::111122223333:user/team-7/user-12345';
/** `*?` thirty times, then a character no name ends with. */
const TRAP = `${'*?'.repeat(30)}#`;

/** A glob as a backtracking regular expression: `*` as `.*`, `?` as `.`. */
function regexGlob(pattern: string): RegExp {
  const body = Array.from(pattern)
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, 's');
}

/** Milliseconds the regex matcher takes for every name against every pattern (first match). */
function regexMillis(names: readonly string[], patterns: readonly string[]): number {
  const compiled = patterns.map(regexGlob);
  const start = performance.now();
  let matched = 0;
  for (const name of names) if (compiled.some((r) => r.test(name))) matched += 1;
  if (matched < 0) throw new Error('unreachable');
  return Math.round(performance.now() - start);
}

export async function benchSuppressions(dir: string, runs: number): Promise<void> {
  const report = join(dir, 'report-20000.csv');
  writeFileSync(report, generateReport(19_999));
  const names = Array.from({ length: 19_999 }, (_, i) => `user-${String(i).padStart(5, '0')}`);
  const patterns = Array.from({ length: ENTRIES }, (_, i) => `x${i}*`);
  const file = join(dir, 'suppressions.yml');
  const entry = (principal: string): string =>
    `- {rule: "*", principal: "${principal}", reason: r, expires: 2099-01-01}`;
  writeFileSync(file, `suppressions:\n${[...patterns, TRAP].map(entry).join('\n')}\n`);

  console.log(
    `\n## Suppressions: ${ENTRIES.toLocaleString('en-US')} entries (one of them \`${TRAP.slice(0, 8)}…#\`) against a 20,000-row report, median of ${runs} runs\n`,
  );
  console.log('| case | exit | wall ms (median) | peak RSS MiB (max) |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const [label, extra] of [
    ['dist/cli.js, no suppressions', []],
    ['dist/cli.js, 15,000 entries and the trap', ['--suppressions-file', file]],
  ] as const) {
    const samples: Sample[] = [];
    for (let i = 0; i < runs; i++) {
      samples.push(
        await measure(dir, [
          'dist/cli.js',
          '--credential-report',
          report,
          '--sarif-file',
          join(dir, 'suppressions.sarif'),
          ...extra,
        ]),
      );
    }
    console.log(row(label, samples));
  }

  // The alternative: the same patterns as backtracking regular expressions.
  console.log(
    `| regular expressions, ${ENTRIES.toLocaleString('en-US')} entries without the trap, in process | | ${regexMillis(names, patterns)} | |`,
  );
  const trapped = spawnSync(
    process.execPath,
    [
      '-e',
      `new RegExp(${JSON.stringify(regexGlob(TRAP).source)}, 's').test(${JSON.stringify(ARN)});`,
    ],
    { timeout: 10_000 },
  );
  console.log(
    `| regular expressions, the trap against one ARN (${ARN.length} characters) | | ${trapped.signal === null ? 'finished' : 'still running at 10,000 (killed)'} | |`,
  );
}
