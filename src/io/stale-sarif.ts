import { lstat, open, rm } from 'node:fs/promises';

/** How much of a file is read to tell whether it is a SARIF log this tool wrote. */
const HEAD_BYTES = 4096;

/**
 * Removes the SARIF log an earlier run of this tool left at `path`, so that an upload step
 * after a failed run cannot publish stale results as this run's. Only a regular file that
 * begins as this tool's SARIF does is removed; anything else there is left alone. Returns
 * whether a file was removed.
 */
export async function removeStaleSarif(path: string): Promise<boolean> {
  let head: string;
  try {
    // lstat first: opening a FIFO would wait for a writer, and a link is not ours to judge.
    if (!(await lstat(path)).isFile()) return false;
    const file = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(HEAD_BYTES);
      const { bytesRead } = await file.read(buffer, 0, HEAD_BYTES, 0);
      head = buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await file.close();
    }
  } catch {
    return false; // nothing there, or nothing this process may read: nothing of ours to remove
  }
  const ours = /"version":\s*"2\.1\.0"/.test(head) && /"name":\s*"iam-mfa-audit"/.test(head);
  if (!ours) return false;
  await rm(path, { force: true });
  return true;
}
