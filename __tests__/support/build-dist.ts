/**
 * Vitest global setup: the end-to-end tests run dist/, so dist/ is rebuilt before any test
 * when a file under src/ (or the lock file) is newer than either bundle. `npm test` builds
 * first, so this costs nothing there; it keeps `npx vitest run FILE` from testing a stale
 * bundle after an edit.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../fixtures.js';

/** The newest modification time of the files under `dir`, in ms. */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) {
      latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return latest;
}

function modified(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

export default function setup(): void {
  const built = Math.min(
    modified(join(repoRoot, 'dist', 'index.js')),
    modified(join(repoRoot, 'dist', 'cli.js')),
  );
  const sources = Math.max(
    newest(join(repoRoot, 'src')),
    modified(join(repoRoot, 'package-lock.json')),
  );
  if (sources > built) {
    execFileSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  }
}
