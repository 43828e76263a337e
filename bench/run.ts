/**
 * npm run bench: the audit at 5,000 users, offline and against a live (emulated) account,
 * each path side by side. Numbers are printed, never asserted.
 *   BENCH_USERS (default 5000), BENCH_RUNS (offline repetitions, default 5),
 *   BENCH_LIVE=0 to skip the live sections (they need moto for python3);
 *   the fleet: BENCH_ACCOUNTS (default 20), BENCH_ACCOUNT_USERS (default 500),
 *   BENCH_LATENCY_MS (added to every AWS call, default 50).
 */
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateReport } from './generate-report.js';
import { benchFleet } from './fleet.js';
import { benchLive } from './live.js';
import { benchStartup } from './startup.js';
import { benchSuppressions } from './suppressions.js';
import { measure, row, type Sample } from './measure.js';

const USERS = Number(process.env.BENCH_USERS ?? 5000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const dir = resolve('.bench');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const report = join(dir, 'credential-report.csv');
writeFileSync(report, generateReport(USERS));

const offline: [string, string[]][] = [
  [
    'pipeline in process (parse, evaluate, decide, SARIF, summary; via tsx)',
    ['--import', 'tsx', 'bench/offline-pipeline.ts', report],
  ],
  [
    'dist/cli.js end to end',
    ['dist/cli.js', '--credential-report', report, '--sarif-file', join(dir, 'cli.sarif')],
  ],
];

console.log(
  `## Offline: a ${USERS}-user credential report (${(statSync(report).size / 1024).toFixed(0)} KiB), median of ${RUNS} runs, Node ${process.version}\n`,
);
console.log('| case | exit | wall ms (median) | peak RSS MiB (max) |');
console.log('| --- | ---: | ---: | ---: |');
for (const [label, args] of offline) {
  const samples: Sample[] = [];
  for (let i = 0; i < RUNS; i++) samples.push(await measure(dir, args));
  console.log(row(label, samples));
}

// Past what IAM allows (5,000 users): the largest report the audit reads, and two it refuses
// in one line (exit 2) — by its row count while parsing, and by its size before reading.
console.log(
  `\n## Past IAM's limit: dist/cli.js on reports of 20,000 (the most it reads), 100,000 and 1,000,000 users, median of ${RUNS} runs\n`,
);
console.log('| users | file MiB | exit | wall ms (median) | peak RSS MiB (max) |');
console.log('| ---: | ---: | ---: | ---: | ---: |');
for (const users of [20_000, 100_000, 1_000_000]) {
  const path = join(dir, `report-${users}.csv`);
  writeFileSync(path, generateReport(users - 1));
  const samples: Sample[] = [];
  for (let i = 0; i < RUNS; i++) {
    samples.push(
      await measure(dir, [
        'dist/cli.js',
        '--credential-report',
        path,
        '--sarif-file',
        join(dir, 'limit.sarif'),
      ]),
    );
  }
  const mib = (statSync(path).size / 1024 / 1024).toFixed(1);
  console.log(row(`${users.toLocaleString('en-US')} | ${mib}`, samples));
  rmSync(path);
}

await benchSuppressions(dir, RUNS);
benchStartup(Math.max(RUNS, 20));

if (process.env.BENCH_LIVE !== '0') {
  await benchLive(USERS, dir);
  await benchFleet(
    Number(process.env.BENCH_ACCOUNTS ?? 20),
    Number(process.env.BENCH_ACCOUNT_USERS ?? 500),
    Number(process.env.BENCH_LATENCY_MS ?? 50),
    dir,
  );
}
