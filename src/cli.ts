#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { discoverAccounts, type AuditDeps } from './audit.js';
import { systemDeps } from './io/system.js';
import { ConfigurationError, failureOf } from './errors.js';
import { removeStaleSarif } from './io/sarif-file.js';
import { INPUTS, parsePlan, sarifFileOf, type ReadInput } from './options.js';
import { runAudit } from './run.js';
import { sarifFileSink } from './sinks/sarif-file.js';
import { uploadSink } from './sinks/upload.js';
import { progressBar, progressLog } from './surface/progress.js';
import { terminalSink, usesColor } from './surface/terminal.js';
import { VERSION } from './version.js';
import { rememberSecret } from './secrets.js';
import { inertJson } from './text.js';

/** Exit codes: the verdict decides 0 (pass, or incomplete when allowed) or 1; anything that stops the audit is 2. */
const EXIT = { pass: 0, fail: 1, error: 2 } as const;

function help(): string {
  const width = Math.max(...INPUTS.map((i) => i.name.length)) + 2;
  const lines = INPUTS.map((input) => {
    const fallback = input.default === '' ? '' : ` (default: ${input.default})`;
    return `  --${input.name.padEnd(width)}${input.description}${fallback}`;
  });
  return [
    'Usage: iam-mfa-audit [options]',
    '',
    'Finds IAM users who can sign in to the AWS console without MFA.',
    '',
    'Options (the same as the GitHub Action inputs):',
    ...lines,
    `  --${'help'.padEnd(width)}Show this help.`,
    `  --${'version'.padEnd(width)}Show the version.`,
    '',
    'Exit codes: 0 pass (or incomplete with --allow-incomplete true), 1 fail (findings over the threshold, or principals not assessed), 2 error (bad option, unreadable report, AWS credentials, or an internal error; no SARIF is written).',
    '',
  ].join('\n');
}

function parseFlags(argv: readonly string[]): Record<string, string | boolean | undefined> {
  try {
    const { values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
        ...Object.fromEntries(INPUTS.map((input) => [input.name, { type: 'string' as const }])),
      },
    });
    return values;
  } catch (error) {
    // parseArgs' messages are multi-line and talk about its API; say it plainly instead.
    const text = error instanceof Error ? error.message : String(error);
    const flag = /'(-[^']*)'/.exec(text)?.[1];
    if (/Unknown option/.test(text)) {
      throw new ConfigurationError(`unknown option ${flag ?? ''}; see --help for the options.`);
    }
    if (/argument missing/.test(text)) {
      throw new ConfigurationError(
        `option ${flag?.split(' ')[0] ?? ''} needs a value; see --help.`,
      );
    }
    if (/positional/.test(text)) {
      throw new ConfigurationError(
        'unexpected argument; every option is --name VALUE, see --help.',
      );
    }
    if (/ambiguous/.test(text)) {
      throw new ConfigurationError(
        `option ${flag ?? ''}: a value that starts with - is written ${flag ?? '--name'}=VALUE.`,
      );
    }
    throw new ConfigurationError(
      `${(text.split('\n')[0] ?? text).replace(/\.$/, '')}; see --help.`,
    );
  }
}

async function main(argv: readonly string[]): Promise<number> {
  let read: ReadInput = () => undefined;
  try {
    const flags = parseFlags(argv);
    if (flags.version === true) {
      process.stdout.write(`iam-mfa-audit ${VERSION}\n`);
      return EXIT.pass;
    }
    if (flags.help === true) {
      process.stdout.write(help());
      return EXIT.pass;
    }
    read = (name) => {
      const value = flags[name];
      return typeof value === 'string' ? value : undefined;
    };
    const plan = parsePlan(read, (name) => `--${name}`, process.env);
    // On a terminal a bar shows progress, and a log line first takes its place; elsewhere
    // (a CI log, a file) progress is a line every few seconds.
    const bar = process.stderr.isTTY ? progressBar(process.stderr) : null;
    const log = (message: string): void => {
      bar?.clear();
      process.stderr.write(`${message}\n`);
    };
    const color = usesColor(process.stdout, process.env);
    const deps: AuditDeps = {
      ...systemDeps(log),
      progress: bar ?? progressLog(log),
      // A mask command would write the secret into the CLI's report: it is kept out instead.
      setSecret: rememberSecret,
    };
    if (plan.source.kind === 'live' && plan.source.discoverOnly) {
      process.stdout.write(`${inertJson(await discoverAccounts(plan, deps))}\n`);
      return EXIT.pass;
    }
    const { uploadToken } = plan.outputs;
    if (uploadToken !== null) deps.setSecret(uploadToken);
    const write = (text: string): void => {
      process.stdout.write(text);
    };
    const { outcome } = await runAudit(
      plan,
      deps,
      [
        sarifFileSink(plan.outputs, plan.source),
        ...(uploadToken === null ? [] : [uploadSink(uploadToken, deps.context, deps)]),
        terminalSink(plan.outputs.format, color, write),
      ],
      log,
    );
    // The audit's report stands; a failed upload is an error unless the verdict already fails.
    if (outcome.upload !== null && outcome.upload.kind !== 'uploaded') {
      console.error(`iam-mfa-audit: ${outcome.upload.reason}`);
    }
    if (outcome.verdict.result === 'fail') return EXIT.fail;
    return outcome.upload?.kind === 'failed' ? EXIT.error : EXIT.pass;
  } catch (error) {
    const { reason, internal } = failureOf(error);
    console.error(`iam-mfa-audit: ${reason}`);
    // The runner's debug switch also shows the stack of a bug.
    if (internal && error instanceof Error && process.env.RUNNER_DEBUG === '1') {
      console.error(error.stack);
    }
    // An earlier run's SARIF must not pass for this run's results.
    await removeStaleSarif(sarifFileOf(read)).catch(() => false);
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
