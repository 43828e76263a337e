import { lstat, realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { ConfigurationError } from '../errors.js';
import { specialFileKind } from './file-kind.js';

/**
 * Where the SARIF log may be written, checked before the audit starts: a regular file, or a
 * path where none exists yet. A symbolic link is followed (the link stays, its target is
 * written); a folder, a device, a FIFO or socket, and the credential report itself are
 * refused, so no file is replaced that was never a SARIF log. Returns the path to write.
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
  if (info.isDirectory()) throw refuse('is a directory');
  if (!info.isFile()) throw refuse(`is not a regular file (${specialFileKind(info)})`);
  if (credentialReport !== null) {
    const report = await stat(credentialReport).catch(() => null);
    if (report !== null && report.dev === info.dev && report.ino === info.ino) {
      throw refuse('is the credential report being audited, which it would overwrite');
    }
  }
  return target;
}
