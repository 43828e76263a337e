import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  type Document,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type YAMLMap,
} from 'yaml';
import { ConfigurationError } from '../errors.js';
import type { Suppression } from '../model.js';
import { visible } from '../text.js';

/** Where the suppressions are read from when the input names no file and this one exists. */
const DEFAULT_SUPPRESSIONS_FILE = '.github/iam-mfa-audit.yml';

/** The rules cloud-audit's own ids name here (its checks of the same name). */
const CLOUD_AUDIT_CHECKS = new Set(['aws-iam-001', 'aws-iam-002']);
const OUR_KEYS = new Set(['rule', 'principal', 'reason', 'owner', 'expires']);
const CLOUD_AUDIT_KEYS = new Set(['check_id', 'resource_id', 'reason', 'accepted_by', 'expires']);
const MAX_BYTES = 1024 * 1024;

export interface SuppressionsRead {
  readonly file: string | null;
  readonly suppressions: readonly Suppression[];
}

/**
 * Reads the suppressions: `path` when given (it must exist), else the default file when it
 * exists in the workspace, else none. Both this tool's format and cloud-audit's
 * `.cloud-audit.yml` are read; anything malformed is one line naming the file, the entry
 * and the field.
 */
export async function readSuppressions(
  path: string | null,
  workspace: string,
): Promise<SuppressionsRead> {
  const file = path ?? DEFAULT_SUPPRESSIONS_FILE;
  const full = resolve(workspace, file);
  const fail = (why: string): ConfigurationError =>
    new ConfigurationError(`suppressions-file ${JSON.stringify(file)}: ${visible(why)}`);
  let text: string;
  try {
    const info = await stat(full);
    if (!info.isFile()) throw fail('is not a regular file; give the path of a YAML file');
    if (info.size > MAX_BYTES)
      throw fail('is larger than 1 MiB; a suppressions file is a short list');
    text = await readFile(full, 'utf8');
  } catch (error) {
    if (error instanceof ConfigurationError) throw error;
    if (path === null && (error as NodeJS.ErrnoException).code === 'ENOENT') {
      return { file: null, suppressions: [] };
    }
    throw fail(
      `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}); give the path of a YAML file in the workspace, or leave the input empty`,
    );
  }
  return { file, suppressions: parseSuppressions(text, file) };
}

/** The suppressions a YAML text holds; `file` names it in messages. */
export function parseSuppressions(text: string, file: string): Suppression[] {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const prefix = `suppressions-file ${JSON.stringify(file)}`;
  const [problem] = document.errors;
  if (problem) {
    const line = problem.linePos?.[0].line ?? 1;
    throw new ConfigurationError(
      `${prefix}: line ${line}: not valid YAML (${problem.code}); see the README for the format`,
    );
  }
  const alias = firstAlias(document);
  if (alias !== undefined) {
    throw new ConfigurationError(
      `${prefix}: line ${lines.linePos(alias).line}: an alias (*name) is not read here; write the value out in full; see the README for the format`,
    );
  }
  const root = document.contents;
  if (root === null) return [];
  const list = isMap(root) ? root.get('suppressions') : undefined;
  if (!isMap(root) || (list !== undefined && list !== null && !isSeq(list))) {
    throw new ConfigurationError(
      `${prefix}: line 1: expected a mapping with a list under "suppressions:"; see the README for the format`,
    );
  }
  if (!isSeq(list)) return [];
  const cloudAudit = list.items.some((item) => isMap(item) && item.has('check_id'));
  return list.items.flatMap((item, index) => {
    const line = lines.linePos(item.range[0]).line;
    const where = `${file} entry ${index + 1} (line ${line})`;
    const bad = (field: string, why: string): never => {
      throw new ConfigurationError(
        `${prefix}: entry ${index + 1} (line ${line}): ${field}: ${why}`,
      );
    };
    if (!isMap(item))
      return bad('entry', 'expected a mapping of rule, principal, reason, owner, expires');
    return cloudAudit ? cloudAuditEntry(item, where, bad) : ourEntry(item, where, bad);
  });
}

type Bad = (field: string, why: string) => never;

/** The keys an entry has, as written. */
function keysOf(entry: YAMLMap): string[] {
  return entry.items.map((pair) =>
    String((pair.key as { value?: unknown } | null)?.value ?? pair.key),
  );
}

/**
 * Refuses what would make an entry accept more, or for longer, than it says: a key not in
 * `allowed` (a typo such as `expiry` or `resource-id` leaves the real key unset), and a
 * merge key, whose entries this reader does not apply.
 */
function onlyKeys(entry: YAMLMap, allowed: ReadonlySet<string>, bad: Bad, whose: string): void {
  for (const key of keysOf(entry)) {
    if (key === '<<') bad(key, 'merge keys are not read; write each entry out in full');
    if (!allowed.has(key)) bad(key, `unknown key; ${whose} has ${[...allowed].join(', ')}`);
  }
}

function text(entry: YAMLMap, key: string, bad: Bad, required: boolean): string | null {
  if (!entry.has(key)) return required ? bad(key, 'is required') : null;
  const value: unknown = entry.get(key);
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    return bad(
      key,
      required ? 'is empty; give it a value' : 'is empty; give it a value, or leave the key out',
    );
  }
  if (typeof value !== 'string') return bad(key, 'expected text');
  return value;
}

/** `expires`: a real calendar day, YYYY-MM-DD (YAML may read it as a date). */
function day(entry: YAMLMap, bad: Bad, required: boolean): string | null {
  if (!entry.has('expires')) {
    return required
      ? bad('expires', 'is required: the last day the acceptance holds, YYYY-MM-DD')
      : null;
  }
  const raw: unknown = entry.get('expires');
  // The YAML 1.2 core schema reads 2026-12-31 as text; a number or a list is not a day.
  const value = typeof raw === 'string' ? raw : JSON.stringify(raw ?? null);
  const date = new Date(`${value}T00:00:00Z`);
  if (
    !/^\d{4}-\d\d-\d\d$/.test(value) ||
    Number.isNaN(date.getTime()) ||
    date.toISOString().slice(0, 10) !== value
  ) {
    return bad('expires', `${JSON.stringify(value)} is not a day; use YYYY-MM-DD`);
  }
  return value;
}

function ourEntry(entry: YAMLMap, where: string, bad: Bad): Suppression[] {
  onlyKeys(entry, OUR_KEYS, bad, 'an entry');
  return [
    {
      rule: text(entry, 'rule', bad, true) ?? '*',
      principal: text(entry, 'principal', bad, true) ?? '*',
      match: 'glob',
      reason: text(entry, 'reason', bad, true) ?? '',
      owner: text(entry, 'owner', bad, false),
      expires: day(entry, bad, true),
      where,
    },
  ];
}

/**
 * cloud-audit's entries for the checks this tool runs, read as cloud-audit reads them:
 * `resource_id` names one principal exactly (`root` for aws-iam-001), and only an explicit
 * `"*"` accepts the whole check. Its entries for other checks are not ours to judge, but their
 * keys are checked all the same.
 */
function cloudAuditEntry(entry: YAMLMap, where: string, bad: Bad): Suppression[] {
  onlyKeys(
    entry,
    CLOUD_AUDIT_KEYS,
    bad,
    'an entry in cloud-audit’s format (one of the file’s entries has check_id)',
  );
  const check = text(entry, 'check_id', bad, true) ?? '';
  if (!CLOUD_AUDIT_CHECKS.has(check)) return [];
  if (!entry.has('resource_id')) {
    bad(
      'resource_id',
      `is required for ${check}: the user name (root for aws-iam-001), or "*" to accept every finding of the check`,
    );
  }
  return [
    {
      rule: check,
      principal: text(entry, 'resource_id', bad, true) ?? '',
      match: 'exact',
      reason: text(entry, 'reason', bad, true) ?? '',
      owner: text(entry, 'accepted_by', bad, false),
      expires: day(entry, bad, false),
      where,
    },
  ];
}

/**
 * Where the first alias (`*name`) of a document starts, if it has one. A merge key's alias
 * (`<<: *name`) is left to the entry's own message, which names the entry.
 */
function firstAlias(document: Document): number | undefined {
  let start: number | undefined;
  visit(document, {
    Alias: (_key, node, path) => {
      const parent = path.at(-1);
      if (isPair(parent) && isScalar(parent.key) && parent.key.value === '<<') return undefined;
      start = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return start;
}
