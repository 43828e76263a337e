/**
 * npm run bench: times the audit on a generated 5,000-user credential report, in process
 * (the pure pipeline) and end to end (dist/cli.js as a user runs it), printing wall time
 * and peak memory side by side. Numbers are printed, never asserted.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateReport } from './generate-report.js';

const USERS = Number(process.env.BENCH_USERS ?? 5000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const dir = resolve('.bench');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const report = join(dir, 'credential-report.csv');
writeFileSync(report, generateReport(USERS));

interface Sample {
  code: number;
  ms: number;
  maxRssMiB: number;
}

/** Runs `args` under node with the usage preload; returns the child's own figures. */
function measure(nodeBinary: string, args: string[]): Sample {
  const usageFile = join(dir, 'usage.jsonl');
  rmSync(usageFile, { force: true });
  try {
    execFileSync(nodeBinary, ['--import', resolve('bench/usage-at-exit.mjs'), ...args], {
      env: { ...process.env, BENCH_USAGE_FILE: usageFile },
      stdio: 'ignore',
    });
  } catch {
    // exit 1 is the audit failing on findings: still a measurement
  }
  return JSON.parse(readFileSync(usageFile, 'utf8').trim()) as Sample;
}

const median = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

function row(label: string, samples: Sample[]): string {
  const ms = median(samples.map((s) => s.ms));
  const rss = Math.max(...samples.map((s) => s.maxRssMiB));
  return `| ${label} | ${samples[0]?.code ?? '?'} | ${ms} | ${rss.toFixed(1)} |`;
}

const cases: [string, () => Sample][] = [
  [
    'pipeline in process (tsx: parse, evaluate, decide, SARIF, summary)',
    () => measure(process.execPath, ['--import', 'tsx', 'bench/offline-pipeline.ts', report]),
  ],
  [
    `dist/cli.js end to end (${process.execPath.includes('node_modules') ? 'Node 24' : process.version})`,
    () =>
      measure(process.execPath, [
        'dist/cli.js',
        '--credential-report',
        report,
        '--sarif-file',
        join(dir, 'cli.sarif'),
      ]),
  ],
];

console.log(
  `Offline audit of a ${USERS}-user credential report (${(readFileSync(report).length / 1024).toFixed(0)} KiB), median of ${RUNS} runs, ${process.version}\n`,
);
console.log('| case | exit | wall ms (median) | peak RSS MiB (max) |');
console.log('| --- | ---: | ---: | ---: |');
for (const [label, fn] of cases) {
  console.log(row(label, Array.from({ length: RUNS }, fn)));
}
