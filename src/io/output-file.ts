import { lstat, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigurationError } from '../errors.js';
import { notARegularFile } from './file-kind.js';

/**
 * Checks, before the audit, that the CLI may write its report at `path` (given as `flag`): a
 * new file or a regular file, which is replaced whole; never a folder, a device or a FIFO,
 * nor one of the files the run reads (`inputs`: the credential report, the suppressions
 * file), which it would overwrite.
 */
export async function checkOutputFile(
  path: string,
  flag: string,
  inputs: readonly (string | null)[],
): Promise<void> {
  const refuse = (why: string): ConfigurationError =>
    new ConfigurationError(
      `${flag} ${JSON.stringify(path)}: ${why}; give the path of a file to write the report to, or - for standard output.`,
    );
  if (/[/\\]$/.test(path)) throw refuse('names a folder');
  // A file this run writes too, that does not exist yet, has no inode to compare: its name does.
  const same = inputs.find((input) => input !== null && resolve(input) === resolve(path));
  if (same !== undefined && same !== null)
    throw refuse(`is ${same}, which this run reads or writes`);
  const info = await stat(path).catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    throw refuse(`cannot be checked (${code ?? String(error)})`);
  });
  if (info === null) {
    // A link to nothing would be written through to wherever it points.
    if ((await lstat(path).catch(() => null))?.isSymbolicLink()) {
      throw refuse('is a symbolic link to nothing');
    }
    return;
  }
  const notAFile = notARegularFile(info);
  if (notAFile !== null) throw refuse(notAFile);
  for (const input of inputs) {
    if (input === null) continue;
    const read = await stat(input).catch(() => null);
    if (read !== null && read.dev === info.dev && read.ino === info.ino) {
      throw refuse(`is ${input}, which this run reads or writes`);
    }
  }
}
