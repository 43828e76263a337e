import type { AuditSource, OutputChoice } from '../options.js';
import type { RunnerContext } from '../runner-context.js';
import { sarifSink } from './sarif-file.js';
import type { Sink } from './sink.js';
import { uploadSink } from './upload.js';

/**
 * The sinks every entry delivers the results with: the SARIF log, and its upload to code
 * scanning when asked for (the token masked first). `write` takes a SARIF log sent to
 * standard output (the CLI's `--sarif-file -`).
 */
export function deliverySinks(
  plan: { readonly outputs: OutputChoice; readonly source: AuditSource },
  deps: Parameters<typeof uploadSink>[2] & {
    readonly context: RunnerContext;
    readonly setSecret: (value: string) => void;
  },
  write?: (text: string) => void,
): Sink[] {
  const { uploadToken } = plan.outputs;
  if (uploadToken === null) return [sarifSink(plan.outputs, plan.source, write)];
  deps.setSecret(uploadToken);
  return [sarifSink(plan.outputs, plan.source, write), uploadSink(uploadToken, deps.context, deps)];
}
