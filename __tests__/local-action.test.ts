/**
 * GitHub's own runner for actions from source, @github/local-action, runs the action's
 * src/main.ts run() with its stubs of @actions/core, as `npm run local-action` does.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runChild } from './aws/live-helpers.js';
import { repoRoot, useTempDir } from './fixtures.js';
import { sarifAt } from './runner.js';
import { onlyRun } from './sarif-validation.js';

describe('npm run local-action', () => {
  const dir = useTempDir();

  it('runs the action from source on the example report: outputs, annotations, SARIF and summary', async () => {
    const envFile = join(dir(), 'local-action.env');
    const example = await readFile(join(repoRoot, 'examples', 'local-action.env'), 'utf8');
    // The shipped file, with its outputs moved into this test's folder.
    await writeFile(
      envFile,
      example
        .replace(/^INPUT_SARIF-FILE=.*$/m, `INPUT_SARIF-FILE=${join(dir(), 'audit.sarif')}`)
        .replace(/^GITHUB_STEP_SUMMARY=.*$/m, `GITHUB_STEP_SUMMARY=${join(dir(), 'summary.md')}`),
    );
    const bin = join(repoRoot, 'node_modules', '.bin');
    const exit = await runChild(join(bin, 'local-action'), ['run', '.', 'src/main.ts', envFile], {
      cwd: repoRoot,
      // local-action needs Node 22 or later: the project's own Node 24 comes first.
      env: { PATH: `${bin}:${process.env.PATH ?? ''}`, HOME: dir(), NO_COLOR: '1' },
      timeoutMs: 120_000,
    });
    expect(exit.stderr).not.toMatch(/Error|at .*\.ts:\d+/);
    const out = exit.stdout;
    expect(out).toContain('::set-output name=result::fail');
    expect(out).toContain('::set-output name=findings::5');
    expect(out).toContain('::set-output name=account-id::111122223333');
    expect(out.match(/^::error title=aws-iam-00[12] /gm)).toHaveLength(5);
    expect(out).toContain('::error::5 findings at high or above, 0 tolerated (max-findings).');
    expect(onlyRun(sarifAt(join(dir(), 'audit.sarif'))).results).toHaveLength(5);
    expect(await readFile(join(dir(), 'summary.md'), 'utf8')).toMatch(/^## ❌ IAM MFA audit: fail/);
  });
});
