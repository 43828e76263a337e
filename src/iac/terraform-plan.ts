/**
 * A Terraform plan as `terraform show -json` writes it (format_version 1.x): the IAM user,
 * login profile and MFA device changes it would make. Values unknown until apply stay
 * unknown: they are never guessed.
 */
import { ConfigurationError } from '../errors.js';
import { readRegularFile } from '../io/file-kind.js';

/** A plan of 10,000 resources is a few MiB; this bounds what is read. */
const MAX_PLAN_BYTES = 64 * 1024 * 1024;

/** A value the plan knows, or `unknown` until apply. */
export type Planned<T> = { readonly known: true; readonly value: T } | { readonly known: false };

/** What one resource change does to an IAM user's console access. */
export type IamChange =
  | {
      readonly kind: 'user';
      readonly action: 'create' | 'delete' | 'update' | 'replace';
      readonly before: string | null;
      readonly after: Planned<string> | null;
      readonly path: string;
      readonly address: string;
      readonly file: string;
    }
  | {
      readonly kind: 'login-profile';
      readonly action: 'create' | 'delete' | 'update' | 'replace';
      readonly before: string | null;
      readonly after: Planned<string> | null;
      readonly address: string;
      readonly file: string;
    }
  | { readonly kind: 'virtual-mfa-device'; readonly address: string; readonly file: string };

interface ResourceChange {
  readonly address?: unknown;
  readonly mode?: unknown;
  readonly type?: unknown;
  readonly change?: {
    readonly actions?: unknown;
    readonly before?: unknown;
    readonly after?: unknown;
    readonly after_unknown?: unknown;
  };
}

/** Reads the IAM changes of a plan file; anything that is not a plan is one line naming it. */
export async function readTerraformPlan(file: string): Promise<IamChange[]> {
  const refuse = (why: string): ConfigurationError =>
    new ConfigurationError(
      `terraform-plan ${JSON.stringify(file)}: ${why}; give the output of terraform show -json PLANFILE.`,
    );
  const text = await readRegularFile(file, MAX_PLAN_BYTES, refuse);
  let plan: unknown;
  try {
    plan = JSON.parse(text);
  } catch (error) {
    throw refuse(`is not JSON (${(error as Error).message})`);
  }
  if (plan === null || typeof plan !== 'object' || Array.isArray(plan)) {
    throw refuse('is not a JSON object');
  }
  const { format_version: version, resource_changes: changes } = plan as Record<string, unknown>;
  if (typeof version !== 'string' || !/^1\.\d+$/.test(version)) {
    throw refuse(
      version === undefined
        ? 'has no format_version, so it is no plan (terraform show -json of a state has no resource_changes either)'
        : `has format_version ${JSON.stringify(version)}; format 1.x is read`,
    );
  }
  if (!('planned_values' in plan)) {
    throw refuse(
      'values' in plan
        ? 'is a state (terraform show -json of a state), not a plan: it has values but no planned_values'
        : 'has no planned_values, so it is no plan',
    );
  }
  if (changes === undefined) return [];
  if (!Array.isArray(changes)) throw refuse('has resource_changes that is not a list');
  return changes.flatMap((raw: ResourceChange, i) => iamChange(raw, file, i, refuse));
}

/** One resource change, if it is an IAM user, login profile or virtual MFA device. */
function iamChange(
  raw: ResourceChange,
  file: string,
  index: number,
  refuse: (why: string) => ConfigurationError,
): IamChange[] {
  if (raw.mode !== 'managed') return [];
  const type = raw.type;
  if (
    type !== 'aws_iam_user' &&
    type !== 'aws_iam_user_login_profile' &&
    type !== 'aws_iam_virtual_mfa_device'
  ) {
    return [];
  }
  const address = typeof raw.address === 'string' ? raw.address : null;
  const actions = raw.change?.actions;
  if (address === null || !Array.isArray(actions)) {
    throw refuse(`resource_changes[${index}] has no address or no change.actions`);
  }
  if (type === 'aws_iam_virtual_mfa_device') {
    return actions.includes('create') ? [{ kind: 'virtual-mfa-device', address, file }] : [];
  }
  const action = actionOf(actions);
  if (action === null) return [];
  const attribute = type === 'aws_iam_user' ? 'name' : 'user';
  const before = stringAt(raw.change?.before, attribute);
  const after = action === 'delete' ? null : plannedAt(raw.change, attribute);
  if (type === 'aws_iam_user') {
    const path = stringAt(raw.change?.after, 'path') ?? stringAt(raw.change?.before, 'path') ?? '/';
    return [{ kind: 'user', action, before, after, path, address, file }];
  }
  return [{ kind: 'login-profile', action, before, after, address, file }];
}

/** The change's action as the audit reads it; null for no-op and read. */
function actionOf(actions: readonly unknown[]): 'create' | 'delete' | 'update' | 'replace' | null {
  const has = (a: string): boolean => actions.includes(a);
  if (has('create') && has('delete')) return 'replace';
  if (has('create')) return 'create';
  if (has('delete')) return 'delete';
  if (has('update')) return 'update';
  return null;
}

function stringAt(values: unknown, key: string): string | null {
  const value = (values as Record<string, unknown> | null | undefined)?.[key];
  return typeof value === 'string' ? value : null;
}

/** An attribute after apply: its value, or unknown when the plan says it is. */
function plannedAt(change: ResourceChange['change'], key: string): Planned<string> {
  const unknown = (change?.after_unknown as Record<string, unknown> | undefined)?.[key] === true;
  const value = stringAt(change?.after, key);
  return unknown || value === null ? { known: false } : { known: true, value };
}
