/**
 * Suppressions through dist/index.js as the runner runs it: accepted findings stay in the
 * SARIF as suppressed and leave the threshold; expired entries accept nothing and say so;
 * cloud-audit's file is read when named; a malformed file is one line naming the entry and field.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleReport, useTempDir } from './fixtures.js';
import { runAction, sarifAt } from './runner.js';
import { onlyRun } from './sarif-validation.js';

const lines = (text: string): string[] => text.split('\n').filter((l) => l !== '');

/** A workspace holding `files` (path → text), as a checkout would. */
function workspace(dir: string, files: Readonly<Record<string, string>>): string {
  const root = join(dir, 'workspace');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const OURS = `# Accepted findings, each with a reason and a last day.
suppressions:
  - rule: aws-iam-002
    principal: bob
    reason: Break-glass user; its security key is in the safe
    owner: platform-team
    expires: 2099-12-31
  - rule: "*"
    principal: arn:aws:iam::111122223333:user/engineering/*
    reason: Engineering's sandbox users, being moved to SSO
    expires: 2099-01-31
  - rule: aws-iam-002
    principal: dave
    reason: Was a migration account
    expires: 2020-01-01
  - rule: aws-iam-002
    principal: nobody
    reason: Left over
    expires: 2099-01-01
`;

describe('a suppressions file in the workspace (.github/iam-mfa-audit.yml)', () => {
  const dir = useTempDir();

  it('accepts what it names, counts the rest, and says which entries expired or matched nothing', () => {
    const root = workspace(dir(), { '.github/iam-mfa-audit.yml': OURS });
    const sarifFile = join(dir(), 'audit.sarif');
    const step = runAction(
      dir(),
      { 'credential-report': exampleReport, 'sarif-file': sarifFile },
      { GITHUB_WORKSPACE: root },
    );
    expect(step.status).toBe(1);
    expect(step.outputs).toMatchObject({
      findings: '5',
      'failing-findings': '3',
      suppressed: '2',
      result: 'fail',
    });
    const results = onlyRun(sarifAt(sarifFile)).results;
    const byName = new Map(
      results.map((r) => [r.locations?.[0]?.logicalLocations?.[0]?.name ?? '', r]),
    );
    expect(byName.get('bob')?.suppressions).toEqual([
      {
        kind: 'external',
        status: 'accepted',
        justification: 'Break-glass user; its security key is in the safe',
        properties: {
          owner: 'platform-team',
          expires: '2099-12-31',
          entry: '.github/iam-mfa-audit.yml entry 1 (line 3)',
        },
      },
    ]);
    expect(byName.get('frank')?.suppressions?.[0]?.justification).toBe(
      "Engineering's sandbox users, being moved to SSO",
    );
    expect(byName.get('dave')?.suppressions).toBeUndefined();
    const warnings = lines(step.stdout).filter((l) => l.startsWith('::warning title=Suppression'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(
      '.github/iam-mfa-audit.yml entry 3 (line 12) (rule aws-iam-002, principal dave) expired on 2020-01-01 and accepts nothing now',
    );
    // accepted findings are not annotated as errors
    const errors = lines(step.stdout).filter((l) => l.startsWith('::error title='));
    expect(errors.map((l) => /::(.+)$/.exec(l.slice(2))?.[1]?.split(' ')[2])).toEqual([
      'user',
      'dave',
      'ops+oncall=eu,team.lead@example-corp',
    ]);
    expect(step.summary).toContain('### Accepted: 2');
    expect(step.summary).toContain('### ⚠️ Expired suppressions: 1');
    expect(step.summary).toContain('### Stale suppressions: 1');
  });
});

describe("cloud-audit's .cloud-audit.yml (suppressions-file: .cloud-audit.yml)", () => {
  const dir = useTempDir();
  const audit = (text: string) => {
    const root = workspace(dir(), { '.cloud-audit.yml': text });
    return runAction(
      dir(),
      {
        'credential-report': exampleReport,
        'sarif-file': join(dir(), 'audit.sarif'),
        'suppressions-file': '.cloud-audit.yml',
      },
      { GITHUB_WORKSPACE: root },
    );
  };

  it('reads its entries for these checks as cloud-audit does, and ignores the rest of its configuration', () => {
    const step = audit(`provider: aws
regions: [eu-west-1, us-east-1]
min_severity: medium
exclude_checks: [aws-s3-001]
suppressions:
  - check_id: aws-iam-002
    resource_id: bob
    reason: Break-glass user
    accepted_by: alice@example.com
    expires: "2099-06-30"
  - check_id: aws-iam-002
    resource_id: arn:aws:iam::111122223333:user/*
    reason: Compared whole with the user name, this accepts nobody
  - check_id: aws-s3-001
    resource_id: my-bucket
    reason: Public website
  - check_id: aws-iam-001
    resource_id: root
    reason: Root is managed by the organization
    expires: "2099-06-30"
`);
    // bob and root accepted; dave, frank and ops+oncall still count.
    expect(step.outputs).toMatchObject({ suppressed: '2', 'failing-findings': '3' });
    const accepted = onlyRun(sarifAt(join(dir(), 'audit.sarif')))
      .results.filter((r) => r.suppressions !== undefined)
      .map((r) => r.locations?.[0]?.logicalLocations?.[0]?.name);
    expect(accepted.sort()).toEqual(['bob', 'root']);
    expect(lines(step.stdout).filter((l) => l.startsWith('::warning title=Suppression'))).toEqual([
      expect.stringContaining(
        '.cloud-audit.yml entry 2 (line 11) (rule aws-iam-002, principal arn:aws:iam::111122223333:user/*) has no expires date, so it accepts findings for ever',
      ),
    ]);
    expect(step.summary).toContain('### Stale suppressions: 1');
  });

  it('accepts a whole check only with an explicit resource_id "*"', () => {
    const step = audit(`suppressions:
  - check_id: aws-iam-002
    resource_id: "*"
    reason: Every console user moves to IAM Identity Center this week
    expires: "2099-06-30"
`);
    expect(step.outputs).toMatchObject({ suppressed: '4', 'failing-findings': '1' });
  });

  it.each([
    [
      'no resource_id',
      '  - check_id: aws-iam-002\n    reason: x\n',
      'entry 1 (line 2): resource_id: is required for aws-iam-002: the user name (root for aws-iam-001), or "*" to accept every finding of the check',
    ],
    [
      'an empty resource_id',
      '  - check_id: aws-iam-002\n    resource_id: ""\n    reason: x\n',
      'entry 1 (line 2): resource_id: is empty; give it a value',
    ],
    [
      'a null resource_id',
      '  - check_id: aws-iam-001\n    resource_id:\n    reason: x\n',
      'entry 1 (line 2): resource_id: is empty; give it a value',
    ],
    [
      'resource-id for resource_id',
      '  - check_id: aws-iam-002\n    resource-id: bob\n    reason: x\n',
      'entry 1 (line 2): resource-id: unknown key; an entry in cloud-audit’s format (one of the file’s entries has check_id) has check_id, resource_id, reason, accepted_by, expires',
    ],
    [
      'resourceId for resource_id',
      '  - check_id: aws-iam-002\n    resourceId: bob\n    reason: x\n',
      'entry 1 (line 2): resourceId: unknown key; an entry in cloud-audit’s format (one of the file’s entries has check_id) has check_id, resource_id, reason, accepted_by, expires',
    ],
    [
      'expiry for expires',
      '  - check_id: aws-iam-002\n    resource_id: bob\n    reason: x\n    expiry: "2020-01-01"\n',
      'entry 1 (line 2): expiry: unknown key; an entry in cloud-audit’s format (one of the file’s entries has check_id) has check_id, resource_id, reason, accepted_by, expires',
    ],
    [
      'a merge key',
      '  - &base\n    check_id: aws-s3-001\n    reason: x\n  - <<: *base\n    check_id: aws-iam-002\n',
      'entry 2 (line 5): <<: merge keys are not read; write each entry out in full',
    ],
    [
      'an empty accepted_by',
      '  - check_id: aws-iam-002\n    resource_id: bob\n    reason: x\n    accepted_by: ""\n',
      'entry 1 (line 2): accepted_by: is empty; give it a value, or leave the key out',
    ],
  ])('refuses %s in one line naming the file, the entry and the key', (_case, entries, why) => {
    const step = audit(`suppressions:\n${entries}`);
    expect(step.status).toBe(1);
    expect(lines(step.stdout).filter((l) => l.startsWith('::error'))).toEqual([
      `::error::suppressions-file ".cloud-audit.yml": ${why}`,
    ]);
    expect(step.outputs).toEqual({ result: 'error' });
  });
});

describe('a malformed suppressions file', () => {
  const dir = useTempDir();
  const entry = (extra: string) =>
    `suppressions:\n  - rule: aws-iam-002\n    principal: bob\n${extra}`;

  it.each([
    ['not YAML', 'suppressions: [\n', 'line 2: not valid YAML'],
    ['not a mapping', '- a\n- b\n', 'line 1: expected a mapping with a list under "suppressions:"'],
    ['no reason', entry('    expires: 2099-01-01\n'), 'entry 1 (line 2): reason: is required'],
    [
      'no expires',
      entry('    reason: because\n'),
      'entry 1 (line 2): expires: is required: the last day the acceptance holds, YYYY-MM-DD',
    ],
    [
      'an impossible date',
      entry('    reason: because\n    expires: 2026-02-30\n'),
      'entry 1 (line 2): expires: "2026-02-30" is not a day; use YYYY-MM-DD',
    ],
    [
      'an unknown key',
      entry('    reason: because\n    expires: 2099-01-01\n    until: 2099-01-01\n'),
      'entry 1 (line 2): until: unknown key; an entry has rule, principal, reason, owner, expires',
    ],
    [
      'an empty owner',
      entry('    reason: because\n    expires: 2099-01-01\n    owner: ""\n'),
      'entry 1 (line 2): owner: is empty; give it a value, or leave the key out',
    ],
    [
      'an empty principal',
      'suppressions:\n  - rule: aws-iam-002\n    principal:\n    reason: x\n    expires: 2099-01-01\n',
      'entry 1 (line 2): principal: is empty; give it a value',
    ],
    [
      'an alias as the whole list',
      'base: &base []\nsuppressions: *base\n',
      'line 2: an alias (*name) is not read here; write the value out in full; see the README for the format',
    ],
    [
      'an alias as a value',
      entry('    reason: &why because\n    expires: 2099-01-01\n') +
        '  - rule: aws-iam-002\n    principal: dave\n    reason: *why\n    expires: 2099-01-01\n',
      'line 8: an alias (*name) is not read here; write the value out in full; see the README for the format',
    ],
  ])('%s: one line naming the file, the entry and the field', (_case, text, why) => {
    const root = workspace(dir(), { 'rules.yml': text });
    const sarifFile = join(dir(), 'audit.sarif');
    const step = runAction(
      dir(),
      {
        'credential-report': exampleReport,
        'sarif-file': sarifFile,
        'suppressions-file': 'rules.yml',
      },
      { GITHUB_WORKSPACE: root },
    );
    expect(step.status).toBe(1);
    expect(lines(step.stdout).filter((l) => l.startsWith('::error'))).toEqual([
      expect.stringMatching(
        new RegExp(
          `^::error::suppressions-file "rules\\.yml": ${why.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`,
        ),
      ),
    ]);
    expect(step.outputs).toEqual({ result: 'error' });
  });

  it('names a file given but missing', () => {
    const step = runAction(
      dir(),
      {
        'credential-report': exampleReport,
        'sarif-file': join(dir(), 'audit.sarif'),
        'suppressions-file': 'missing.yml',
      },
      { GITHUB_WORKSPACE: dir() },
    );
    expect(lines(step.stdout).filter((l) => l.startsWith('::error'))).toEqual([
      '::error::suppressions-file "missing.yml": cannot be read (ENOENT); give the path of a YAML file in the workspace, or leave the input empty',
    ]);
  });
});

describe('the example in docs/suppressions.md', () => {
  it('is examples/iam-mfa-audit.yml, and it reads', async () => {
    const { readFileSync } = await import('node:fs');
    const { repoRoot } = await import('./fixtures.js');
    const { parseSuppressions } = await import('../src/io/suppressions-file.js');
    const example = readFileSync(join(repoRoot, 'examples', 'iam-mfa-audit.yml'), 'utf8');
    expect(readFileSync(join(repoRoot, 'docs', 'suppressions.md'), 'utf8')).toContain(
      `\`\`\`yaml\n${example.trimEnd()}\n\`\`\``,
    );
    expect(
      parseSuppressions(example, 'examples/iam-mfa-audit.yml').map((s) => s.principal),
    ).toEqual(['break-glass', 'arn:aws:iam::111122223333:user/contractors/*']);
  });
});
