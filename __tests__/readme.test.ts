/** The README's and docs' tables and links say what the code and the examples hold. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ACTION_INPUTS } from '../src/options.js';
import { RULES } from '../src/rules/catalog.js';
import { repoRoot } from './fixtures.js';

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const DOCS = readdirSync(join(repoRoot, 'docs'))
  .filter((name) => name.endsWith('.md'))
  .map((name) => `docs/${name}`);
const rulesDoc = readFileSync(join(repoRoot, 'docs', 'rules.md'), 'utf8');
const leastPrivilege = readFileSync(join(repoRoot, 'docs', 'least-privilege.md'), 'utf8');
const action = parse(readFileSync(join(repoRoot, 'action.yml'), 'utf8')) as {
  outputs: Record<string, unknown>;
};

/** The cells of the table rows of `text` whose first cell is `name` in backticks. */
function row(name: string, text = readme): string[] | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`| \`${name}\``));
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
      expect(row(id, rulesDoc)?.slice(1, 3)).toEqual([rule.name, rule.severity]);
    },
  );

  it('lists exactly the actions of examples/iam-policy.json, which it links rather than copies', () => {
    const policy = JSON.parse(
      readFileSync(join(repoRoot, 'examples', 'iam-policy.json'), 'utf8'),
    ) as { Statement: { Action: string[] }[] };
    const listed = [...leastPrivilege.matchAll(/^\| `([a-z]+:\w+)` +\|/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual(policy.Statement.flatMap((st) => st.Action).sort());
    expect(leastPrivilege).toContain('(../examples/iam-policy.json)');
    expect(leastPrivilege).toContain('(../examples/trust-policy.json)');
    for (const file of ['README.md', ...DOCS]) {
      const text = readFileSync(join(repoRoot, file), 'utf8');
      expect(text, file).not.toMatch(/```json\n\{\n\s*"Version": "2012-10-17"/);
    }
  });

  it('fits a newcomer: at most 300 lines, none over 200 characters', () => {
    const lines = readme.split('\n');
    expect(lines.length).toBeLessThanOrEqual(300);
    expect(lines.filter((line) => line.length > 200)).toEqual([]);
  });

  it('links only to files and headings that exist, in the README and the docs', () => {
    const slug = (heading: string): string =>
      heading
        .toLowerCase()
        .replace(/[^\w\- ]/g, '')
        .replace(/ /g, '-');
    const broken: string[] = [];
    for (const file of ['README.md', ...DOCS]) {
      const text = readFileSync(join(repoRoot, file), 'utf8');
      for (const [, target = ''] of text.matchAll(/\]\(((?!https?:)[^)\s]+)\)/g)) {
        const [path = '', anchor] = target.split('#');
        const resolved = path === '' ? file : join(dirname(file), path);
        if (!existsSync(join(repoRoot, resolved))) {
          broken.push(`${file}: ${target}`);
          continue;
        }
        if (anchor === undefined || !resolved.endsWith('.md')) continue;
        const headings = readFileSync(join(repoRoot, resolved), 'utf8')
          .split('\n')
          .filter((line) => /^#+ /.test(line))
          .map((line) => slug(line.replace(/^#+ /, '')));
        if (!headings.includes(anchor)) broken.push(`${file}: ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('gives the two quick-start commands', () => {
    expect(readme).toContain('node dist/cli.js --credential-report examples/credential-report.csv');
    expect(readme).toContain('npm ci && npm test');
  });
});
