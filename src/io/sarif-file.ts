/**
 * What may be done with the file at `sarif-file`: written only where nothing that is not a
 * SARIF log is lost, and removed only when it is this tool's own earlier log.
 */
import type { Stats } from 'node:fs';
import { lstat, open, realpath, rm, stat } from 'node:fs/promises';
import { ConfigurationError } from '../errors.js';
import { writeFileAtomic } from './write-atomic.js';
import { notARegularFile } from './file-kind.js';
import { TOOL_NAME } from '../version.js';

/** How much of a file is read to tell whether it is a SARIF log. */
const HEAD_BYTES = 4096;
const SARIF_VERSION = /"version"\s*:\s*"2\.1\.0"/;
/** The tool of a log this tool wrote. */
const OUR_TOOL = new RegExp(`"name":\\s*"${TOOL_NAME}"`);

/**
 * Where the SARIF log may be written, checked before the audit starts: a new file, an empty
 * one, or a SARIF log (replaced whole). A symbolic link is followed (the link stays, its
 * target is written). A folder, a device, a FIFO or socket, the credential report itself and
 * any other file are refused, so no file of the user's is overwritten. Returns the path to
 * write.
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
  if (info.size > 0 && !SARIF_VERSION.test((await head(target)) ?? '')) {
    throw refuse('is a file that is not a SARIF log, which it would overwrite');
  }
  return target;
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
 * after a failed run cannot publish stale results as this run's. Only a regular file that
 * begins as this tool's SARIF does is removed; anything else there is left alone. Returns
 * whether a file was removed.
 */
export async function removeStaleSarif(path: string): Promise<boolean> {
  const text = await head(path);
  const ours = text !== null && SARIF_VERSION.test(text) && OUR_TOOL.test(text);
  if (!ours) return false;
  await rm(path, { force: true });
  return true;
}

/** The first HEAD_BYTES of a regular file; null for anything else or what cannot be read. */
async function head(path: string): Promise<string | null> {
  try {
    // lstat first: opening a FIFO would wait for a writer, and a link is not ours to judge.
    if (!(await lstat(path)).isFile()) return null;
    const file = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(HEAD_BYTES);
      const { bytesRead } = await file.read(buffer, 0, HEAD_BYTES, 0);
      return buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await file.close();
    }
  } catch {
    return null;
  }
}
