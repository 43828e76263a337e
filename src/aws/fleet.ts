import pLimit from 'p-limit';
import { ConfigurationError, failureOf } from '../errors.js';
import { rootArnOf, tracked, type AccountSnapshot, type Progress } from '../model.js';
import { collectLive, type LiveSettings } from './collect-live.js';
import { connect, connectOrganization } from './connect.js';
import { requireOidcToken, type OidcDeps } from './credentials.js';
import { organizationAccounts } from './organization.js';
import type { Scope, SessionSettings } from './session-settings.js';
import {
  centralRootCredentialsOf,
  readOrganizationRootView,
  type OrganizationReaders,
  type OrganizationRootView,
} from './root-credentials.js';

/** An account of a fleet, and the role that reads it. */
interface AccountTarget {
  readonly accountId: string;
  readonly role: string;
  readonly partition: string;
}

/** An account that was asked for and could not be audited, and why. */
interface Unreadable {
  readonly accountId: string;
  readonly partition: string;
  readonly action: string;
  readonly reason: string;
}

/** The accounts of a fleet: those to audit, and those asked for that cannot be. */
interface Fleet {
  readonly targets: readonly AccountTarget[];
  readonly unreadable: readonly Unreadable[];
  /** The organization role's clients, when the accounts are an organization's. */
  readonly organization: OrganizationReaders | null;
}

type FleetScope = Exclude<Scope, { kind: 'one' }>;

const accountOfRole = (role: string): string => role.split(':')[4] ?? '';

/**
 * The accounts to audit: the roles listed, the role name in each account listed, or in each
 * ACTIVE account of the organization (filtered by account-filter). A filter entry that names
 * no ACTIVE account is unreadable, so it fails the run rather than drop out.
 */
export async function fleetOf(
  scope: FleetScope,
  session: SessionSettings,
  deps: OidcDeps,
): Promise<Fleet> {
  // Every account is signed in to with the token: without one, none could be.
  requireOidcToken(
    deps,
    { roles: 'role-to-assume', accounts: 'accounts', organization: 'organization-role' }[
      scope.kind
    ],
  );
  if (scope.kind === 'roles') {
    return {
      targets: scope.roles.map((role) => ({
        accountId: accountOfRole(role),
        role,
        partition: scope.partition,
      })),
      unreadable: [],
      organization: null,
    };
  }
  const roleIn = (accountId: string): AccountTarget => ({
    accountId,
    role: `arn:${scope.partition}:iam::${accountId}:role/${scope.roleName}`,
    partition: scope.partition,
  });
  if (scope.kind === 'accounts') {
    return { targets: scope.accounts.map(roleIn), unreadable: [], organization: null };
  }
  const organization = await connectOrganization(
    session,
    deps,
    scope.organizationRole,
    scope.partition,
  );
  const { accounts, unknown } = await organizationAccounts(
    organization.organizations,
    scope.filter,
  );
  if (accounts.length === 0 && unknown.length === 0) {
    throw new ConfigurationError(
      scope.filter.length === 0
        ? `organization-role: the organization of ${scope.organizationRole} has no ACTIVE account to audit.`
        : `account-filter: no ACTIVE account of the organization is under ${scope.filter.join(', ')}.`,
    );
  }
  return {
    targets: accounts.map(roleIn),
    unreadable: unknown.map((accountId) => ({
      accountId,
      partition: scope.partition,
      action: 'organizations:ListAccounts',
      reason: `account-filter names ${accountId}, which is not an ACTIVE account of the organization`,
    })),
    organization,
  };
}

/** What auditing one account of a fleet needs. */
interface FleetDeps extends OidcDeps {
  readonly now: () => Date;
  readonly sleep: (ms: number) => Promise<void>;
  readonly log: (message: string) => void;
  readonly progress: Progress;
}

/**
 * Audits each account through its own role, `maxParallelAccounts` at a time; results in
 * the order of the targets. An account that cannot be signed in to, or whose role acts in
 * another account, is a snapshot with the account itself not assessed.
 */
export async function auditFleet(
  fleet: Fleet,
  session: SessionSettings,
  maxParallelAccounts: number,
  deps: FleetDeps,
  settings: LiveSettings,
): Promise<AccountSnapshot[]> {
  const limit = pLimit(maxParallelAccounts);
  // The organization role reads the organization's root credentials features once, for all.
  const { organization } = fleet;
  let view: Promise<OrganizationRootView> | undefined;
  const organizationView =
    organization === null ? null : () => (view ??= readOrganizationRootView(organization));
  const audited = await tracked(deps.progress, 'accounts audited', fleet.targets.length, (step) =>
    Promise.all(
      fleet.targets.map((target) =>
        limit(async () => {
          const snapshot = await auditAccount(target, session, deps, settings, organizationView);
          step();
          return snapshot;
        }),
      ),
    ),
  );
  return [...audited, ...fleet.unreadable.map(notAudited)];
}

async function auditAccount(
  target: AccountTarget,
  sessionSettings: SessionSettings,
  deps: FleetDeps,
  settings: LiveSettings,
  organizationView: (() => Promise<OrganizationRootView>) | null,
): Promise<AccountSnapshot> {
  const label = `account ${target.accountId}`;
  const log = (message: string): void => {
    deps.log(`[${target.accountId}] ${message}`);
  };
  let session;
  try {
    session = await connect(sessionSettings, deps, target.role);
  } catch (error) {
    const { reason, internal } = failureOf(error);
    if (internal) throw error;
    log(`not audited: ${reason}`);
    return notAudited({ ...target, action: 'sts:AssumeRoleWithWebIdentity', reason });
  }
  if (session.caller.accountId !== target.accountId) {
    const reason = `the credentials of ${target.role} act in account ${session.caller.accountId}, not ${target.accountId}`;
    log(`not audited: ${reason}`);
    return notAudited({ ...target, action: 'sts:GetCallerIdentity', reason });
  }
  return collectLive(
    {
      ...session,
      centralRootCredentials: centralRootCredentialsOf(session, target.accountId, organizationView),
      now: deps.now,
      sleep: deps.sleep,
      log,
      progress: { begin: (what, total) => deps.progress.begin(`${what} (${label})`, total) },
    },
    settings,
  );
}

/** An account that was not audited: the account itself is not assessed, with the reason. */
function notAudited(u: Unreadable): AccountSnapshot {
  return {
    accountId: u.accountId,
    partition: u.partition,
    source: { kind: 'not-audited', reason: u.reason },
    principals: [],
    notAssessed: [
      {
        subject: 'account',
        arn: rootArnOf(u.partition, u.accountId),
        name: 'account',
        action: u.action,
        reason: u.reason,
      },
    ],
    verification: null,
    centralRootCredentials: null,
    notes: [],
  };
}
