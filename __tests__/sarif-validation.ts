import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { Log, ReportingDescriptor, Result, Run, ToolComponent } from 'sarif';
import { repoRoot } from './fixtures.js';

/** The OASIS SARIF 2.1.0 schema, kept in the project (origin in schemas/README.md). */
const schema = JSON.parse(
  readFileSync(join(repoRoot, '__tests__', 'schemas', 'sarif-schema-2.1.0.json'), 'utf8'),
) as Record<string, unknown>;
// ajv-draft-04 is CommonJS: its class is both the module and its `default`.
const Ajv = AjvDraft04.default;
const ajv = new Ajv({ strict: false, allErrors: true });
// The schema's formats (uri, uri-reference, date-time) are checked, not ignored.
addFormats.default(ajv);
const validate = ajv.compile<Log>(schema);

/** Schema violations of a SARIF log as `path: message` lines; empty when it is valid. */
export function sarifSchemaErrors(log: unknown): string[] {
  if (validate(log)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? e.keyword}`);
}

/** A SARIF log read from text: valid against the schema, or an error listing why not. */
export function parseSarif(text: string): Log {
  const log: unknown = JSON.parse(text);
  if (!validate(log)) {
    throw new Error(`not a valid SARIF 2.1.0 log:\n${sarifSchemaErrors(log).join('\n')}`);
  }
  return log;
}

/** JSON paths of every empty string in a value (GitHub rejects empty strings in SARIF). */
export function emptyStringPaths(value: unknown, path = '$'): string[] {
  if (value === '') return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => emptyStringPaths(v, `${path}[${i}]`));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => [
      ...(k === '' ? [`${path}.<empty key>`] : []),
      ...emptyStringPaths(v, `${path}.${k}`),
    ]);
  }
  return [];
}

/** A run as the audit writes it: its rules and its results always listed. */
export type AuditRun = Run & {
  readonly results: Result[];
  readonly tool: { readonly driver: ToolComponent & { readonly rules: ReportingDescriptor[] } };
};

/** The log's one run (an audit writes exactly one), with its rules and results. */
export function onlyRun(log: Log): AuditRun {
  const [run, ...others] = log.runs;
  if (!run || others.length > 0) throw new Error('expected a log with exactly one run');
  const { results } = run;
  const { rules } = run.tool.driver;
  if (!results || !rules) throw new Error('expected the run to list its rules and results');
  return { ...run, results, tool: { ...run.tool, driver: { ...run.tool.driver, rules } } };
}
