/** The CLI's audit: loaded only when there is one, so --help and --version answer at once. */
import { discoverAccounts } from '../audit.js';
import { checkOutputFile } from '../io/output-file.js';
import { systemDeps } from '../io/system.js';
import { writeFileAtomic } from '../io/write-atomic.js';
import { parsePlan, type ReadInput } from '../options.js';
import { runAudit } from '../run.js';
import { rememberSecret } from '../secrets.js';
import { deliverySinks } from '../sinks/delivery.js';
import { progressBar, progressLog } from '../surface/progress.js';
import { reportSink, usesColor } from '../surface/terminal.js';
import { inertJson } from '../text.js';
import { EXIT } from './flags.js';

/** Audits as the flags ask, prints the report, and returns the exit code. */
export async function runCli(read: ReadInput): Promise<number> {
  const plan = parsePlan(read, (name) => `--${name}`, process.env, 'cli');
  // On a terminal a bar shows progress, and a log line first takes its place; elsewhere
  // (a CI log, a file) progress is a line every few seconds.
  const bar = process.stderr.isTTY ? progressBar(process.stderr) : null;
  const log = (message: string): void => {
    bar?.clear();
    process.stderr.write(`${message}\n`);
  };
  const write = (text: string): void => {
    process.stdout.write(text);
  };
  const deps = await systemDeps(plan, {
    log,
    progress: bar ?? progressLog(log),
    // A mask command would write the secret into the CLI's report: it is kept out instead.
    setSecret: rememberSecret,
  });
  const { outputs, source } = plan;
  const checkReportFile = () =>
    checkOutputFile(outputs.reportFile ?? '', '--output', [
      source.kind === 'report-file' ? source.path : null,
      plan.policy.suppressionsFile,
      outputs.sarifFile,
    ]);
  if (source.kind === 'live' && source.discoverOnly) {
    if (outputs.reportFile !== null) await checkReportFile();
    const text = `${inertJson(await discoverAccounts(plan, deps))}\n`;
    if (outputs.reportFile === null) write(text);
    else await writeFileAtomic(outputs.reportFile, text);
    return EXIT.pass;
  }
  const color = usesColor(process.stdout, process.env);
  const { outcome } = await runAudit(
    plan,
    deps,
    [...deliverySinks(plan, deps, write), reportSink(outputs, color, write, checkReportFile)],
    log,
  );
  // The audit's report stands; a failed upload is an error unless the verdict already fails.
  if (outcome.upload !== null && outcome.upload.kind !== 'uploaded') {
    log(`iam-mfa-audit: ${outcome.upload.reason}`);
  }
  if (outcome.verdict.result === 'fail') return EXIT.fail;
  return outcome.upload?.kind === 'failed' ? EXIT.error : EXIT.pass;
}
