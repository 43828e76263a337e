import type { Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';

/**
 * Why a path cannot be read or written as a file (`is a directory`, `is not a regular file
 * (a FIFO)`), or null when it is a regular file.
 */
export function notARegularFile(info: Stats): string | null {
  if (info.isDirectory()) return 'is a directory';
  return info.isFile() ? null : `is not a regular file (${specialFileKind(info)})`;
}

/** What a path that is not a regular file or folder is, in words: `a FIFO`, `a socket`, … */
function specialFileKind(info: Stats): string {
  if (info.isFIFO()) return 'a FIFO';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  return 'a special file';
}

/**
 * A regular file's text, read whole when it is at most `maxBytes`; anything else is refused
 * through `refuse`, with why: `is a directory`, `is larger than 64 MiB`, `cannot be read
 * (ENOENT)`.
 */
export async function readRegularFile(
  path: string,
  maxBytes: number,
  refuse: (why: string) => Error,
): Promise<string> {
  const unreadable = (error: unknown): Error =>
    refuse(`cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  const info = await stat(path).catch((error: unknown) => {
    throw unreadable(error);
  });
  const notAFile = notARegularFile(info);
  if (notAFile !== null) throw refuse(notAFile);
  if (info.size > maxBytes) throw refuse(`is larger than ${maxBytes / 1024 / 1024} MiB`);
  return readFile(path, 'utf8').catch((error: unknown) => {
    throw unreadable(error);
  });
}
