/**
 * What may be done with the file at `sarif-file`: written only where nothing that is not
 * this tool's SARIF log is lost, and removed only when it is this tool's own earlier log.
 */
import type { Stats } from 'node:fs';
import { lstat, open, realpath, rm, stat } from 'node:fs/promises';
import { ConfigurationError } from '../errors.js';
import { writeFileAtomic } from './write-atomic.js';
import { notARegularFile } from './file-kind.js';
import { TOOL_NAME } from '../version.js';

/**
 * The largest file read to tell whether it is this tool's SARIF log: GitHub takes at most
 * 25,000 results a run, and each of this tool's results is about 1.5 KiB (40 MiB in all).
 */
const MAX_LOG_BYTES = 256 * 1024 * 1024;

/** What a file is: this tool's SARIF log, another tool's, or something else. */
type LogKind = 'ours' | { readonly otherTool: string } | 'not-sarif';

/**
 * Where the SARIF log may be written, checked before the audit starts: a new file, an empty
 * one, or a SARIF log this tool wrote (replaced whole). A symbolic link is followed (the link
 * stays, its target is written). A folder, a device, a FIFO or socket, the credential report
 * itself, another tool's SARIF log and any other file are refused, so no file of the user's
 * is overwritten. Returns the path to write.
 */
export async function sarifTarget(path: string, credentialReport: string | null): Promise<string> {
  const refuse = (why: string): ConfigurationError =>
    new ConfigurationError(
      `sarif-file ${JSON.stringify(path)}: ${why}; give the path of a regular file to write the SARIF log to.`,
    );
  if (/[/\\]$/.test(path)) throw refuse('names a folder');
  let target = path;
  let info: Stats | null;
  try {
    const link = await lstat(path);
    if (link.isSymbolicLink()) {
      target = await realpath(path).catch(() => {
        throw refuse('is a symbolic link to nothing');
      });
      info = await stat(target);
    } else {
      info = link;
    }
  } catch (error) {
    if (error instanceof ConfigurationError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') throw refuse(`cannot be checked (${code ?? String(error)})`);
    info = null; // a new file
  }
  if (info === null) return target;
  const notAFile = notARegularFile(info);
  if (notAFile !== null) throw refuse(notAFile);
  if (credentialReport !== null) {
    const report = await stat(credentialReport).catch(() => null);
    if (report !== null && report.dev === info.dev && report.ino === info.ino) {
      throw refuse('is the credential report being audited, which it would overwrite');
    }
  }
  if (info.size === 0) return target;
  const kind = await logKind(target);
  if (kind === 'ours') return target;
  throw refuse(
    kind === 'not-sarif'
      ? 'is a file that is not a SARIF log, which it would overwrite'
      : `is the SARIF log of another tool (${JSON.stringify(kind.otherTool)}), which it would overwrite`,
  );
}

/** Writes the log at `target` (where `given` leads); a failure names the path the user gave. */
export async function writeSarif(given: string, target: string, content: string): Promise<void> {
  try {
    await writeFileAtomic(target, content);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ConfigurationError(
      `sarif-file ${JSON.stringify(given)}: cannot write the SARIF log there (${code}); give the path of a file in a folder the step can write to.`,
    );
  }
}

/**
 * Removes the SARIF log an earlier run of this tool left at `path`, so that an upload step
 * after a failed run cannot publish stale results as this run's. Only a regular file that is
 * this tool's SARIF log is removed; anything else there is left alone. Returns whether a file
 * was removed.
 */
export async function removeStaleSarif(path: string): Promise<boolean> {
  if ((await logKind(path)) !== 'ours') return false;
  await rm(path, { force: true });
  return true;
}

/**
 * Whether the file at `path` is a SARIF 2.1.0 log whose every run is this tool's: parsed as
 * JSON, not guessed from its first bytes. Anything that is not a regular file, is larger
 * than MAX_LOG_BYTES or cannot be read or parsed is not a SARIF log.
 */
async function logKind(path: string): Promise<LogKind> {
  const text = await contents(path);
  if (text === null) return 'not-sarif';
  let log: unknown;
  try {
    log = JSON.parse(text);
  } catch {
    return 'not-sarif';
  }
  if (!isObject(log) || log.version !== '2.1.0' || !Array.isArray(log.runs)) return 'not-sarif';
  const tools = log.runs.map((run: unknown) => {
    const tool = isObject(run) && isObject(run.tool) ? run.tool.driver : undefined;
    return isObject(tool) && typeof tool.name === 'string' ? tool.name : null;
  });
  if (tools.length === 0 || tools.includes(null)) return 'not-sarif';
  const other = tools.find((name) => name !== TOOL_NAME);
  return other === undefined || other === null ? 'ours' : { otherTool: other };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A regular file's text, up to MAX_LOG_BYTES; null for anything else or what cannot be read. */
async function contents(path: string): Promise<string | null> {
  try {
    // lstat first: opening a FIFO would wait for a writer, and a link is not ours to judge.
    const info = await lstat(path);
    if (!info.isFile() || info.size > MAX_LOG_BYTES) return null;
    const file = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(info.size);
      const { bytesRead } = await file.read(buffer, 0, info.size, 0);
      return buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await file.close();
    }
  } catch {
    return null;
  }
}
