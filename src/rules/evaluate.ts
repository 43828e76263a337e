import {
  CLOCK_SKEW_MS,
  phishable,
  withoutCredentials,
  type AccountSnapshot,
  type Finding,
  type Fix,
  type Principal,
} from '../model.js';
import {
  CONSOLE_USER_WITHOUT_PHISHING_RESISTANT_MFA,
  deviceName,
  notApplicableIn,
  type Rule,
} from './catalog.js';
import { PLAIN_SERIAL } from './fix-script.js';
import { DAY_MS, isoSecond, shellWord } from '../text.js';

/** New users get this long to enroll MFA before a finding counts at its full severity. */
export interface GracePeriod {
  readonly hours: number;
  readonly now: Date;
}

const NO_GRACE: GracePeriod = { hours: 0, now: new Date() };

/** CIS: credentials unused for 45 days or more are disabled; a newer user is still settling in. */
const UNUSED_DAYS = 45;

/**
 * Applies each rule that applies in the snapshot's partition to each principal: one finding
 * per broken (rule, principal) pair, at the severity the rule gives the case. A user created
 * less than `grace.hours` ago is a low finding until the grace period ends.
 */
export function evaluate(
  snapshot: AccountSnapshot,
  rules: readonly Rule[],
  grace: GracePeriod = NO_GRACE,
): Finding[] {
  const applicable = rules.filter((rule) => notApplicableIn(rule, snapshot.partition) === null);
  return applicable.flatMap((rule) =>
    snapshot.principals.flatMap((principal): Finding[] => {
      const breach = rule.judge(principal, snapshot);
      if (breach === null) return [];
      const graceUntil = graceEnd(principal, grace);
      return [
        {
          ruleId: rule.id,
          severity: graceUntil === null ? breach.severity : 'low',
          detail: breach.detail,
          accountId: snapshot.accountId,
          principal,
          graceUntil,
          suppression: null,
          fix: fixFor(rule, principal, grace.now, graceUntil !== null),
        },
      ];
    }),
  );
}

/**
 * The end of a user's grace period, while it runs; null otherwise. It starts when the user was
 * created, whatever happened to its password since, so it cannot be renewed; a creation time
 * in the future gives none.
 */
function graceEnd(principal: Principal, grace: GracePeriod): string | null {
  if (grace.hours === 0 || principal.kind !== 'user' || principal.createdAt === null) return null;
  const created = Date.parse(principal.createdAt);
  const now = grace.now.getTime();
  if (Number.isNaN(created) || created > now + CLOCK_SKEW_MS) return null;
  const end = created + grace.hours * 3_600_000;
  return end > now ? isoSecond(end) : null;
}

/** Whole days from `time` to `now`, or null when `time` is not a time. */
function daysSince(time: string | null, now: Date): number | null {
  const at = time === null ? NaN : Date.parse(time);
  return Number.isNaN(at) ? null : Math.floor((now.getTime() - at) / DAY_MS);
}

/**
 * The fix that fits. A user's password is better removed than given MFA when it has not been
 * used for 45 days or more, or never, by a user that is at least that old and not in grace;
 * otherwise the user needs an MFA device.
 */
function fixFor(rule: Rule, principal: Principal, now: Date, inGrace: boolean): Fix {
  if (rule.id === CONSOLE_USER_WITHOUT_PHISHING_RESISTANT_MFA.id) return phishableFix(principal);
  if (principal.kind === 'root') {
    const keys = principal.accessKeysActive === true ? ', and delete its access keys' : '';
    return withoutCredentials(principal)
      ? {
          kind: 'enroll-mfa',
          text: 'have AWS Organizations manage root credentials centrally (aws iam enable-organizations-root-credentials-management in the management account), or recover the password, sign in as root and assign an MFA device',
          command: null,
        }
      : {
          kind: 'enroll-mfa',
          text: `sign in as root and assign an MFA device, preferably a security key (Security credentials)${keys}`,
          command: null,
        };
  }
  const lastUsed = principal.passwordLastUsed;
  const unused = lastUsed === 'never' ? null : daysSince(lastUsed, now);
  const age = daysSince(principal.createdAt, now);
  const settled = !inGrace && age !== null && age >= UNUSED_DAYS;
  if (settled && (lastUsed === 'never' || (unused !== null && unused >= UNUSED_DAYS))) {
    return {
      kind: 'remove-password',
      text: `remove the console password, ${lastUsed === 'never' ? 'never used' : `unused for ${unused ?? 0} days`} (CIS: credentials unused for 45 days or more)`,
      command: `aws iam delete-login-profile --user-name ${shellWord(principal.name)}`,
    };
  }
  return {
    kind: 'enroll-mfa',
    text: 'assign an MFA device, preferably a security key or passkey',
    command: `aws iam create-virtual-mfa-device --virtual-mfa-device-name ${shellWord(principal.name)} --outfile ${shellWord(`${principal.name}-qr.png`)} --bootstrap-method QRCodePNG`,
  };
}

/** Remove the devices that give one-time codes, once a security key or passkey is in place. */
function phishableFix(principal: Principal): Fix {
  const weak = (principal.mfaDevices ?? []).filter(phishable);
  const named = weak.map(deviceName).join(', ');
  if (principal.kind === 'root') {
    return {
      kind: 'remove-phishable-mfa',
      text: `sign in as root, register a security key or passkey (Security credentials), then remove the ${named}`,
      command: null,
    };
  }
  const hasKey = (principal.mfaDevices ?? []).some((d) => d.kind === 'fido');
  const [only] = weak;
  return {
    kind: 'remove-phishable-mfa',
    text: hasKey
      ? `deactivate the ${named}: the security key or passkey stays`
      : `register a security key or passkey in the console, then deactivate the ${named}`,
    command:
      hasKey && only?.serial != null && weak.length === 1 && PLAIN_SERIAL.test(only.serial)
        ? `aws iam deactivate-mfa-device --user-name ${shellWord(principal.name)} --serial-number ${only.serial}`
        : null,
  };
}
