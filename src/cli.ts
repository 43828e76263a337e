#!/usr/bin/env node
/**
 * The CLI's entry. It reads the command line with nothing else loaded, so --help and
 * --version answer at once; the audit (and the AWS SDK) is loaded only for an audit.
 */
import { EXIT, helpText, parseCommandLine, type Command } from './cli/flags.js';
import { failureOf } from './errors.js';
import { removeStaleSarif } from './io/sarif-file.js';
import { isStandardOutput, sarifFileOf } from './options.js';
import { VERSION } from './version.js';

async function main(argv: readonly string[]): Promise<number> {
  let command: Command | null = null;
  try {
    command = parseCommandLine(argv);
    if (command.kind === 'version') {
      process.stdout.write(`iam-mfa-audit ${VERSION}\n`);
      return EXIT.pass;
    }
    if (command.kind === 'help') {
      // A pipe has no width: COLUMNS, else 80.
      const columns = process.stdout.isTTY ? process.stdout.columns : Number(process.env.COLUMNS);
      process.stdout.write(helpText(columns || 80));
      return EXIT.pass;
    }
    const { runCli } = await import('./cli/run.js');
    return await runCli(command.read);
  } catch (error) {
    const { reason, internal } = failureOf(error);
    console.error(`iam-mfa-audit: ${reason}`);
    // The runner's debug switch also shows the stack of a bug.
    if (internal && error instanceof Error && process.env.RUNNER_DEBUG === '1') {
      console.error(error.stack);
    }
    // An earlier run's SARIF must not pass for this run's results.
    const sarifFile = command?.kind === 'audit' ? sarifFileOf(command.read, 'cli') : null;
    if (sarifFile !== null && !isStandardOutput(sarifFile)) {
      await removeStaleSarif(sarifFile).catch(() => false);
    }
    return EXIT.error;
  }
}

// A reader that goes away (`| head`) ends the output, not the audit, and prints no stack.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}
process.exitCode = await main(process.argv.slice(2));
