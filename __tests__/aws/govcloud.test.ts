/**
 * An AWS GovCloud account, live: moto serves the aws-us-gov partition for us-gov regions.
 * Root has no console access there (CIS), so aws-iam-001 does not apply: root is not read,
 * and the output says why.
 */
import { CreateLoginProfileCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../fixtures.js';
import { cliBundle, node24, sarifAt } from '../runner.js';
import { onlyRun } from '../sarif-validation.js';
import { awsEnv, TEST_CREDENTIALS } from '../support/aws-env.js';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.js';
import { startMoto, type MotoServer } from '../support/moto.js';
import { ACCOUNT, runActionStep, runChild } from './live-helpers.js';

let moto: MotoServer;
let proxy: FaultProxy;
let dir: string;

beforeAll(async () => {
  moto = await startMoto();
  proxy = await startFaultProxy(moto.endpoint);
  dir = await mkdtemp(join(tmpdir(), 'govcloud-'));
  const iam = new IAMClient({
    region: 'us-gov-west-1',
    endpoint: moto.endpoint,
    credentials: TEST_CREDENTIALS,
  });
  for (const name of ['gov-admin', 'gov-ci']) {
    await iam.send(new CreateUserCommand({ UserName: name }));
  }
  await iam.send(new CreateLoginProfileCommand({ UserName: 'gov-admin', Password: 'P4ssw0rd!x' }));
});

afterAll(async () => {
  await proxy.stop();
  await moto.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('dist/cli.js on a GovCloud account', () => {
  it('finds the console user without MFA, does not read root, and says why', async () => {
    const sarifFile = join(dir, 'gov.sarif');
    const exit = await runChild(
      node24,
      [cliBundle, '--aws-region', 'us-gov-west-1', '--sarif-file', sarifFile],
      {
        cwd: repoRoot,
        env: { PATH: process.env.PATH ?? '', HOME: dir, ...awsEnv(proxy.endpoint) },
      },
    );
    expect(exit.status).toBe(1);
    expect(exit.stdout).toContain(`Account: ${ACCOUNT} (aws-us-gov)`);
    expect(exit.stdout).toContain(
      'Not applicable in aws-us-gov: aws-iam-001 RootAccountWithoutMfa. CIS AWS Foundations v6.0.0 2.4: "IAM User account root for us-gov cloud regions does not have console access.',
    );
    expect(proxy.calls().GetAccountSummary).toBeUndefined();
    const run = onlyRun(sarifAt(sarifFile));
    expect(
      run.results.map((r) => [
        r.ruleId,
        r.locations?.[0]?.logicalLocations?.[0]?.fullyQualifiedName,
      ]),
    ).toEqual([['aws-iam-002', `arn:aws-us-gov:iam::${ACCOUNT}:user/gov-admin`]]);
  });
});

describe('dist/index.js after aws-actions/configure-aws-credentials with a GovCloud region', () => {
  // What configure-aws-credentials exports for aws-region: us-gov-west-1.
  const exported = { AWS_REGION: 'us-gov-west-1', AWS_DEFAULT_REGION: 'us-gov-west-1' };

  it('signs for the exported region and names its partition, with aws-region left empty', async () => {
    const step = await runActionStep({
      stepDir: join(dir, 'configured'),
      workspace: dir,
      workflow: '.github/workflows/audit.yml',
      inputs: { 'include-root': 'true' },
      env: awsEnv(proxy.endpoint, exported),
    });
    expect(step.status).toBe(1);
    expect(step.stdout).toContain(`account ${ACCOUNT}`);
    const run = onlyRun(sarifAt(step.sarifFile));
    expect(
      run.results.map((r) => r.locations?.[0]?.logicalLocations?.[0]?.fullyQualifiedName),
    ).toEqual([`arn:aws-us-gov:iam::${ACCOUNT}:user/gov-admin`]);
    expect(step.summary).toContain('aws-us-gov');
  });

  it('refuses an exported region that is not one, naming the variable', async () => {
    const step = await runActionStep({
      stepDir: join(dir, 'bad-region'),
      workspace: dir,
      workflow: '.github/workflows/audit.yml',
      inputs: {},
      env: awsEnv(proxy.endpoint, { AWS_REGION: 'gov cloud' }),
    });
    expect(step.status).toBe(1);
    expect(step.stdout.split('\n').filter((l) => l.startsWith('::error'))).toEqual([
      '::error::AWS_REGION: "gov cloud" is not accepted; use a region name such as us-east-1.',
    ]);
  });
});
