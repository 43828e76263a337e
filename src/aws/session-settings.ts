/**
 * What the AWS layer is told by the plan: how to sign in and which accounts to read. It
 * never sees the rest of the plan or the process's environment.
 */

/** How every AWS session of a run is opened. */
export interface SessionSettings {
  /** The region calls are signed for; the partition follows from it. */
  readonly region: string;
  /** Attempts per AWS call, retries included. */
  readonly maxAttempts: number;
  /** A named profile of the shared AWS config (CLI only); null: the SDK's default chain. */
  readonly profile: string | null;
  /** The audience of GitHub's OIDC token, for a role assumed with it. */
  readonly audience: string;
  readonly roleSessionName: string;
  readonly roleDurationSeconds: number;
  /** When not empty, credentials of any other account stop the run before it audits. */
  readonly allowedAccountIds: readonly string[];
}

/**
 * Which accounts a run audits: one (with a role assumed with GitHub's OIDC token, or the
 * SDK's default credentials when `role` is null), or a fleet, each account through its own
 * role: roles listed, the same role name in listed accounts, or in an organization's accounts.
 */
export type Scope =
  | { readonly kind: 'one'; readonly role: string | null }
  | { readonly kind: 'roles'; readonly roles: readonly string[]; readonly partition: string }
  | {
      readonly kind: 'accounts';
      readonly accounts: readonly string[];
      readonly roleName: string;
      readonly partition: string;
    }
  | {
      readonly kind: 'organization';
      readonly organizationRole: string;
      readonly roleName: string;
      readonly partition: string;
      /** Account ids and organizational unit ids (`ou-…`, `r-…`); empty: every account. */
      readonly filter: readonly string[];
    };
