import { sarifTarget, writeSarif } from '../io/sarif-file.js';
import type { AuditSource, OutputChoice } from '../options.js';
import { renderSarif } from '../render/sarif.js';
import { inertJson } from '../text.js';
import { HOMEPAGE, RULES_URI, TOOL_NAME, VERSION } from '../version.js';
import type { Sink } from './sink.js';

/**
 * The SARIF log, written at `sarif-file`: required, since code scanning and the gate read it.
 * Its path is checked before the audit, so a bad path replaces nothing and costs no AWS call.
 */
export function sarifFileSink(outputs: OutputChoice, source: AuditSource): Sink {
  let target: string | null = null;
  const given = outputs.sarifFile;
  return {
    name: 'SARIF file',
    required: true,
    prepare: async () => {
      target = await sarifTarget(given, source.kind === 'report-file' ? source.path : null);
    },
    emit: async (outcome) => {
      const sarif = renderSarif({
        ...outcome,
        category: outputs.sarifCategory,
        tool: { name: TOOL_NAME, version: VERSION, informationUri: HOMEPAGE, rulesUri: RULES_URI },
      });
      const text = `${inertJson(sarif, 2)}\n`;
      await writeSarif(given, target ?? given, text);
      return { sarifFile: given, sarifText: text };
    },
  };
}
