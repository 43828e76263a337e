import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ACTION_INPUTS } from '../src/options.js';
import { stepOutputs } from '../src/render/outputs.js';
import { VERSION } from '../src/version.js';
import { auditInputs, exampleReport, offlineDeps, repoRoot } from './fixtures.js';
import { runCli, sarifAt } from './runner.js';
import { onlyRun } from './sarif-validation.js';

interface ActionYml {
  inputs: Record<
    string,
    { description?: string; required?: boolean; default?: string | number | boolean }
  >;
  outputs: Record<string, { description?: string }>;
  runs: { using: string; main: string };
}

const action = parse(await readFile(join(repoRoot, 'action.yml'), 'utf8')) as ActionYml;
const packageJson = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as {
  version: string;
};

async function outputsOfARun(): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'iam-mfa-audit-test-'));
  try {
    const inputs: Record<string, string> = {
      'credential-report': exampleReport,
      'sarif-file': join(dir, 'audit.sarif'),
    };
    return Object.keys(stepOutputs(await auditInputs(inputs, offlineDeps())));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('action.yml', () => {
  it('declares exactly the inputs of INPUTS', () => {
    expect(Object.keys(action.inputs).sort()).toEqual(ACTION_INPUTS.map((i) => i.name).sort());
  });

  it('lists them in the order of INPUTS, as --help does', () => {
    expect(Object.keys(action.inputs)).toEqual(ACTION_INPUTS.map((input) => input.name));
  });

  it.each(
    ACTION_INPUTS.map((input) => [input.name, input.actionDefault ?? input.default] as const),
  )('declares %s with the default %j, not required', (name, fallback) => {
    const declared = action.inputs[name];
    expect(String(declared?.default ?? '')).toBe(fallback);
    expect(declared?.required).toBe(false);
  });

  it.each(ACTION_INPUTS.map((input) => [input.name, input.description] as const))(
    'describes %s as --help does',
    (name, description) => {
      expect(action.inputs[name]?.description).toBe(description);
    },
  );

  it('runs dist/index.js on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  });

  it('declares every output a run sets, each with a description', async () => {
    const produced = await outputsOfARun();
    expect(produced).toEqual(
      expect.arrayContaining([
        'findings',
        'failing-findings',
        'result',
        'max-severity',
        'sarif-file',
        'account-id',
        'not-assessed',
      ]),
    );
    for (const name of produced) {
      expect(action.outputs[name]?.description?.length ?? 0, name).toBeGreaterThan(0);
    }
  });
});

describe('version', () => {
  it("is package.json's, carried by the bundle into the SARIF it writes", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'iam-mfa-audit-test-'));
    try {
      const sarifFile = join(dir, 'audit.sarif');
      runCli(process.execPath, ['--credential-report', exampleReport, '--sarif-file', sarifFile]);
      expect(packageJson.version).toMatch(/^\d+\.\d+\.\d+$/);
      expect(onlyRun(sarifAt(sarifFile)).tool.driver.semanticVersion).toBe(packageJson.version);
      expect(VERSION).toBe(packageJson.version);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
