import { sarifTarget, writeSarif } from '../io/sarif-file.js';
import { isStandardOutput, type AuditSource, type OutputChoice } from '../options.js';
import { renderSarif } from '../render/sarif.js';
import { inertJson } from '../text.js';
import { HOMEPAGE, RULES_URI, TOOL_NAME, VERSION } from '../version.js';
import type { Outcome, Sink } from './sink.js';

/** The SARIF log of an outcome, as the file holds it. */
export function sarifLogText(outcome: Outcome, category: string | null): string {
  const sarif = renderSarif({
    ...outcome,
    category,
    tool: { name: TOOL_NAME, version: VERSION, informationUri: HOMEPAGE, rulesUri: RULES_URI },
  });
  return `${inertJson(sarif, 2)}\n`;
}

/**
 * The SARIF log: rendered for every run (an upload sends it), and written at `sarif-file`
 * when there is one (`-` or /dev/stdout: standard output, through `write`). Required, since
 * code scanning and the gate read it. Its path is checked before the audit, so a bad path
 * replaces nothing and costs no AWS call.
 */
export function sarifSink(
  outputs: OutputChoice,
  source: AuditSource,
  write?: (text: string) => void,
): Sink {
  const given = outputs.sarifFile;
  const toFile = given !== null && !isStandardOutput(given);
  let target: string | null = null;
  return {
    name: 'SARIF file',
    required: true,
    prepare: async () => {
      if (!toFile) return;
      target = await sarifTarget(given, source.kind === 'report-file' ? source.path : null);
    },
    emit: async (outcome) => {
      const text = sarifLogText(outcome, outputs.sarifCategory);
      if (given === null) return { sarifFile: null, sarifText: text };
      if (toFile) await writeSarif(given, target ?? given, text);
      else if (write) write(text);
      else throw new Error('this entry writes no SARIF to standard output');
      return { sarifFile: given, sarifText: text };
    },
  };
}
