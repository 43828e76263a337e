import { describe, expect, it } from 'vitest';
import type { Principal } from '../src/model.js';
import {
  CONSOLE_USER_WITHOUT_MFA,
  CONSOLE_USER_WITHOUT_PHISHING_RESISTANT_MFA,
  ROOT_ACCOUNT_WITHOUT_MFA,
  RULES,
  activeRules,
  notApplicableIn,
  remediationIn,
  rootIsAudited,
} from '../src/rules/catalog.js';
import { ACCOUNT, aRoot, aUser } from './fixtures.js';

describe('aws-iam-002 console user without MFA', () => {
  it.each<[string, Partial<Principal>, boolean]>([
    ['password, no MFA', { consolePassword: true, mfaActive: false }, true],
    ['password and MFA', { consolePassword: true, mfaActive: true }, false],
    ['no password, no MFA', { consolePassword: false, mfaActive: false }, false],
    ['no password, MFA', { consolePassword: false, mfaActive: true }, false],
    ['password unknown, no MFA', { consolePassword: null, mfaActive: false }, false],
    ['access keys only', { consolePassword: false, accessKeysActive: true }, false],
  ])('user with %s breaks it: %s', (_case, state, broken) => {
    expect(CONSOLE_USER_WITHOUT_MFA.breaks(aUser(state))).toBe(broken);
  });

  it('never fires for the root user, even with a password and no MFA', () => {
    expect(CONSOLE_USER_WITHOUT_MFA.breaks(aRoot({ consolePassword: true }))).toBe(false);
  });

  it('names the user and the account in its message', () => {
    expect(CONSOLE_USER_WITHOUT_MFA.message(aUser({ name: 'bob' }), ACCOUNT)).toBe(
      'IAM user bob in AWS account 111122223333 has a console password and no active MFA device.',
    );
    expect(CONSOLE_USER_WITHOUT_MFA.message(aUser({ name: 'bob' }), null)).toBe(
      'IAM user bob in the audited account has a console password and no active MFA device.',
    );
  });
});

describe('aws-iam-001 root without MFA', () => {
  it.each<[string, Partial<Principal>, boolean]>([
    ['password unknown (report), no MFA', { consolePassword: null }, true],
    ['password, no MFA', { consolePassword: true }, true],
    ['no password, access keys, no MFA', { consolePassword: false, accessKeysActive: true }, true],
    ['no password, no keys, no MFA', { consolePassword: false, accessKeysActive: false }, false],
    ['password unknown, MFA', { consolePassword: null, mfaActive: true }, false],
    [
      'password, keys, MFA',
      { consolePassword: true, accessKeysActive: true, mfaActive: true },
      false,
    ],
  ])('root with %s breaks it: %s', (_case, state, broken) => {
    expect(ROOT_ACCOUNT_WITHOUT_MFA.breaks(aRoot(state))).toBe(broken);
  });

  it('never fires for an IAM user', () => {
    expect(ROOT_ACCOUNT_WITHOUT_MFA.breaks(aUser({ name: 'root', consolePassword: true }))).toBe(
      false,
    );
  });

  it('names the account in its message', () => {
    expect(ROOT_ACCOUNT_WITHOUT_MFA.message(aRoot(), ACCOUNT)).toBe(
      'The root user in AWS account 111122223333 has no active MFA device.',
    );
  });
});

describe('activeRules', () => {
  it('evaluates both rules, most severe first, with include-root', () => {
    expect(activeRules(true).map((r) => r.id)).toEqual(['aws-iam-001', 'aws-iam-002']);
  });

  it('omits aws-iam-001 without include-root', () => {
    expect(activeRules(false).map((r) => r.id)).toEqual(['aws-iam-002']);
  });
});

describe('catalog data', () => {
  it('rates root without MFA critical and a console user without MFA high', () => {
    expect(Object.fromEntries(RULES.map((r) => [r.id, r.severity]))).toEqual({
      'aws-iam-001': 'critical',
      'aws-iam-002': 'high',
      'aws-iam-mfa-phishing-resistant': 'medium',
    });
  });

  it('maps aws-iam-002 to CIS 1.10 and Security Hub IAM.5', () => {
    const controls = CONSOLE_USER_WITHOUT_MFA.compliance;
    expect(controls).toContainEqual({
      framework: 'CIS AWS Foundations v1.4.0, v1.5.0, v2.0.0, v3.0.0, v4.0',
      control: '1.10',
    });
    expect(controls).toContainEqual({ framework: 'AWS Security Hub', control: 'IAM.5' });
  });

  it('maps aws-iam-001 to Security Hub IAM.9', () => {
    expect(ROOT_ACCOUNT_WITHOUT_MFA.compliance).toContainEqual({
      framework: 'AWS Security Hub',
      control: 'IAM.9',
    });
  });

  it.each(RULES.map((r) => [r.id, r] as const))('%s has at most 20 distinct tags', (_id, rule) => {
    expect(rule.tags.length).toBeGreaterThan(0);
    expect(rule.tags.length).toBeLessThanOrEqual(20);
    expect(new Set(rule.tags).size).toBe(rule.tags.length);
    expect(rule.tags.filter((tag) => tag.trim() === '')).toEqual([]);
  });

  it('has unique ids and names', () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    expect(new Set(RULES.map((r) => r.name)).size).toBe(RULES.length);
  });
});

describe('exact as of the current benchmarks', () => {
  it.each([
    [CONSOLE_USER_WITHOUT_MFA, 'CIS AWS Foundations v6.0.0', '2.9'],
    [CONSOLE_USER_WITHOUT_MFA, 'CIS AWS Foundations v7.0.0', '2.10'],
    [ROOT_ACCOUNT_WITHOUT_MFA, 'CIS AWS Foundations v1.2.0', '1.13'],
    [ROOT_ACCOUNT_WITHOUT_MFA, 'CIS AWS Foundations v1.4.0, v1.5.0, v2.0.0, v3.0.0, v4.0', '1.5'],
    [ROOT_ACCOUNT_WITHOUT_MFA, 'CIS AWS Foundations v6.0.0', '2.4'],
    [ROOT_ACCOUNT_WITHOUT_MFA, 'CIS AWS Foundations v7.0.0', '2.5'],
  ])('%s maps to %s %s', (rule, framework, control) => {
    expect(rule.compliance).toContainEqual({ framework, control });
  });

  it("says in aws-iam-002's help that Security Hub rates IAM.5 medium", () => {
    expect(CONSOLE_USER_WITHOUT_MFA.whyItMatters).toContain(
      'Security Hub rates its control IAM.5 medium',
    );
  });

  it('does not apply aws-iam-001 in GovCloud, quoting CIS, and applies it elsewhere', () => {
    expect(notApplicableIn(ROOT_ACCOUNT_WITHOUT_MFA, 'aws-us-gov')).toBe(
      'CIS AWS Foundations v6.0.0 2.4: "IAM User account root for us-gov cloud regions does not have console access. This recommendation is not applicable for us-gov cloud regions."',
    );
    expect(notApplicableIn(ROOT_ACCOUNT_WITHOUT_MFA, 'aws')).toBeNull();
    expect(notApplicableIn(ROOT_ACCOUNT_WITHOUT_MFA, 'aws-cn')).toBeNull();
    expect(notApplicableIn(CONSOLE_USER_WITHOUT_MFA, 'aws-us-gov')).toBeNull();
    expect(rootIsAudited(true, 'aws-us-gov')).toBe(false);
    expect(rootIsAudited(true, 'aws-cn')).toBe(true);
    expect(rootIsAudited(false, 'aws')).toBe(false);
  });

  it.each(['aws-us-gov', 'aws-cn'])('writes remediation ARNs in the %s partition', (partition) => {
    for (const rule of RULES) {
      const { cli, terraform } = remediationIn(rule, partition);
      expect(`${cli}\n${terraform}`).not.toContain('arn:aws:');
    }
    expect(remediationIn(CONSOLE_USER_WITHOUT_MFA, partition).cli).toContain(
      `arn:${partition}:iam::ACCOUNT_ID:mfa/USER`,
    );
  });

  it('names the exposure of a root with access keys but no password', () => {
    const root = aRoot({ consolePassword: false, accessKeysActive: true, mfaActive: false });
    expect(ROOT_ACCOUNT_WITHOUT_MFA.breaks(root)).toBe(true);
    expect(ROOT_ACCOUNT_WITHOUT_MFA.severity).toBe('critical');
    expect(ROOT_ACCOUNT_WITHOUT_MFA.message(root, ACCOUNT)).toBe(
      'The root user in AWS account 111122223333 has no password but active access keys, and no MFA: the keys alone give full control of the account; delete them (CIS "no root access key").',
    );
  });
});

describe('aws-iam-mfa-phishing-resistant', () => {
  const rule = CONSOLE_USER_WITHOUT_PHISHING_RESISTANT_MFA;
  it.each<[string, Partial<Principal>, boolean]>([
    ['a security key', { mfaActive: true, mfaDevices: ['fido'] }, false],
    ['a key and an app', { mfaActive: true, mfaDevices: ['virtual', 'fido'] }, false],
    ['an authenticator app', { mfaActive: true, mfaDevices: ['virtual'] }, true],
    ['a hardware TOTP token', { mfaActive: true, mfaDevices: ['hardware'] }, true],
    ['devices not read (a report)', { mfaActive: true, mfaDevices: null }, false],
    ['no MFA at all (aws-iam-002 reports it)', { mfaActive: false, mfaDevices: [] }, false],
    ['no password', { consolePassword: false, mfaActive: true, mfaDevices: ['virtual'] }, false],
  ])('%s: %s', (_case, state, broken) => {
    expect(rule.breaks(aUser(state))).toBe(broken);
  });

  it('names the kinds that can be phished', () => {
    expect(
      rule.message(aUser({ mfaActive: true, mfaDevices: ['virtual', 'hardware'] }), ACCOUNT),
    ).toBe(
      'IAM user bob in AWS account 111122223333 signs in to the console with MFA that can be phished (authenticator app, hardware TOTP token) and has no security key or passkey.',
    );
  });

  it('is evaluated only when required', () => {
    expect(activeRules(true).map((r) => r.id)).not.toContain(rule.id);
    expect(activeRules(true, true).map((r) => r.id)).toEqual([
      'aws-iam-001',
      'aws-iam-002',
      'aws-iam-mfa-phishing-resistant',
    ]);
  });
});
