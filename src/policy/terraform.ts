/**
 * The account as it would be after a Terraform plan: users created, renamed or removed,
 * login profiles created or removed. Pure: the plan is read at the edge.
 */
import type { IamChange } from '../iac/terraform-plan.js';
import type { AccountSnapshot, NotAssessed, Principal } from '../model.js';

/** The plan's change that makes a principal what it is after the plan. */
export interface PlanCause {
  readonly address: string;
  readonly file: string;
  /** What the change does to the user: `gives a console password to`, `removes`, … */
  readonly what: string;
}

export interface AfterPlan {
  readonly snapshot: AccountSnapshot;
  /** By principal name after the plan (or before, for one removed): the change that touched it. */
  readonly causes: ReadonlyMap<string, PlanCause>;
}

/**
 * The snapshot with `changes` applied. A user created by the plan is created now (so a grace
 * period covers it), with no MFA; a login profile for a user the plan names only at apply is
 * not assessed, never guessed; a virtual MFA device enables nothing by itself, and a note says
 * so.
 */
export function applyPlan(
  snapshot: AccountSnapshot,
  changes: readonly IamChange[],
  now: Date,
): AfterPlan {
  const users = new Map(
    snapshot.principals.filter((p) => p.kind === 'user').map((p) => [p.name, p] as const),
  );
  const causes = new Map<string, PlanCause>();
  const notAssessed: NotAssessed[] = [];
  const notes: string[] = [];
  const account = snapshot.accountId ?? 'ACCOUNT_ID';
  const arnOf = (name: string, path: string): string =>
    `arn:${snapshot.partition}:iam::${account}:user${path.endsWith('/') ? path : `${path}/`}${name}`;
  const cause = (name: string, change: IamChange, what: string): void => {
    causes.set(name, { address: change.address, file: change.file, what });
  };
  const unknown = (change: IamChange, what: string): void => {
    notAssessed.push({
      subject: 'principal',
      arn: change.address,
      name: change.address,
      action: 'terraform plan',
      reason: `${change.file}: ${change.address} ${what} known only after apply, so its console access cannot be judged; make the name a literal, or audit after apply`,
    });
  };
  const created = (name: string, path: string): Principal => ({
    kind: 'user',
    name,
    arn: arnOf(name, path),
    createdAt: now.toISOString(),
    consolePassword: false,
    passwordLastUsed: null,
    mfaActive: false,
    mfaDevices: null,
    accessKeysActive: false,
    reportLine: null,
  });

  // Users first: a login profile of the same plan may belong to a user it creates.
  for (const change of changes) {
    if (change.kind !== 'user') continue;
    if (change.before !== null && change.action !== 'update') {
      users.delete(change.before);
      cause(change.before, change, change.action === 'replace' ? 'replaces' : 'removes');
    }
    if (change.after === null) continue;
    if (!change.after.known) {
      notes.push(
        `${change.file}: ${change.address} creates a user whose name is known only after apply.`,
      );
      continue;
    }
    const name = change.after.value;
    if (change.action === 'update') {
      const old = change.before === null ? undefined : users.get(change.before);
      if (old === undefined || change.before === name) continue;
      users.delete(old.name);
      users.set(name, { ...old, name, arn: arnOf(name, change.path) });
      cause(name, change, `renames ${old.name} to`);
    } else {
      users.set(name, created(name, change.path));
      cause(name, change, change.action === 'replace' ? 'replaces' : 'creates');
    }
  }
  for (const change of changes) {
    if (change.kind !== 'login-profile') continue;
    if (change.before !== null && change.action !== 'create') {
      const user = users.get(change.before);
      if (user !== undefined) {
        users.set(user.name, { ...user, consolePassword: false, passwordLastUsed: null });
        cause(user.name, change, 'removes the console password of');
      }
    }
    if (change.after === null) continue;
    if (!change.after.known) {
      unknown(change, 'gives a console password to a user whose name is');
      continue;
    }
    const user = users.get(change.after.value);
    if (user === undefined) {
      notes.push(
        `${change.file}: ${change.address} is for user ${change.after.value}, which neither the account nor the plan has.`,
      );
      continue;
    }
    users.set(user.name, { ...user, consolePassword: true, passwordLastUsed: 'never' });
    cause(user.name, change, 'gives console access to');
  }
  for (const change of changes) {
    if (change.kind === 'virtual-mfa-device') {
      notes.push(
        `${change.file}: ${change.address} creates a virtual MFA device; it enables MFA for nobody until someone runs aws iam enable-mfa-device with two codes, so the audit does not count it.`,
      );
    }
  }
  return {
    snapshot: {
      ...snapshot,
      principals: [...snapshot.principals.filter((p) => p.kind === 'root'), ...users.values()],
      notAssessed: [...snapshot.notAssessed, ...notAssessed],
      notes: [...snapshot.notes, ...notes],
    },
    causes,
  };
}
