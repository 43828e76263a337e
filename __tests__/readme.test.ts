/** The README's tables and policy say what the code does. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ACTION_INPUTS } from '../src/options.js';
import { RULES } from '../src/rules/catalog.js';
import { repoRoot } from './fixtures.js';

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const action = parse(readFileSync(join(repoRoot, 'action.yml'), 'utf8')) as {
  outputs: Record<string, unknown>;
};

/** The cells of the table rows whose first cell is `name` in backticks. */
function row(name: string): string[] | undefined {
  const line = readme.split('\n').find((l) => l.startsWith(`| \`${name}\``));
  return line
    ?.split('|')
    .slice(1, -1)
    .map((cell) => cell.trim());
}

describe('README', () => {
  it.each(ACTION_INPUTS.map((input) => [input.name, input]))(
    'lists input %s with its default',
    (_name, input) => {
      const cells = row(input.name);
      const fallback = input.actionDefault ?? input.default;
      expect(cells?.[1]).toBe(fallback === '' ? '' : `\`${fallback}\``);
    },
  );

  it.each(Object.keys(action.outputs))('lists output %s', (name) => {
    expect(row(name)).toBeDefined();
  });

  it.each(RULES.map((rule) => [rule.id, rule]))(
    'lists rule %s with its name and severity',
    (id, rule) => {
      expect(row(id)?.slice(1, 3)).toEqual([rule.name, rule.severity]);
    },
  );

  it('shows the least-privilege policy exactly as examples/iam-policy.json', () => {
    const policy = JSON.parse(
      readFileSync(join(repoRoot, 'examples', 'iam-policy.json'), 'utf8'),
    ) as unknown;
    const blocks = [...readme.matchAll(/```json\n([\s\S]*?)```/g)].map(
      (m) => JSON.parse(m[1] ?? '') as unknown,
    );
    expect(blocks).toContainEqual(policy);
  });

  it('gives the two quick-start commands', () => {
    expect(readme).toContain('node dist/cli.js --credential-report examples/credential-report.csv');
    expect(readme).toContain('npm ci && npm test');
  });
});
