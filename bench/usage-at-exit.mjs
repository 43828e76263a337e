// Preloaded into a measured process: at exit, appends its wall time and peak memory
// as one JSON line to BENCH_USAGE_FILE.
import { appendFileSync } from 'node:fs';

const file = process.env.BENCH_USAGE_FILE;
if (file) {
  process.on('exit', (code) => {
    const usage = process.resourceUsage();
    appendFileSync(
      file,
      `${JSON.stringify({ code, ms: Math.round(performance.now()), maxRssMiB: usage.maxRSS / 1024 })}\n`,
    );
  });
}
