import type { Stats } from 'node:fs';

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
