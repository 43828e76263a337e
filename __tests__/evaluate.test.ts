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
    expect(evaluate(snapshot, activeRules(true))).toEqual([
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
    expect(evaluate(snapshot, activeRules(false))).toEqual([
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
    expect(evaluate(snapshot, activeRules(true))).toEqual([]);
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
