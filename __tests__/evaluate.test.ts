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
    expect(evaluate(snapshot, activeRules(true)).map(({ fix, ...rest }) => rest)).toEqual([
      {
        ruleId: 'aws-iam-001',
        severity: 'critical',
        accountId: ACCOUNT,
        principal: root,
        graceUntil: null,
        suppression: null,
      },
      {
        ruleId: 'aws-iam-002',
        severity: 'high',
        accountId: ACCOUNT,
        principal: bob,
        graceUntil: null,
        suppression: null,
      },
      {
        ruleId: 'aws-iam-002',
        severity: 'high',
        accountId: ACCOUNT,
        principal: dave,
        graceUntil: null,
        suppression: null,
      },
    ]);
  });

  it('leaves the root user alone without include-root', () => {
    const snapshot = aSnapshot({ principals: [root, bob] });
    expect(evaluate(snapshot, activeRules(false)).map(({ fix, ...rest }) => rest)).toEqual([
      {
        ruleId: 'aws-iam-002',
        severity: 'high',
        accountId: ACCOUNT,
        principal: bob,
        graceUntil: null,
        suppression: null,
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
    expect(evaluate(snapshot, activeRules(true)).map(({ fix, ...rest }) => rest)).toEqual([]);
  });
});

describe('the grace period for new users', () => {
  const NOW = new Date('2026-11-30T12:00:00Z');
  const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000).toISOString();

  it.each<[string, Partial<Principal>, number, string | null]>([
    ['created 2 h ago, 24 h of grace', { createdAt: hoursAgo(2) }, 24, '2026-12-01T10:00:00Z'],
    ['created 30 h ago, 24 h of grace', { createdAt: hoursAgo(30) }, 24, null],
    [
      'created long ago, given a password 1 h ago',
      { createdAt: hoursAgo(5000), passwordCreatedAt: hoursAgo(1) },
      24,
      '2026-12-01T11:00:00Z',
    ],
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
      'assign an MFA device, preferably a security key or passkey',
    ],
    [
      'used 89 days ago',
      '2026-09-02T12:00:00Z',
      'enroll-mfa',
      'assign an MFA device, preferably a security key or passkey',
    ],
    [
      'used 90 days ago',
      '2026-09-01T12:00:00Z',
      'remove-password',
      'remove the console password, unused for 90 days (CIS: credentials unused for 45 days or more)',
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
});
