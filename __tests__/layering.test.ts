/**
 * The layers keep their direction: the entries build the plan and the runner context, the
 * audit computes data, the outputs render it. Checked on the import statements of src/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './fixtures.js';

const SRC = join(repoRoot, 'src');

/** Every TypeScript file under src/, as a path relative to it. */
function sources(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [relative(SRC, path)] : [];
  });
}

/** The files of src/ a file imports (relative imports only), as paths relative to src/. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(SRC, file), 'utf8');
  return [...text.matchAll(/^(?:import|export)\b[^;]*?\sfrom\s+'(\.{1,2}\/[^']+)'/gms)].map(
    ([, spec = '']) =>
      relative(SRC, resolve(dirname(join(SRC, file)), spec)).replace(/\.js$/, '.ts'),
  );
}

const FILES = sources();
const ENTRIES = new Set(['index.ts', 'cli.ts']);

describe('the layering of src/', () => {
  it('reads the imports it checks', () => {
    expect(importsOf('index.ts')).toEqual(['main.ts']);
    expect(importsOf('audit.ts')).toContain('aws/connect.ts');
  });

  it('has nothing import main.ts but the action entry', () => {
    const importers = FILES.filter((f) => importsOf(f).includes('main.ts'));
    expect(importers).toEqual(['index.ts']);
  });

  it('has nothing import an entry', () => {
    expect(FILES.filter((f) => importsOf(f).some((i) => ENTRIES.has(i)))).toEqual([]);
  });

  it('keeps the AWS layer to itself: no plan, no audit, no outputs, no environment', () => {
    const allowed =
      /^(aws\/|model\.ts$|errors\.ts$|limits\.ts$|secrets\.ts$|text\.ts$|version\.ts$|io\/proxy\.ts$|report\/credential-report\.ts$)/;
    const aws = FILES.filter((f) => f.startsWith('aws/'));
    expect(aws.length).toBeGreaterThan(10);
    const crossings = aws.flatMap((f) =>
      importsOf(f)
        .filter((i) => !allowed.test(i))
        .map((i) => `${f} imports ${i}`),
    );
    expect(crossings).toEqual([]);
    const readsEnv = aws.filter((f) => /process\.env/.test(readFileSync(join(SRC, f), 'utf8')));
    expect(readsEnv).toEqual([]);
  });

  it('reads the environment only at the edges: the entries, the system deps and the surfaces', () => {
    const readsEnv = FILES.filter((f) => /process\.env/.test(readFileSync(join(SRC, f), 'utf8')));
    expect(readsEnv.sort()).toEqual([
      'cli.ts',
      'cli/run.ts',
      'io/system.ts',
      'main.ts',
      'surface/github.ts',
    ]);
  });

  it('keeps the core free of the outputs: rules, policy and the model import no sink or surface', () => {
    const core = FILES.filter((f) =>
      /^(rules\/|policy\/|model\.ts$|audit\.ts$|audit-result\.ts$)/.test(f),
    );
    const crossings = core.flatMap((f) =>
      importsOf(f)
        .filter((i) => /^(sinks\/|surface\/|main\.ts$|run\.ts$)/.test(i))
        .map((i) => `${f} imports ${i}`),
    );
    expect(crossings).toEqual([]);
  });
});
