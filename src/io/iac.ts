import type { Dirent } from 'node:fs';
import { open, readdir, readFile, stat, type FileHandle } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { ConfigurationError } from '../errors.js';

/** Where the repository defines an IAM user: the line an alert about it belongs on. */
export interface Definition {
  /** Relative to the workspace, with `/`. */
  readonly path: string;
  readonly line: number;
}

/** How much of the tree is read at the most: a bound, not a crawl of everything. */
export const IAC_LIMITS = { files: 5000, fileBytes: 1024 * 1024, milliseconds: 5000 } as const;

/**
 * Folders never searched: dependencies and caches (.terraform holds provider binaries), and
 * this action's own source where the reusable workflow checks it out.
 */
const SKIPPED = new Set(['node_modules', '.git', '.terraform', '.venv', '.iam-mfa-audit-action']);
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
  const queue = roots.map((root) => {
    const path = resolve(workspace, root);
    const inside = relative(resolve(workspace), path);
    if (inside.startsWith('..') || isAbsolute(inside)) {
      throw new ConfigurationError(
        `iac-paths: ${JSON.stringify(root)} is outside the workspace (${workspace}); give folders inside it, relative to it.`,
      );
    }
    return path;
  });
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
        // Not read whole: the search is incomplete only if the file may define users (a
        // lock file or a test report of several MiB is no template).
        if (await mayDefineUsers(path)) complete = false;
        continue;
      }
      const text = await readFile(path, 'utf8').catch(() => '');
      const where = relative(workspace, path).split(sep).join('/');
      const found = path.endsWith('.tf')
        ? terraformUsers(text, () => now() > deadline)
        : cloudFormationUsers(text);
      if (found === null) return { definitions, complete: false };
      for (const [name, line] of found) {
        if (!definitions.has(name)) definitions.set(name, { path: where, line });
      }
    }
  }
  return { definitions, complete };
}

/** How much of a file too large to read is looked at to tell whether it may be IaC. */
const HEAD_BYTES = 64 * 1024;

/**
 * Whether a file too large to read may define IAM users: any Terraform file, and a JSON or
 * YAML file whose start names CloudFormation (`AWSTemplateFormatVersion`, an `AWS::` type).
 */
async function mayDefineUsers(path: string): Promise<boolean> {
  if (path.endsWith('.tf')) return true;
  let file: FileHandle | null = null;
  try {
    file = await open(path, 'r');
    const head = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await file.read(head, 0, HEAD_BYTES, 0);
    return /AWSTemplateFormatVersion|AWS::/.test(head.subarray(0, bytesRead).toString('utf8'));
  } catch {
    return true; // what cannot be looked at may be anything
  } finally {
    await file?.close();
  }
}

/** A top-level block of a Terraform file: its first line and the lines up to its end. */
interface Block {
  readonly line: number;
  readonly lines: string[];
}

/** How many lines are read between two looks at the clock. */
const LINES_PER_LOOK = 2000;

/**
 * Terraform: each `aws_iam_user` with a literal name, at its login profile if it has one.
 * Each line is read once: a block runs from its `resource` line to the next `}` at the start
 * of a line or the next `resource`, whichever comes first. Returns null when `expired` says
 * the time is up before the file is read.
 */
export function terraformUsers(
  text: string,
  expired: () => boolean = () => false,
): Map<string, number> | null {
  const users = new Map<string, { name: string; line: number }>(); // by resource label
  const profiles = new Map<string, number>(); // user label → login profile line
  let open: { kind: 'user' | 'profile'; label: string; block: Block } | null = null;
  const close = (): void => {
    if (open === null) return;
    const body = open.block.lines.join('\n');
    if (open.kind === 'user') {
      const name = /^\s*name\s*=\s*"([^"$]+)"\s*$/m.exec(body)?.[1];
      if (name) users.set(open.label, { name, line: open.block.line });
    } else {
      const ref = /aws_iam_user\.([\w-]+)\.(?:name|id)/.exec(body)?.[1];
      if (ref && !profiles.has(ref)) profiles.set(ref, open.block.line);
    }
    open = null;
  };
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    if (i % LINES_PER_LOOK === 0 && expired()) return null;
    const line = lines[i] ?? '';
    const resource = /^\s*resource\s+"(aws_iam_user|aws_iam_user_login_profile)"\s+"([^"]+)"/.exec(
      line,
    );
    if (resource !== null || /^\s*resource\s/.test(line) || line.startsWith('}')) close();
    if (resource?.[1] && resource[2]) {
      open = {
        kind: resource[1] === 'aws_iam_user' ? 'user' : 'profile',
        label: resource[2],
        block: { line: i + 1, lines: [] },
      };
    } else if (open !== null) {
      open.block.lines.push(line);
    }
  }
  close();
  return new Map([...users].map(([label, u]) => [u.name, profiles.get(label) ?? u.line]));
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
