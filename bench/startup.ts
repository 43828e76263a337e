/**
 * The CLI's start-up: --version and --help load the command line alone, an audit loads the
 * audit and the AWS SDK too. Wall time from spawn to exit, Node's own start-up beside it.
 */
import { spawnSync } from 'node:child_process';
import { median } from './measure.js';

function wallMs(args: readonly string[]): number {
  const start = process.hrtime.bigint();
  // Without the bench's own loader (tsx), as a user starts it.
  spawnSync(process.execPath, args, { stdio: 'ignore', env: { ...process.env, NODE_OPTIONS: '' } });
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function benchStartup(runs: number): void {
  const cases: [string, string[]][] = [
    ['node -e 0 (Node alone)', ['-e', '0']],
    ['dist/cli.js --version', ['dist/cli.js', '--version']],
    ['dist/cli.js --help', ['dist/cli.js', '--help']],
    [
      'dist/cli.js on the example report (loads the audit and the AWS SDK)',
      ['dist/cli.js', '--credential-report', 'examples/credential-report.csv', '--format', 'json'],
    ],
  ];
  console.log(
    `\n## CLI start-up: wall ms from spawn to exit, ${runs} runs, Node ${process.version}\n`,
  );
  console.log('| case | median ms | max ms |');
  console.log('| --- | ---: | ---: |');
  for (const [label, args] of cases) {
    wallMs(args); // the first run warms the file cache
    const samples = Array.from({ length: runs }, () => wallMs(args));
    console.log(
      `| ${label} | ${median(samples).toFixed(0)} | ${Math.max(...samples).toFixed(0)} |`,
    );
  }
}
