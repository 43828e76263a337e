import { describe, expect, it } from 'vitest';
import type { CentralRootCredentials, MfaDevice, Principal } from '../src/model.js';
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

/** The account facts a rule judges by: this account, central root management not read. */
const IN_ACCOUNT = { accountId: ACCOUNT, centralRootCredentials: null };

describe('aws-iam-002 console user without MFA', () => {
  it.each<[string, Partial<Principal>, boolean]>([
    ['password, no MFA', { consolePassword: true, mfaActive: false }, true],
    ['password and MFA', { consolePassword: true, mfaActive: true }, false],
    ['no password, no MFA', { consolePassword: false, mfaActive: false }, false],
    ['no password, MFA', { consolePassword: false, mfaActive: true }, false],
    ['password unknown, no MFA', { consolePassword: null, mfaActive: false }, false],
    ['access keys only', { consolePassword: false, accessKeysActive: true }, false],
  ])('user with %s breaks it: %s', (_case, state, broken) => {
    expect(CONSOLE_USER_WITHOUT_MFA.judge(aUser(state), IN_ACCOUNT) !== null).toBe(broken);
  });

  it('never fires for the root user, even with a password and no MFA', () => {
    expect(CONSOLE_USER_WITHOUT_MFA.judge(aRoot({ consolePassword: true }), IN_ACCOUNT)).toBeNull();
  });

  it('names the user and the account in its message', () => {
    expect(CONSOLE_USER_WITHOUT_MFA.judge(aUser({ name: 'bob' }), IN_ACCOUNT)).toEqual({
      severity: 'high',
      detail:
        'IAM user bob in AWS account 111122223333 has a console password and no active MFA device.',
    });
    expect(
      CONSOLE_USER_WITHOUT_MFA.judge(aUser({ name: 'bob' }), { ...IN_ACCOUNT, accountId: null })
        ?.detail,
    ).toBe('IAM user bob in the audited account has a console password and no active MFA device.');
  });
});

describe('aws-iam-001 root without MFA', () => {
  const judge = (
    state: Partial<Principal>,
    central: CentralRootCredentials | null = null,
  ): ReturnType<typeof ROOT_ACCOUNT_WITHOUT_MFA.judge> =>
    ROOT_ACCOUNT_WITHOUT_MFA.judge(aRoot(state), {
      ...IN_ACCOUNT,
      centralRootCredentials: central,
    });

  it.each<[string, Partial<Principal>, string | null]>([
    ['password unknown (report), no MFA', { consolePassword: null }, 'critical'],
    ['password, no MFA', { consolePassword: true }, 'critical'],
    [
      'no password, access keys, no MFA',
      { consolePassword: false, accessKeysActive: true },
      'critical',
    ],
    [
      'no password, keys unknown, no MFA',
      { consolePassword: false, accessKeysActive: null },
      'critical',
    ],
    ['no password, no keys, no MFA', { consolePassword: false, accessKeysActive: false }, 'medium'],
    ['password unknown, MFA', { consolePassword: null, mfaActive: true }, null],
    [
      'password, keys, MFA',
      { consolePassword: true, accessKeysActive: true, mfaActive: true },
      null,
    ],
  ])('root with %s: %s', (_case, state, severity) => {
    expect(judge(state)?.severity ?? null).toBe(severity);
  });

  it('never fires for an IAM user', () => {
    expect(
      ROOT_ACCOUNT_WITHOUT_MFA.judge(aUser({ name: 'root', consolePassword: true }), IN_ACCOUNT),
    ).toBeNull();
  });

  it('names the account in its message', () => {
    expect(judge({})?.detail).toBe(
      'The root user in AWS account 111122223333 has no active MFA device.',
    );
    expect(judge({ consolePassword: false, accessKeysActive: null })?.detail).toBe(
      'The root user in AWS account 111122223333 has no password and no MFA device, and whether it has active access keys is unknown.',
    );
  });

  it('names active access keys whatever the password state, a report row included', () => {
    const keys =
      ' Its access keys are active and give full control of the account without MFA: delete them (CIS "no root access key").';
    expect(judge({ consolePassword: null, accessKeysActive: true })?.detail).toBe(
      `The root user in AWS account 111122223333 has no active MFA device.${keys}`,
    );
    expect(judge({ consolePassword: true, accessKeysActive: true })?.detail).toBe(
      `The root user in AWS account 111122223333 has no active MFA device.${keys}`,
    );
    expect(judge({ consolePassword: false, accessKeysActive: true })?.detail).toBe(
      `The root user in AWS account 111122223333 has no password and no MFA device.${keys}`,
    );
  });

  it('reports a password-less root at medium, saying why central management is not confirmed', () => {
    const state = { consolePassword: false, accessKeysActive: false };
    expect(judge(state)).toEqual({
      severity: 'medium',
      detail:
        'The root user in AWS account 111122223333 has no password, no access keys and no MFA: it cannot sign in now, but a password can be recovered by email unless AWS Organizations manages root credentials centrally.',
    });
    expect(
      judge(state, { confirmed: false, reason: 'iam:ListOrganizationsFeatures: AccessDenied' })
        ?.detail,
    ).toMatch(/centrally \(not confirmed: iam:ListOrganizationsFeatures: AccessDenied\)\.$/);
    expect(judge(state, { confirmed: true, organizationId: 'o-abcdefghij' })).toBeNull();
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
});

describe('aws-iam-mfa-phishing-resistant', () => {
  const rule = CONSOLE_USER_WITHOUT_PHISHING_RESISTANT_MFA;
  const KEY: MfaDevice = {
    kind: 'fido',
    serial: `arn:aws:iam::${ACCOUNT}:u2f/user/bob/yubikey-ABC`,
  };
  const APP: MfaDevice = { kind: 'virtual', serial: `arn:aws:iam::${ACCOUNT}:mfa/bob` };
  const TOKEN: MfaDevice = { kind: 'hardware', serial: 'GAHT12345678' };
  it.each<[string, Partial<Principal>, boolean]>([
    ['a security key', { mfaActive: true, mfaDevices: [KEY] }, false],
    ['a key and an app', { mfaActive: true, mfaDevices: [APP, KEY] }, true],
    ['an authenticator app', { mfaActive: true, mfaDevices: [APP] }, true],
    ['a hardware TOTP token', { mfaActive: true, mfaDevices: [TOKEN] }, true],
    ['devices not read (a report)', { mfaActive: true, mfaDevices: null }, false],
    ['no MFA at all (aws-iam-002 reports it)', { mfaActive: false, mfaDevices: [] }, false],
    ['no password', { consolePassword: false, mfaActive: true, mfaDevices: [APP] }, false],
  ])('%s: %s', (_case, state, broken) => {
    expect(rule.judge(aUser(state), IN_ACCOUNT) !== null).toBe(broken);
  });

  it('names the devices that can be phished', () => {
    expect(rule.judge(aUser({ mfaActive: true, mfaDevices: [APP, TOKEN] }), IN_ACCOUNT)).toEqual({
      severity: 'medium',
      detail:
        'IAM user bob in AWS account 111122223333 signs in with MFA that can be phished (authenticator app arn:aws:iam::111122223333:mfa/bob, hardware TOTP token GAHT12345678) and has no security key or passkey.',
    });
    expect(rule.judge(aUser({ mfaActive: true, mfaDevices: [KEY, APP] }), IN_ACCOUNT)?.detail).toBe(
      'IAM user bob in AWS account 111122223333 has a security key or passkey, but also authenticator app arn:aws:iam::111122223333:mfa/bob: AWS accepts any one of its devices at sign-in, so a one-time code can still be phished.',
    );
  });

  it('judges root by the devices a role can see: a virtual one is a finding, any other passes', () => {
    const virtual: MfaDevice = {
      kind: 'virtual',
      serial: `arn:aws:iam::${ACCOUNT}:mfa/root-account-mfa-device`,
    };
    expect(rule.judge(aRoot({ mfaActive: true, mfaDevices: [virtual] }), IN_ACCOUNT)?.detail).toBe(
      `The root user in AWS account 111122223333 signs in with MFA that can be phished (authenticator app arn:aws:iam::111122223333:mfa/root-account-mfa-device) and has no security key or passkey.`,
    );
    const other: MfaDevice = { kind: 'hardware-or-fido', serial: null };
    expect(rule.judge(aRoot({ mfaActive: true, mfaDevices: [other] }), IN_ACCOUNT)).toBeNull();
    expect(rule.judge(aRoot({ mfaActive: false, mfaDevices: null }), IN_ACCOUNT)).toBeNull();
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
