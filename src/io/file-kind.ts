import type { Stats } from 'node:fs';

/** What a path that is not a regular file or folder is, in words: `a FIFO`, `a socket`, … */
export function specialFileKind(info: Stats): string {
  if (info.isFIFO()) return 'a FIFO';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  return 'a special file';
}
