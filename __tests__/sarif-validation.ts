import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { repoRoot } from './fixtures.js';

export const sarifSchemaPath = resolve(repoRoot, '../shared/schemas/sarif-schema-2.1.0.json');

const schema = JSON.parse(readFileSync(sarifSchemaPath, 'utf8')) as Record<string, unknown>;
// ajv-draft-04 is CommonJS: its class is both the module and its `default`.
const Ajv = AjvDraft04.default;
const ajv = new Ajv({ strict: false, allErrors: true });
// The schema's formats (uri, uri-reference, date-time) are checked, not ignored.
addFormats.default(ajv);
const validate = ajv.compile(schema);

/** Schema violations of a SARIF log as `path: message` lines; empty when it is valid. */
export function sarifSchemaErrors(log: unknown): string[] {
  if (validate(log)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? e.keyword}`);
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

/** The parts of a SARIF log the tests look at, typed loosely enough to read any log. */
export interface SarifLog {
  readonly version: string;
  readonly runs: readonly SarifRun[];
}

export interface SarifRun {
  readonly tool: { readonly driver: { readonly name: string; readonly rules: SarifRule[] } };
  readonly results: SarifResult[];
  readonly automationDetails?: { readonly id: string };
}

export interface SarifRule {
  readonly id: string;
  readonly shortDescription?: { readonly text?: string };
  readonly fullDescription?: { readonly text?: string };
  readonly help?: { readonly text?: string; readonly markdown?: string };
  readonly properties?: { readonly tags?: string[]; readonly 'security-severity'?: unknown };
}

export interface SarifResult {
  readonly ruleId: string;
  readonly ruleIndex?: number;
  readonly level?: string;
  readonly message: { readonly text?: string };
  readonly locations?: readonly {
    readonly physicalLocation?: {
      readonly artifactLocation?: { readonly uri?: string };
      readonly region?: { readonly startLine?: number };
    };
    readonly logicalLocations?: readonly Record<string, unknown>[];
  }[];
  readonly partialFingerprints?: Record<string, string>;
  readonly properties?: Record<string, unknown>;
}

export function asSarif(log: unknown): SarifLog {
  return log as SarifLog;
}

export function onlyRun(log: unknown): SarifRun {
  const [run, ...others] = asSarif(log).runs;
  if (!run || others.length > 0) throw new Error('expected a log with exactly one run');
  return run;
}
