/**
 * The package as npm publishes it: packed, installed into an empty folder with no registry,
 * and run with `npx iam-mfa-audit`, as a user without a clone runs the CLI.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleReport, repoRoot, useTempDir } from './fixtures.js';

function run(command: string, args: readonly string[], cwd: string, home: string) {
  const child = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    // A home of its own: npm's cache and config start empty.
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, NO_COLOR: '1' },
  });
  if (child.error) throw child.error;
  return child;
}

describe('npx iam-mfa-audit', () => {
  const dir = useTempDir();

  it('runs from the packed package, installed with nothing else', () => {
    const packed = run('npm', ['pack', '--silent', '--pack-destination', dir()], repoRoot, dir());
    expect(packed.status).toBe(0);
    const [tarball] = readdirSync(dir()).filter((f) => f.endsWith('.tgz'));
    expect(tarball).toMatch(/^iam-mfa-audit-\d+\.\d+\.\d+\.tgz$/);

    const user = join(dir(), 'project');
    mkdirSync(user);
    // No dependency to fetch: the CLI is one bundle, so the install needs no registry.
    const installed = run(
      'npm',
      ['install', '--offline', '--no-audit', '--no-fund', join(dir(), tarball ?? '')],
      user,
      dir(),
    );
    expect(installed.status).toBe(0);
    expect(readdirSync(join(user, 'node_modules'))).toEqual([
      '.bin',
      '.package-lock.json',
      'iam-mfa-audit',
    ]);

    const audit = run(
      'npx',
      ['--no-install', 'iam-mfa-audit', '--credential-report', exampleReport],
      user,
      dir(),
    );
    expect(audit.stderr).toBe('');
    expect(audit.status).toBe(1);
    expect(audit.stdout).toContain(
      'FAIL: 5 findings at high or above, 0 tolerated (max-findings).',
    );
    // Nothing written where it ran: a SARIF file only when asked for.
    expect(readdirSync(user).sort()).toEqual(['node_modules', 'package-lock.json', 'package.json']);

    const version = run('npx', ['--no-install', 'iam-mfa-audit', '--version'], user, dir());
    expect(version.stdout).toMatch(/^iam-mfa-audit \d+\.\d+\.\d+\n$/);
  });
});
