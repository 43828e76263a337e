import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface Sample {
  readonly code: number;
  readonly ms: number;
  readonly maxRssMiB: number;
}

/**
 * Runs `node args…` with the usage preload and returns the child's own wall time and peak
 * memory. Exit 1 (findings over the threshold) is a measurement like any other.
 */
export async function measure(
  dir: string,
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<Sample> {
  const usageFile = join(dir, 'usage.jsonl');
  rmSync(usageFile, { force: true });
  try {
    // Asynchronous, so that a proxy running in this process can answer the child.
    await promisify(execFile)(
      process.execPath,
      ['--import', resolve('bench/usage-at-exit.mjs'), ...args],
      { env: { ...process.env, ...env, BENCH_USAGE_FILE: usageFile }, maxBuffer: 64 * 1024 * 1024 },
    );
  } catch {
    // a non-zero exit still wrote its usage line
  }
  return JSON.parse(readFileSync(usageFile, 'utf8').trim()) as Sample;
}

export const median = (xs: readonly number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** The AWS calls a proxy counted: their total, and `Action n` by action, sorted. */
export function callsOf(proxy: { calls(): Record<string, number> }): {
  total: number;
  byAction: string;
} {
  const calls = Object.entries(proxy.calls())
    .filter(([action]) => action !== '(none)')
    .sort(([a], [b]) => a.localeCompare(b));
  return {
    total: calls.reduce((sum, [, n]) => sum + n, 0),
    byAction: calls.map(([action, n]) => `${action} ${n}`).join(', '),
  };
}

/** A table row: the label, the first run's exit code, the median wall time, the peak memory. */
export function row(label: string, samples: readonly Sample[]): string {
  const ms = median(samples.map((s) => s.ms));
  const rss = Math.max(...samples.map((s) => s.maxRssMiB));
  return `| ${label} | ${samples[0]?.code ?? '?'} | ${ms} | ${rss.toFixed(1)} |`;
}
