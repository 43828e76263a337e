/**
 * Alerts on the code that defines the user: the Terraform or CloudFormation that creates an
 * IAM user is found, and dist/index.js points that user's alert at it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  cloudFormationUsers,
  findUserDefinitions,
  IAC_LIMITS,
  terraformUsers,
} from '../src/io/iac.js';
import { exampleReport, useTempDir } from './fixtures.js';
import { runAction, sarifAt } from './runner.js';
import { onlyRun } from './sarif-validation.js';

const TERRAFORM = `resource "aws_iam_user" "bob" {
  name = "bob"
  path = "/"
}

resource "aws_iam_user" "generated" {
  name = "svc-\${var.env}"
}

resource "aws_iam_user_login_profile" "bob" {
  user = aws_iam_user.bob.name
}

resource "aws_iam_user" "frank" {
  name = "frank"
  path = "/engineering/"
}
`;

const CLOUDFORMATION_YAML = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Dave:
    Type: AWS::IAM::User
    Properties:
      UserName: dave
      LoginProfile:
        Password: !Ref DavePassword
  Nameless:
    Type: AWS::IAM::User
`;

describe('finding the code that defines a user', () => {
  it('reads Terraform: a literal name, at the login profile that gives the password', () => {
    expect(Object.fromEntries(terraformUsers(TERRAFORM) ?? [])).toEqual({ bob: 10, frank: 14 });
  });

  it('reads CloudFormation YAML with its short tags, and JSON', () => {
    expect(Object.fromEntries(cloudFormationUsers(CLOUDFORMATION_YAML))).toEqual({ dave: 5 });
    const json = JSON.stringify(
      { Resources: { Erin: { Type: 'AWS::IAM::User', Properties: { UserName: 'erin' } } } },
      null,
      2,
    );
    expect(Object.fromEntries(cloudFormationUsers(json))).toEqual({ erin: 3 });
  });
});

describe('dist/index.js with the users defined in the repository', () => {
  const dir = useTempDir();

  it('points their alerts at that code, the others at the workflow, and keeps the fingerprints', () => {
    const workspace = join(dir(), 'workspace');
    for (const [path, text] of Object.entries({
      'infra/users.tf': TERRAFORM,
      'cfn/users.yaml': CLOUDFORMATION_YAML,
      'node_modules/pkg/users.tf': 'resource "aws_iam_user" "x" {\n  name = "ops"\n}\n',
      '.github/workflows/audit.yml':
        'on: push\njobs:\n  audit:\n    runs-on: ubuntu-latest\n    steps:\n      - id: audit\n        uses: ./\n',
    })) {
      mkdirSync(join(workspace, path, '..'), { recursive: true });
      writeFileSync(join(workspace, path), text);
    }
    const env = {
      GITHUB_WORKSPACE: workspace,
      GITHUB_WORKFLOW_REF: 'acme/infra/.github/workflows/audit.yml@refs/heads/main',
      GITHUB_JOB: 'audit',
      GITHUB_ACTION: 'audit',
    };
    const withCode = join(dir(), 'with.sarif');
    runAction(dir(), { 'credential-report': exampleReport, 'sarif-file': withCode }, env);
    const withoutCode = join(dir(), 'without.sarif');
    runAction(
      dir(),
      { 'credential-report': exampleReport, 'sarif-file': withoutCode, 'iac-paths': 'nowhere' },
      env,
    );

    const where = (file: string): Record<string, string> => {
      const located: Record<string, string> = {};
      for (const r of onlyRun(sarifAt(file)).results) {
        const location = r.locations?.[0];
        const name = location?.logicalLocations?.[0]?.name ?? '';
        const uri = location?.physicalLocation?.artifactLocation?.uri ?? '';
        located[name] = `${uri}:${location?.physicalLocation?.region?.startLine ?? 0}`;
      }
      return located;
    };
    expect(where(withCode)).toEqual({
      root: '.github/workflows/audit.yml:7',
      bob: 'infra/users.tf:10',
      dave: 'cfn/users.yaml:5',
      frank: 'infra/users.tf:14',
      // node_modules is not the repository's own code
      'ops+oncall=eu,team.lead@example-corp': '.github/workflows/audit.yml:7',
    });
    expect(Object.values(where(withoutCode))).toEqual(
      Array<string>(5).fill('.github/workflows/audit.yml:7'),
    );
    const prints = (file: string) =>
      onlyRun(sarifAt(file)).results.map((r) => r.partialFingerprints);
    expect(prints(withCode)).toEqual(prints(withoutCode));
  });
});

describe('dist/index.js on hostile code under iac-paths', () => {
  const dir = useTempDir();
  const workflowEnv = (workspace: string) => ({
    GITHUB_WORKSPACE: workspace,
    GITHUB_WORKFLOW_REF: 'acme/infra/.github/workflows/audit.yml@refs/heads/main',
    GITHUB_JOB: 'audit',
    GITHUB_ACTION: 'audit',
  });

  it('reads a 1 MiB file of unclosed login profiles in one pass, and still finds the users after it', () => {
    const workspace = join(dir(), 'workspace');
    const line = 'resource "aws_iam_user_login_profile" "p" {\n';
    const unclosed = line.repeat(Math.floor((1024 * 1024 - 1) / line.length));
    // Read in name order: the hostile file first, the real definitions after it.
    for (const [path, text] of Object.entries({
      'infra/a-unclosed.tf': unclosed,
      'infra/users.tf': TERRAFORM,
    })) {
      mkdirSync(join(workspace, path, '..'), { recursive: true });
      writeFileSync(join(workspace, path), text);
    }
    const sarif = join(dir(), 'out.sarif');
    const step = runAction(
      dir(),
      { 'credential-report': exampleReport, 'sarif-file': sarif },
      workflowEnv(workspace),
    );
    // The runner's 30 s kill timer is the bound; a quadratic read took 83 s.
    expect(step.status).toBe(1);
    expect(step.stdout).not.toContain('Not every file under iac-paths was read');
    const bob = onlyRun(sarifAt(sarif)).results.find(
      (r) => r.locations?.[0]?.logicalLocations?.[0]?.name === 'bob',
    );
    expect(bob?.locations?.[0]?.physicalLocation?.artifactLocation?.uri).toBe('infra/users.tf');
  });

  it('refuses a folder outside the workspace with one line naming iac-paths', () => {
    const workspace = join(dir(), 'inside');
    mkdirSync(workspace);
    mkdirSync(join(dir(), 'x'));
    const sarif = join(dir(), 'outside.sarif');
    const step = runAction(
      dir(),
      { 'credential-report': exampleReport, 'sarif-file': sarif, 'iac-paths': '../x' },
      workflowEnv(workspace),
    );
    expect(step.status).toBe(1);
    expect(step.stdout.split('\n').filter((l) => l.startsWith('::error'))).toEqual([
      `::error::iac-paths: "../x" is outside the workspace (${workspace}); give folders inside it, relative to it.`,
    ]);
    expect(step.outputs).toEqual({ result: 'error' });
  });
});

describe('files too large to read', () => {
  const dir = useTempDir();

  it('leave the search incomplete only when they may define users', async () => {
    const big = (head: string) => `${head}${' '.repeat(IAC_LIMITS.fileBytes + 1)}\n`;
    const search = async (name: string, text: string) => {
      const root = join(dir(), name.replace(/\W/g, '-'));
      mkdirSync(root);
      writeFileSync(join(root, name), text);
      return (await findUserDefinitions(['.'], root)).complete;
    };
    // A lock file or a test report of several MiB is no template.
    expect(await search('package-lock.json', big('{"lockfileVersion": 3, "packages": {}'))).toBe(
      true,
    );
    expect(await search('results.json', big('{"numTotalTests": 861'))).toBe(true);
    expect(await search('stack.json', big('{"AWSTemplateFormatVersion": "2010-09-09"'))).toBe(
      false,
    );
    expect(await search('stack.yml', big('Resources:\n  Ops:\n    Type: AWS::IAM::User\n'))).toBe(
      false,
    );
    expect(await search('users.tf', big('# generated\n'))).toBe(false);
  });
});
