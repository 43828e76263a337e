import { phishable, type Fix, type Principal } from '../model.js';
import { shellWord } from '../text.js';
import { deviceName, inAccount, PLAIN_SERIAL, type Rule } from './rule.js';

/** Remove the devices that give one-time codes, once a security key or passkey is in place. */
function phishableFix(principal: Principal): Fix {
  const weak = (principal.mfaDevices ?? []).filter(phishable);
  const named = weak.map(deviceName).join(', ');
  if (principal.kind === 'root') {
    return {
      kind: 'remove-phishable-mfa',
      label: 'add a security key as root',
      text: `sign in as root, register a security key or passkey (Security credentials), then remove the ${named}`,
      command: null,
    };
  }
  const hasKey = (principal.mfaDevices ?? []).some((d) => d.kind === 'fido');
  const [only] = weak;
  return {
    kind: 'remove-phishable-mfa',
    label: hasKey ? 'remove the code device' : 'add a security key',
    text: hasKey
      ? `deactivate the ${named}: the security key or passkey stays`
      : `register a security key or passkey in the console, then deactivate the ${named}`,
    command:
      hasKey && only?.serial != null && weak.length === 1 && PLAIN_SERIAL.test(only.serial)
        ? `aws iam deactivate-mfa-device --user-name ${shellWord(principal.name)} --serial-number ${only.serial}`
        : null,
  };
}

export const CONSOLE_USER_WITHOUT_PHISHING_RESISTANT_MFA: Rule = {
  id: 'aws-iam-mfa-phishing-resistant',
  name: 'ConsoleUserWithoutPhishingResistantMfa',
  severity: 'medium',
  shortDescription: 'An IAM user or root signs in to the console with MFA that can be phished',
  fullDescription:
    'An IAM user with a console password, or the root user, has an MFA device that gives one-time codes (an authenticator app, or for a user a hardware TOTP token): AWS accepts any one of a principal’s devices at sign-in, so that code can be relayed by a phishing page as it is typed, even when a security key is registered too.',
  whyItMatters:
    'Phishing kits now relay one-time codes in real time, so TOTP stops a stolen password but not a phished sign-in. A FIDO security key or passkey signs for the real AWS sign-in origin only, so a look-alike page gets nothing it can use. US federal guidance (OMB M-22-09) requires phishing-resistant MFA for this reason.',
  remediation: {
    cli: [
      '# See the kind of each device: u2f serials are security keys or passkeys, mfa/ serials are',
      '# authenticator apps, serials that are not ARNs are hardware TOTP tokens.',
      'aws iam list-mfa-devices --user-name USER',
      '# Register a security key or passkey in the console (Security credentials → Assign MFA device;',
      '# the API cannot register one), then deactivate every device that gives one-time codes:',
      '# AWS accepts any one of them at sign-in.',
      'aws iam deactivate-mfa-device --user-name USER --serial-number arn:aws:iam::ACCOUNT_ID:mfa/USER',
      '# Root: sign in as root, register a security key, and remove the virtual device there.',
    ].join('\n'),
    terraform: [
      '# Security keys and passkeys are registered by their owner in the console, not by Terraform.',
      '# Terraform can remove a virtual device once a security key is in place:',
      '# terraform state rm aws_iam_virtual_mfa_device.USER && terraform apply',
    ].join('\n'),
  },
  compliance: [
    { framework: 'OMB M-22-09', control: 'phishing-resistant MFA' },
    { framework: 'NIST SP 800-63B', control: 'phishing (verifier impersonation) resistance' },
  ],
  tags: ['security', 'aws', 'iam', 'mfa', 'phishing-resistant', 'fido'],
  judge: (p, account) => {
    if (!p.mfaActive || p.mfaDevices === null) return null;
    if (p.kind === 'user' && p.consolePassword !== true) return null;
    const weak = p.mfaDevices.filter(phishable);
    if (weak.length === 0) return null;
    const who =
      p.kind === 'root'
        ? `The root user ${inAccount(account.accountId)}`
        : `IAM user ${p.name} ${inAccount(account.accountId)}`;
    const named = weak.map(deviceName).join(', ');
    const detail = p.mfaDevices.some((d) => d.kind === 'fido')
      ? `${who} has a security key or passkey, but also ${named}: AWS accepts any one of its devices at sign-in, so a one-time code can still be phished.`
      : `${who} signs in with MFA that can be phished (${named}) and has no security key or passkey.`;
    return { severity: 'medium', detail };
  },
  notApplicable: [],
  enabled: (choice) => choice.requirePhishingResistantMfa,
  needs: { mfaDevices: true },
  fix: phishableFix,
  script: ({ principal }) => {
    // Root's devices are managed by root itself, in the console.
    if (principal.kind === 'root') return [];
    const user = principal.name;
    return [
      `aws iam list-mfa-devices --user-name ${user}`,
      ...(principal.mfaDevices ?? [])
        .filter(phishable)
        .flatMap((d) =>
          d.serial !== null && PLAIN_SERIAL.test(d.serial)
            ? [`aws iam deactivate-mfa-device --user-name ${user} --serial-number ${d.serial}`]
            : [],
        ),
    ];
  },
};
