import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTerraformPlan } from '../src/iac/terraform-plan.js';
import { applyPlan } from '../src/policy/terraform.js';
import { aRoot, aSnapshot, aUser, repoRoot } from './fixtures.js';

const plan = (name: string) =>
  readTerraformPlan(join(repoRoot, '__tests__', 'fixtures', 'terraform', name));
const NOW = new Date('2026-12-06T12:00:00Z');

describe('readTerraformPlan', () => {
  it('reads the IAM changes, in modules and for_each, and leaves the rest', async () => {
    const changes = await plan('create-console-users.json');
    expect(changes.map((c) => `${c.kind} ${'action' in c ? c.action : ''} ${c.address}`)).toEqual([
      'user create aws_iam_user.alice',
      'login-profile create aws_iam_user_login_profile.alice',
      'user create module.team.aws_iam_user.members["carol"]',
      'login-profile create module.team.aws_iam_user_login_profile.members["carol"]',
      'user create module.team.aws_iam_user.members["svc"]',
    ]);
  });

  it('keeps a value unknown until apply unknown', async () => {
    const [user, profile] = await plan('unknown-user.json');
    expect(user).toMatchObject({ kind: 'user', after: { known: false } });
    expect(profile).toMatchObject({ kind: 'login-profile', after: { known: false } });
  });

  it('reads replace, rename and delete', async () => {
    const changes = await plan('replace-rename-delete.json');
    expect(changes.map((c) => ('action' in c ? c.action : c.kind))).toEqual([
      'replace',
      'update',
      'delete',
      'delete',
    ]);
  });
});

describe('applyPlan', () => {
  const snapshot = aSnapshot({
    principals: [
      aRoot(),
      aUser({ name: 'bob', arn: 'arn:aws:iam::111122223333:user/bob' }),
      aUser({ name: 'dave', arn: 'arn:aws:iam::111122223333:user/dave' }),
      aUser({ name: 'frank', arn: 'arn:aws:iam::111122223333:user/frank' }),
    ],
  });

  it('adds the users the plan creates, with the console access it gives, created now', async () => {
    const after = applyPlan(snapshot, await plan('create-console-users.json'), NOW);
    const alice = after.snapshot.principals.find((p) => p.name === 'alice');
    expect(alice).toMatchObject({
      arn: 'arn:aws:iam::111122223333:user/alice',
      consolePassword: true,
      mfaActive: false,
      createdAt: NOW.toISOString(),
    });
    expect(after.snapshot.principals.find((p) => p.name === 'carol')?.arn).toBe(
      'arn:aws:iam::111122223333:user/team/carol',
    );
    expect(after.snapshot.principals.find((p) => p.name === 'svc')?.consolePassword).toBe(false);
    expect(after.causes.get('alice')).toMatchObject({
      address: 'aws_iam_user_login_profile.alice',
      what: 'gives console access to',
    });
  });

  it('removes passwords and users, renames, replaces, and notes a virtual MFA device', async () => {
    const removed = applyPlan(snapshot, await plan('remove-password.json'), NOW);
    expect(removed.snapshot.principals.find((p) => p.name === 'bob')?.consolePassword).toBe(false);
    expect(removed.snapshot.notes).toEqual([
      expect.stringContaining('aws_iam_virtual_mfa_device.frank creates a virtual MFA device'),
    ]);
    const changed = applyPlan(snapshot, await plan('replace-rename-delete.json'), NOW);
    expect(changed.snapshot.principals.map((p) => p.name).sort()).toEqual([
      'dave.smith',
      'frank',
      'root',
    ]);
    expect(changed.snapshot.principals.find((p) => p.name === 'frank')?.consolePassword).toBe(
      false,
    );
    expect(changed.causes.get('dave.smith')?.what).toBe('renames dave to');
    expect(changed.causes.get('bob')?.what).toBe('removes');
  });

  it('does not assess a login profile whose user is known only after apply', async () => {
    const after = applyPlan(snapshot, await plan('unknown-user.json'), NOW);
    expect(after.snapshot.notAssessed).toEqual([
      expect.objectContaining({ subject: 'principal', action: 'terraform plan' }),
    ]);
    expect(after.snapshot.notes).toEqual([expect.stringContaining('known only after apply')]);
  });
});
