/**
 * A Terraform plan applied to the account before it is judged, through dist/cli.js and
 * dist/index.js, offline on a credential report; the plans are written as Terraform 1.x
 * emits them (terraform show -json): create, update, delete, replace, unknown values,
 * modules and for_each.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTerraformPlan } from '../src/iac/terraform-plan.js';
import { exampleReport, repoRoot, useTempDir } from './fixtures.js';
import { node24, runAction, runCli, sarifAt } from './runner.js';
import { onlyRun } from './sarif-validation.js';

const plans = join(repoRoot, '__tests__', 'fixtures', 'terraform');
const planFile = (name: string): string => join(plans, name);

interface Json {
  verdict: { result: string; counted: number };
  accounts: { findings: { user: string; severity: string }[]; notAssessed: { reason: string }[] }[];
}

function audit(plan: string, ...flags: string[]) {
  const exit = runCli(node24, [
    '--credential-report',
    exampleReport,
    '--terraform-plan',
    planFile(plan),
    '--format',
    'json',
    ...flags,
  ]);
  return { exit, json: JSON.parse(exit.stdout || '{}') as Json };
}

const users = (json: Json): string[] => json.accounts.flatMap((a) => a.findings.map((f) => f.user));

describe('dist/cli.js --terraform-plan', () => {
  const dir = useTempDir();

  it('finds a console user without MFA the plan creates, before apply, in a module and for_each too', () => {
    const { exit, json } = audit('create-console-users.json', '--fail-on-scope', 'new');
    expect(exit.status).toBe(1);
    expect(users(json)).toEqual(expect.arrayContaining(['alice', 'carol']));
    // svc is created without a login profile: no console, no finding.
    expect(users(json)).not.toContain('svc');
    // Only what the plan causes counts against the gate: the account's old debt does not.
    expect(json.verdict).toMatchObject({ result: 'fail', counted: 2 });
    const markdown = runCli(node24, [
      '--credential-report',
      exampleReport,
      '--terraform-plan',
      planFile('create-console-users.json'),
      '--format',
      'markdown',
    ]).stdout;
    expect(markdown).toContain('### The Terraform plan: 2 findings caused, 0 cleared');
    expect(markdown).toContain(
      `- ➕ this pull request gives console access to \`carol\`: IAM user carol in AWS account 111122223333 has a console password and no active MFA device. (\`${planFile('create-console-users.json')}\`, \`module.team.aws_iam_user_login_profile.members["carol"]\`)`,
    );
  });

  it('puts a new user in its grace period when grace-period-hours covers it', () => {
    const { json } = audit('create-console-users.json', '--grace-period-hours', '24');
    const alice = json.accounts[0]?.findings.find((f) => f.user === 'alice');
    expect(alice?.severity).toBe('low');
  });

  it('clears a finding by removing the password, and says the virtual MFA device enables nothing', () => {
    const { exit, json } = audit('remove-password.json', '--fail-on-scope', 'new');
    expect(exit.status).toBe(0);
    expect(users(json)).not.toContain('bob');
    expect(users(json)).toContain('dave');
    const markdown = runCli(node24, [
      '--credential-report',
      exampleReport,
      '--terraform-plan',
      planFile('remove-password.json'),
      '--format',
      'markdown',
    ]).stdout;
    expect(markdown).toContain(
      '- ✔️ this pull request removes the console password of `bob`: fixes 1 finding',
    );
    expect(markdown).toContain(
      'aws\\_iam\\_virtual\\_mfa\\_device.frank creates a virtual MFA device; it enables MFA for nobody',
    );
  });

  it('follows a replace, a rename and a delete', () => {
    const { json } = audit('replace-rename-delete.json');
    const found = users(json);
    // frank is replaced (a new user has no password), bob is deleted; dave is renamed.
    expect(found).not.toContain('frank');
    expect(found).not.toContain('bob');
    expect(found).not.toContain('dave');
    expect(found).toContain('dave.smith');
  });

  it('leaves a value unknown until apply unknown: not assessed, and the run never passes', () => {
    const { exit, json } = audit('unknown-user.json', '--fail-on', 'none');
    expect(exit.status).toBe(1);
    expect(json.verdict.result).toBe('fail');
    expect(json.accounts[0]?.notAssessed.map((n) => n.reason)).toEqual([
      `${planFile('unknown-user.json')}: aws_iam_user_login_profile.generated gives a console password to a user whose name is known only after apply, so its console access cannot be judged; make the name a literal, or audit after apply`,
    ]);
  });

  it.each([
    ['broken.json', '{"format_version": "1.2", ', /is not JSON/],
    ['array.json', '[]', /is not a JSON object/],
    ['other.json', '{"name": "x"}', /has no format_version, so it is no plan/],
    [
      'v2.json',
      '{"format_version": "2.0", "planned_values": {}}',
      /has format_version "2.0"; format 1.x is read/,
    ],
  ])('refuses %s in one line naming the file, before the audit', async (name, content, why) => {
    const path = join(dir(), name);
    await writeFile(path, content);
    const exit = runCli(node24, ['--credential-report', exampleReport, '--terraform-plan', path]);
    expect(exit.status).toBe(2);
    expect(exit.stdout).toBe('');
    expect(exit.stderr.split('\n')).toHaveLength(2);
    expect(exit.stderr).toMatch(
      new RegExp(
        `^iam-mfa-audit: terraform-plan ${JSON.stringify(path).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: `,
      ),
    );
    expect(exit.stderr).toMatch(why);
    expect(exit.stderr).toContain('; give the output of terraform show -json PLANFILE.');
  });

  it('refuses a state, which terraform show -json also prints', async () => {
    await expect(readTerraformPlan(planFile('state.json'))).rejects.toThrow(
      'is a state (terraform show -json of a state), not a plan: it has values but no planned_values',
    );
  });
});

describe('dist/index.js with terraform-plan', () => {
  const dir = useTempDir();

  it('points the alert of a user the plan creates at the Terraform resource that defines it', async () => {
    const terraform = join(dir(), 'terraform');
    await mkdir(terraform);
    await writeFile(
      join(terraform, 'users.tf'),
      'resource "aws_iam_user" "alice" {\n  name = "alice"\n}\n\nresource "aws_iam_user_login_profile" "alice" {\n  user = aws_iam_user.alice.name\n}\n',
    );
    const sarifFile = join(dir(), 'audit.sarif');
    const step = runAction(
      dir(),
      {
        'credential-report': exampleReport,
        'terraform-plan': planFile('create-console-users.json'),
        'sarif-file': sarifFile,
        'iac-paths': terraform,
        'fail-on-scope': 'new',
      },
      { GITHUB_WORKSPACE: dir() },
    );
    expect(step.status).toBe(1);
    expect(step.outputs).toMatchObject({ 'failing-findings': '2', 'new-findings': '2' });
    const alice = onlyRun(sarifAt(sarifFile)).results.find(
      (r) => r.locations?.[0]?.logicalLocations?.[0]?.name === 'alice',
    );
    expect(alice?.baselineState).toBe('new');
    // The login profile: the resource that gives the console access.
    expect(alice?.locations?.[0]?.physicalLocation).toMatchObject({
      artifactLocation: { uri: 'terraform/users.tf' },
      region: { startLine: 5 },
    });
    expect(step.summary).toContain('### The Terraform plan: 2 findings caused, 0 cleared');
  });
});
