/**
 * The types every stage speaks: a snapshot of an account's principals goes in,
 * findings come out of the rules, and one verdict comes out of the threshold.
 */

/** Severities from most to least severe; the order is used for thresholds. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Where the snapshot came from, and how old its data is. */
export type SnapshotSource =
  | { readonly kind: 'report-file'; readonly path: string; readonly modifiedAt: Date }
  | {
      readonly kind: 'live-report';
      readonly generatedAt: Date;
      /** True when this run's GenerateCredentialReport call caused a new report. */
      readonly generatedByThisRun: boolean;
    }
  | { readonly kind: 'live-enumeration'; readonly reason: string }
  /** An account of a fleet that could not be read at all (its role, or the account). */
  | { readonly kind: 'not-audited'; readonly reason: string };

/**
 * An MFA device's kind. For users, from its serial in ListMFADevices: `fido` (`arn:…:u2f/…`, a
 * security key or passkey: phishing-resistant), `virtual` (`arn:…:mfa/…`, a TOTP app),
 * `hardware` (a serial that is no ARN, a TOTP token). For root, whose devices a role cannot
 * list: `virtual` when ListVirtualMFADevices shows one assigned to root, else
 * `hardware-or-fido` (AWS does not tell which; Security Hub IAM.6 passes it too).
 */
export type MfaKind = 'fido' | 'virtual' | 'hardware' | 'hardware-or-fido';

/** One MFA device of a principal. */
export interface MfaDevice {
  readonly kind: MfaKind;
  /** Its serial number (an ARN, or a hardware token's serial); null when AWS does not name it. */
  readonly serial: string | null;
}

/** Whether a one-time code from this kind of device can be relayed by a phishing page. */
export function phishable(device: MfaDevice): boolean {
  return device.kind === 'virtual' || device.kind === 'hardware';
}

/** An IAM user, or the account's root user. */
export interface Principal {
  readonly kind: 'user' | 'root';
  /** The IAM user name; `root` for the root user. */
  readonly name: string;
  readonly arn: string;
  /** ISO 8601 time the principal was created, when known. */
  readonly createdAt: string | null;
  /** Whether a console password exists; null when the source cannot tell (root in a report). */
  readonly consolePassword: boolean | null;
  /** ISO 8601 time of the last console sign-in, `never`, or null where there is no password. */
  readonly passwordLastUsed: string | null;
  readonly mfaActive: boolean;
  /**
   * The principal's MFA devices, when read (ListMFADevices; for root, ListVirtualMFADevices);
   * null when the source does not say (a credential report has no devices).
   */
  readonly mfaDevices: readonly MfaDevice[] | null;
  /**
   * Whether any access key is active; null when the source does not say (users read live).
   * Root's rule needs it: a root with no password can still be used through its keys.
   */
  readonly accessKeysActive: boolean | null;
  /** 1-based line in the credential report, when the principal came from one. */
  readonly reportLine: number | null;
}

/**
 * Whether a principal is known to have neither a console password nor an active access key:
 * it cannot sign in now (root can still recover a password by email, unless AWS
 * Organizations manages its credentials centrally).
 */
export function withoutCredentials(principal: Principal): boolean {
  return principal.consolePassword === false && principal.accessKeysActive === false;
}

/** How far apart two clocks (this runner's, AWS's) may be and still agree on "now". */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** The ARN of an account's root user, which also names the account as a whole. */
export function rootArnOf(partition: string, accountId: string): string {
  return `arn:${partition}:iam::${accountId}:root`;
}

/** A principal whose state could not be read, and why. */
export interface NotAssessed {
  /** A principal, or the whole account (not signed in to, or no user could be listed). */
  readonly subject: 'principal' | 'account';
  /** The principal's ARN, or the account's root ARN when the whole account is concerned. */
  readonly arn: string;
  /** The principal's name; for the whole account, `account`. */
  readonly name: string;
  /** The IAM action that was denied or failed, e.g. `iam:ListMFADevices`. */
  readonly action: string;
  readonly reason: string;
}

/** How a report AWS returned from its cache was brought up to date. */
export interface Verification {
  readonly reportAgeMinutes: number;
  /** The window of CloudTrail's event history read for IAM changes (ISO 8601). */
  readonly changesSince: string;
  readonly changesUntil: string;
  /**
   * Changes made before this time are certainly in the window; later ones may not have been
   * delivered by CloudTrail yet (about 5 minutes on average, not guaranteed).
   */
  readonly changesCertainUntil: string;
  /** Users iam:ListUsers listed: the users that exist now. */
  readonly listed: number;
  /** Users read live: new, renamed, moved or re-created since, or named in a change. */
  readonly readLive: number;
  /** Listed users the report does not have (created, renamed or moved since) or re-created. */
  readonly createdSince: number;
  /** Users of the report that are no longer listed: deleted (or renamed) since. */
  readonly deletedSince: number;
  /** Events not taken as changes: recorded for another service, or calls that failed. */
  readonly eventsIgnored: number;
}

/**
 * Whether AWS Organizations manages the root user's credentials centrally, which blocks
 * password recovery by email for a member account's root (iam:ListOrganizationsFeatures
 * shows RootCredentialsManagement; the management account's own root is never covered).
 */
export type CentralRootCredentials =
  | { readonly confirmed: true; readonly organizationId: string }
  | { readonly confirmed: false; readonly reason: string };

export interface AccountSnapshot {
  readonly accountId: string | null;
  readonly partition: string;
  readonly source: SnapshotSource;
  readonly principals: readonly Principal[];
  readonly notAssessed: readonly NotAssessed[];
  readonly verification: Verification | null;
  /**
   * Read only for a root with no password, no access keys and no MFA: whether it could get a
   * password back by email. Null when not read.
   */
  readonly centralRootCredentials: CentralRootCredentials | null;
  /** Facts the audit wants the reader to know (e.g. root credentials managed centrally). */
  readonly notes: readonly string[];
}

/** The snapshots of a run: one per account, at least one. */
export type Snapshots = readonly [AccountSnapshot, ...AccountSnapshot[]];

/**
 * What earlier runs knew of a finding: `new` (no alert, or not in the baseline), `open` (an
 * alert that is still open, or dismissed), or `reopened` (its alert was fixed, and it is back).
 */
export interface FindingHistory {
  readonly state: 'new' | 'open' | 'reopened';
  /** Its code-scanning alert, when there is one. */
  readonly alert: {
    readonly number: number;
    readonly url: string | null;
    /** When the alert was opened (ISO 8601). */
    readonly openedAt: string | null;
  } | null;
}

/** An accepted finding, as a suppressions file states it. */
export interface Suppression {
  /** A rule id, or `*` for every rule. */
  readonly rule: string;
  /**
   * Which principals it accepts. `glob` (this tool's format): a user name, an ARN, or a glob
   * of either (`*`, `?`). `exact` (cloud-audit's `resource_id`): the principal's name, exactly
   * (`root` for the root user), or `*` for every principal.
   */
  readonly principal: string;
  readonly match: 'glob' | 'exact';
  readonly reason: string;
  readonly owner: string | null;
  /** The last day it applies (YYYY-MM-DD, inclusive, UTC); null: it never expires. */
  readonly expires: string | null;
  /** Where it is written, for messages: `FILE entry N (line L)`. */
  readonly where: string;
}

export interface Finding {
  readonly ruleId: string;
  /** The severity the rule gives this case, or `low` while the principal is in the grace period. */
  readonly severity: Severity;
  /** What is wrong, in one or two sentences naming the principal and the account. */
  readonly detail: string;
  readonly accountId: string | null;
  readonly principal: Principal;
  /** The end of the grace period for new users (ISO 8601), while it lasts; else null. */
  readonly graceUntil: string | null;
  /** The suppression that accepts the finding: it stays reported but does not count. */
  readonly suppression: Suppression | null;
  /** Its place in the history of earlier runs; null when none was read. */
  readonly history: FindingHistory | null;
  /** The fix that fits this principal. */
  readonly fix: Fix;
}

/**
 * How to fix a finding: a password that is not used is better removed than given MFA (CIS:
 * credentials unused for 45 days or more are disabled); one in use needs an MFA device; a
 * device that gives one-time codes goes once a security key is in place.
 */
export interface Fix {
  readonly kind: 'remove-password' | 'enroll-mfa' | 'remove-phishable-mfa';
  /** A few words, for a table cell: `add MFA`, `remove the password`. */
  readonly label: string;
  /** One sentence, for the message and the summary. */
  readonly text: string;
  /** The command that does it, when there is one (root's MFA is set in the console). */
  readonly command: string | null;
}

export type Threshold = Severity | 'none';

export interface Verdict {
  /** `incomplete`: nothing over the threshold, but some principals could not be assessed (allowed). */
  readonly result: 'pass' | 'fail' | 'incomplete';
  /** Findings at or above the threshold: the ones counted against `max-findings`. */
  readonly counted: number;
  readonly maxSeverity: Severity | 'none';
  /** One sentence saying why the run passed or failed. */
  readonly why: string;
}

/** True when `severity` is at least as severe as `threshold`. */
export function atLeast(severity: Severity, threshold: Severity): boolean {
  return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(threshold);
}

/**
 * Long work tells how far it has got, so a slow account never looks hung: the action logs a
 * line every few seconds, the CLI draws a bar on a terminal.
 */
export interface Progress {
  /**
   * Starts a piece of work: `total` steps (`1,200 of 5,000 users read`), or a wait with no
   * known end when null (`waiting for the credential report: 20 s`).
   */
  begin(what: string, total: number | null): ProgressTask;
}

export interface ProgressTask {
  /** One more step done. */
  advance(): void;
  /** The work is over, done or not. */
  end(): void;
}

/** Runs `work`, its progress shown while it runs; `step` counts one more step done. */
export async function tracked<T>(
  progress: Progress,
  what: string,
  total: number | null,
  work: (step: () => void) => Promise<T>,
): Promise<T> {
  const task = progress.begin(what, total);
  try {
    return await work(() => {
      task.advance();
    });
  } finally {
    task.end();
  }
}

/** Progress nobody is shown. */
export const SILENT_PROGRESS: Progress = {
  begin: () => ({ advance: () => undefined, end: () => undefined }),
};
