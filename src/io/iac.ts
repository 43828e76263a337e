import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';

/** Where the repository defines an IAM user: the line an alert about it belongs on. */
export interface Definition {
  /** Relative to the workspace, with `/`. */
  readonly path: string;
  readonly line: number;
}

/** How much of the tree is read at the most: a bound, not a crawl of everything. */
export const IAC_LIMITS = { files: 5000, fileBytes: 1024 * 1024, milliseconds: 5000 } as const;

// Dependencies and caches, never the code that defines users (.terraform holds provider binaries).
const SKIPPED = new Set(['node_modules', '.git', '.terraform', '.venv']);
const CANDIDATE = /\.(tf|ya?ml|json|template)$/i;

/**
 * The IAM users defined in Terraform (`resource "aws_iam_user"` with a literal `name`, or the
 * `aws_iam_user_login_profile` that gives it its password) or CloudFormation
 * (`AWS::IAM::User` with a literal `UserName`, YAML or JSON) under `roots`, by user name.
 * Bounded in files, size and time; what is past the bound is not read, and `complete` says so.
 */
export async function findUserDefinitions(
  roots: readonly string[],
  workspace: string,
  now: () => number = Date.now,
): Promise<{ definitions: Map<string, Definition>; complete: boolean }> {
  const definitions = new Map<string, Definition>();
  const deadline = now() + IAC_LIMITS.milliseconds;
  let files = 0;
  let complete = true;
  const queue = roots.map((root) => resolve(workspace, root));
  while (queue.length > 0) {
    const dir = queue.shift() ?? '';
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      continue; // a root that is a file, or a folder that cannot be read: nothing to find
    }
    for (const entry of entries) {
      if (files >= IAC_LIMITS.files || now() > deadline) return { definitions, complete: false };
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED.has(entry.name)) queue.push(path);
        continue;
      }
      if (!entry.isFile() || !CANDIDATE.test(entry.name)) continue;
      files += 1;
      const size = (await stat(path).catch(() => null))?.size ?? Infinity;
      if (size > IAC_LIMITS.fileBytes) {
        complete = false;
        continue;
      }
      const text = await readFile(path, 'utf8').catch(() => '');
      const where = relative(workspace, path).split(sep).join('/');
      const found = path.endsWith('.tf') ? terraformUsers(text) : cloudFormationUsers(text);
      for (const [name, line] of found) {
        if (!definitions.has(name)) definitions.set(name, { path: where, line });
      }
    }
  }
  return { definitions, complete };
}

/** Terraform: each `aws_iam_user` with a literal name, at its login profile if it has one. */
export function terraformUsers(text: string): Map<string, number> {
  const lines = text.split(/\r?\n/);
  const users = new Map<string, { name: string; line: number }>(); // by resource label
  const profiles = new Map<string, number>(); // user label → login profile line
  lines.forEach((line, i) => {
    const user = /^\s*resource\s+"aws_iam_user"\s+"([^"]+)"/.exec(line);
    if (user?.[1]) {
      const name = attribute(lines, i, 'name');
      if (name !== null) users.set(user[1], { name, line: i + 1 });
      return;
    }
    if (/^\s*resource\s+"aws_iam_user_login_profile"\s+"[^"]+"/.test(line)) {
      const ref = /aws_iam_user\.([\w-]+)\.(?:name|id)/.exec(blockOf(lines, i).join('\n'));
      if (ref?.[1] && !profiles.has(ref[1])) profiles.set(ref[1], i + 1);
    }
  });
  return new Map([...users].map(([label, u]) => [u.name, profiles.get(label) ?? u.line]));
}

/** The lines of the block that opens at `start`, up to its closing brace at the line start. */
function blockOf(lines: readonly string[], start: number): string[] {
  let end = start + 1;
  while (end < lines.length && !/^}/.test(lines[end] ?? '')) end += 1;
  return lines.slice(start, end);
}

/** A literal string attribute of the block at `start` (no interpolation); null otherwise. */
function attribute(lines: readonly string[], start: number, key: string): string | null {
  const literal = new RegExp(`^\\s*${key}\\s*=\\s*"([^"$]+)"\\s*$`);
  for (const line of blockOf(lines, start)) {
    const match = literal.exec(line);
    if (match?.[1]) return match[1];
  }
  return null;
}

/** CloudFormation (YAML or JSON): each `AWS::IAM::User` with a literal `UserName`. */
export function cloudFormationUsers(text: string): Map<string, number> {
  const found = new Map<string, number>();
  if (!text.includes('AWS::IAM::User')) return found;
  const counter = new LineCounter();
  // CloudFormation's short forms (!Ref, !Sub) are custom tags: kept as they are, not errors.
  const document = parseDocument(text, { lineCounter: counter, strict: false });
  const resources = isMap(document.contents) ? document.contents.get('Resources') : null;
  if (!isMap(resources)) return found;
  for (const pair of resources.items) {
    const resource = pair.value;
    const type: unknown = isMap(resource) ? resource.get('Type') : null;
    if (!isMap(resource) || type !== 'AWS::IAM::User') continue;
    const properties = resource.get('Properties');
    const name: unknown = isMap(properties) ? properties.get('UserName') : null;
    const offset = isScalar(pair.key) ? pair.key.range[0] : undefined;
    if (typeof name === 'string' && offset !== undefined) {
      found.set(name, counter.linePos(offset).line);
    }
  }
  return found;
}
