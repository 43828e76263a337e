import type { Principal } from '../src/model.js';
import { describe, expect, it } from 'vitest';
import { activeRules } from '../src/rules/catalog.js';
import { evaluate } from '../src/rules/evaluate.js';
import { ACCOUNT, aRoot, aSnapshot, aUser } from './fixtures.js';

const root = aRoot();
const alice = aUser({ name: 'alice', mfaActive: true });
const bob = aUser({ name: 'bob' });
const carol = aUser({ name: 'carol-ci', consolePassword: false, accessKeysActive: true });
const dave = aUser({ name: 'dave', passwordLastUsed: 'never' });

describe('evaluate', () => {
  it('returns one finding per broken rule and principal, with severity and account', () => {
    const snapshot = aSnapshot({ principals: [root, alice, bob, carol, dave] });
    expect(evaluate(snapshot, activeRules(true)).map(({ fix, detail, ...rest }) => rest)).toEqual([
      {
        ruleId: 'aws-iam-001',
        severity: 'critical',
        accountId: ACCOUNT,
        principal: root,
        graceUntil: null,
        suppression: null,
        history: null,
      },
      {
        ruleId: 'aws-iam-002',
        severity: 'high',
        accountId: ACCOUNT,
        principal: bob,
        graceUntil: null,
        suppression: null,
        history: null,
      },
      {
        ruleId: 'aws-iam-002',
        severity: 'high',
        accountId: ACCOUNT,
        principal: dave,
        graceUntil: null,
        suppression: null,
        history: null,
      },
    ]);
  });

  it('leaves the root user alone without include-root', () => {
    const snapshot = aSnapshot({ principals: [root, bob] });
    expect(evaluate(snapshot, activeRules(false)).map(({ fix, detail, ...rest }) => rest)).toEqual([
      {
        ruleId: 'aws-iam-002',
        severity: 'high',
        accountId: ACCOUNT,
        principal: bob,
        graceUntil: null,
        suppression: null,
        history: null,
      },
    ]);
  });

  it('gives findings the snapshot account id, also when it is unknown', () => {
    const findings = evaluate(aSnapshot({ accountId: null, principals: [bob] }), activeRules(true));
    expect(findings.map((f) => [f.ruleId, f.accountId, f.principal.name])).toEqual([
      ['aws-iam-002', null, 'bob'],
    ]);
  });

  it('finds nothing when every console user has MFA', () => {
    const snapshot = aSnapshot({ principals: [aRoot({ mfaActive: true }), alice, carol] });
    expect(evaluate(snapshot, activeRules(true)).map(({ fix, detail, ...rest }) => rest)).toEqual(
      [],
    );
  });
});

describe('the grace period for new users', () => {
  const NOW = new Date('2026-11-30T12:00:00Z');
  const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000).toISOString();

  it.each<[string, Partial<Principal>, number, string | null]>([
    ['created 2 h ago, 24 h of grace', { createdAt: hoursAgo(2) }, 24, '2026-12-01T10:00:00Z'],
    ['created 30 h ago, 24 h of grace', { createdAt: hoursAgo(30) }, 24, null],
    // Grace starts at creation: a password added to (or re-created for) an old user renews
    // nothing.
    ['created long ago, given a password just now', { createdAt: hoursAgo(5000) }, 24, null],
    ['created 2 h ago, 24 h of grace, at the boundary', { createdAt: hoursAgo(24) }, 24, null],
    // Clocks differ a little; a creation further ahead is no reason for grace.
    ['created 4 min in the future', { createdAt: hoursAgo(-4 / 60) }, 24, '2026-12-01T12:04:00Z'],
    ['created 6 min in the future', { createdAt: hoursAgo(-6 / 60) }, 24, null],
    ['created in 2099', { createdAt: '2099-01-01T00:00:00Z' }, 24, null],
    ['created 2 h ago, grace off', { createdAt: hoursAgo(2) }, 0, null],
    ['creation unknown', { createdAt: null }, 24, null],
  ])('%s', (_case, user, hours, graceUntil) => {
    const snapshot = aSnapshot({ principals: [aUser(user)] });
    const [finding, ...rest] = evaluate(snapshot, activeRules(true), { hours, now: NOW });
    expect(rest).toEqual([]);
    expect(finding?.graceUntil).toBe(graceUntil);
    expect(finding?.severity).toBe(graceUntil === null ? 'high' : 'low');
  });

  it('never applies to root', () => {
    const snapshot = aSnapshot({ principals: [aRoot({ createdAt: hoursAgo(1) })] });
    const [finding] = evaluate(snapshot, activeRules(true), { hours: 24, now: NOW });
    expect(finding).toMatchObject({ severity: 'critical', graceUntil: null, suppression: null });
  });
});

describe('the fix that fits', () => {
  const NOW = new Date('2026-11-30T12:00:00Z');
  const fixOf = (user: Partial<Principal>) =>
    evaluate(aSnapshot({ principals: [aUser(user)] }), activeRules(true), { hours: 0, now: NOW })[0]
      ?.fix;

  it.each<[string, string | null, string, string]>([
    [
      'used yesterday',
      '2026-11-29T10:00:00Z',
      'enroll-mfa',
      'assign an MFA device: best a security key or passkey, which the user registers in the console (Security credentials, Assign MFA device); the command creates a virtual device (an authenticator app) instead',
    ],
    [
      'used 44 days ago',
      '2026-10-17T12:00:00Z',
      'enroll-mfa',
      'assign an MFA device: best a security key or passkey, which the user registers in the console (Security credentials, Assign MFA device); the command creates a virtual device (an authenticator app) instead',
    ],
    [
      'used 45 days ago',
      '2026-10-16T12:00:00Z',
      'remove-password',
      'remove the console password, unused for 45 days (CIS: credentials unused for 45 days or more)',
    ],
    [
      'never used',
      'never',
      'remove-password',
      'remove the console password, never used (CIS: credentials unused for 45 days or more)',
    ],
  ])('password %s: %s', (_case, lastUsed, kind, text) => {
    expect(fixOf({ name: 'bob', passwordLastUsed: lastUsed })).toMatchObject({ kind, text });
  });

  it('gives the command that removes an unused password', () => {
    expect(fixOf({ name: 'bob', passwordLastUsed: 'never' })?.command).toBe(
      'aws iam delete-login-profile --user-name bob',
    );
  });

  it.each<[string, Partial<Principal>, number]>([
    ['created 10 days ago, never used', { createdAt: '2026-11-20T12:00:00Z' }, 0],
    ['created 44 days ago, never used', { createdAt: '2026-10-17T12:00:00Z' }, 0],
    ['in its grace period', { createdAt: '2026-11-30T06:00:00Z' }, 24],
    ['of unknown age', { createdAt: null }, 0],
  ])('never advises removing the password of a user %s', (_case, user, hours) => {
    const [finding] = evaluate(
      aSnapshot({ principals: [aUser({ ...user, passwordLastUsed: 'never' })] }),
      activeRules(true),
      { hours, now: NOW },
    );
    expect(finding?.fix.kind).toBe('enroll-mfa');
  });

  it('advises removing a password of a user created 45 days ago and never used', () => {
    const [finding] = evaluate(
      aSnapshot({
        principals: [aUser({ createdAt: '2026-10-16T12:00:00Z', passwordLastUsed: 'never' })],
      }),
      activeRules(true),
      { hours: 24, now: NOW },
    );
    expect(finding?.fix.kind).toBe('remove-password');
  });
});
