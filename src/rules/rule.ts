import type {
  AccountSnapshot,
  Finding,
  Fix,
  MfaDevice,
  MfaKind,
  Principal,
  Severity,
} from '../model.js';
import { bounded } from '../text.js';

export interface ComplianceMapping {
  readonly framework: string;
  readonly control: string;
}

/** A partition where a rule does not apply, and the source that says so. */
export interface NotApplicable {
  readonly partition: string;
  readonly reason: string;
}

/** How a principal breaks a rule: the severity this case has, and what is wrong. */
export interface Breach {
  readonly severity: Severity;
  /** One or two sentences naming the principal and the account. */
  readonly detail: string;
}

/** What a rule may know of the principal's account. */
export type AccountFacts = Pick<AccountSnapshot, 'accountId' | 'centralRootCredentials'>;

/** Which of the optional rules a run asks for. */
export interface RuleChoice {
  readonly includeRoot: boolean;
  /** Also require a FIDO security key or passkey of console users (live audit only). */
  readonly requirePhishingResistantMfa: boolean;
}

/** What collection must read for a rule, beyond each principal's password and MFA state. */
export interface CollectionNeeds {
  /** Each console user's MFA devices, and their kinds (iam:ListMFADevices). */
  readonly mfaDevices: boolean;
}

/** When a fix is chosen: the audit's time, and whether the user is in its grace period. */
export interface FixContext {
  readonly now: Date;
  readonly inGrace: boolean;
}

/** Where a fix script runs: the account (or ACCOUNT_ID) and the partition of its ARNs. */
export interface ScriptTarget {
  readonly account: string;
  readonly partition: string;
}

/**
 * A rule, whole: its metadata (the SARIF rules, the summary and the docs' table all come from
 * here), what it needs collected, how a principal breaks it, and how to fix each case.
 */
export interface Rule {
  readonly id: string;
  readonly name: string;
  readonly severity: Severity;
  readonly shortDescription: string;
  readonly fullDescription: string;
  readonly whyItMatters: string;
  /** Written for the `aws` partition; remediationIn gives it for another. */
  readonly remediation: { readonly cli: string; readonly terraform: string };
  readonly compliance: readonly ComplianceMapping[];
  /** Code-scanning tags (at most 20): topic and compliance controls. */
  readonly tags: readonly string[];
  /** Partitions where the rule does not apply (no finding, one line in the summary). */
  readonly notApplicable: readonly NotApplicable[];
  /** Whether a run with these choices evaluates the rule. */
  readonly enabled: (choice: RuleChoice) => boolean;
  readonly needs: CollectionNeeds;
  /** How the principal breaks the rule, or null when it does not. */
  readonly judge: (principal: Principal, account: AccountFacts) => Breach | null;
  /** The fix that fits the principal. */
  readonly fix: (principal: Principal, context: FixContext) => Fix;
  /**
   * The shell lines that fix a finding, after a comment naming the user: only called for a
   * name IAM allows, so nothing from a report can be pasted into a shell.
   */
  readonly script: (finding: Finding, target: ScriptTarget) => string[];
}

/** The account a message names. */
export const inAccount = (accountId: string | null): string =>
  accountId ? `in AWS account ${accountId}` : 'in the audited account';

/** An MFA serial (an ARN, or a hardware token's serial) that needs no quoting in a shell. */
export const PLAIN_SERIAL = /^[\w+=,.@:/-]{1,256}$/;

const KIND_NAMES: Record<MfaKind, string> = {
  fido: 'security key or passkey',
  virtual: 'authenticator app',
  hardware: 'hardware TOTP token',
  'hardware-or-fido': 'hardware or FIDO device',
};

/** A device as a message names it: its kind, and its serial when AWS gives one. */
export function deviceName(device: MfaDevice): string {
  const kind = KIND_NAMES[device.kind];
  return device.serial === null ? kind : `${kind} ${bounded(device.serial, 120)}`;
}
