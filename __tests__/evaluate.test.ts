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
      { ruleId: 'aws-iam-001', severity: 'critical', accountId: ACCOUNT, principal: root },
      { ruleId: 'aws-iam-002', severity: 'high', accountId: ACCOUNT, principal: bob },
      { ruleId: 'aws-iam-002', severity: 'high', accountId: ACCOUNT, principal: dave },
    ]);
  });

  it('leaves the root user alone without include-root', () => {
    const snapshot = aSnapshot({ principals: [root, bob] });
    expect(evaluate(snapshot, activeRules(false))).toEqual([
      { ruleId: 'aws-iam-002', severity: 'high', accountId: ACCOUNT, principal: bob },
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
