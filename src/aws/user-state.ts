import {
  GetLoginProfileCommand,
  ListMFADevicesCommand,
  paginateListUsers,
  type ListMFADevicesCommandOutput,
  type IAMClient,
} from '@aws-sdk/client-iam';
import pLimit from 'p-limit';
import type { MfaKind, NotAssessed } from '../model.js';
import { failureKind, notAssessedAfter } from './aws-errors.js';

/** A user as ListUsers (or a credential report) names it. */
export interface UserRef {
  readonly name: string;
  readonly arn: string;
  readonly createdAt: string | null;
  readonly passwordLastUsed: string | null;
}

export type UserState =
  | {
      readonly ok: true;
      readonly consolePassword: boolean;
      /** The login profile's CreateDate (ISO 8601), when there is one. */
      readonly passwordCreatedAt: string | null;
      readonly mfaActive: boolean;
      /** The kinds of the user's MFA devices (empty without a password: not read). */
      readonly mfaDevices: readonly MfaKind[];
    }
  | { readonly ok: false; readonly notAssessed: NotAssessed };

/** How many users are read at once: fast, and well within IAM's request rates. */
const CONCURRENCY = 8;

/**
 * Reads a user's console password and MFA state live: GetLoginProfile, then
 * ListMFADevices only when there is a password. A user deleted meanwhile has neither.
 */
async function readUserState(iam: IAMClient, user: UserRef): Promise<UserState> {
  const noPassword = {
    ok: true,
    consolePassword: false,
    passwordCreatedAt: null,
    mfaActive: false,
    mfaDevices: [],
  } as const;
  let action = 'iam:GetLoginProfile';
  try {
    const profile = await unlessAbsent(
      iam.send(new GetLoginProfileCommand({ UserName: user.name })),
    );
    if (profile === null) return noPassword;
    action = 'iam:ListMFADevices';
    const devices = await unlessAbsent(
      iam.send(new ListMFADevicesCommand({ UserName: user.name })),
    );
    if (devices === null) return noPassword;
    return {
      ok: true,
      consolePassword: true,
      passwordCreatedAt: profile.LoginProfile?.CreateDate?.toISOString() ?? null,
      mfaActive: (devices.MFADevices ?? []).length > 0,
      mfaDevices: kindsOf(devices),
    };
  } catch (error) {
    return { ok: false, notAssessed: notAssessedAfter(error, user, action) };
  }
}

/** The kinds of the devices ListMFADevices lists. */
function kindsOf(answer: ListMFADevicesCommandOutput): MfaKind[] {
  return (answer.MFADevices ?? []).map((d) => mfaKind(d.SerialNumber ?? ''));
}

/** A device's kind from its serial number (ListMFADevices lists every kind). */
function mfaKind(serial: string): MfaKind {
  if (/^arn:[^:]+:iam::\d+:u2f\//.test(serial)) return 'fido';
  if (serial.startsWith('arn:')) return 'virtual';
  return 'hardware';
}

/** The answer, or null when the entity does not exist (NoSuchEntity); other errors propagate. */
async function unlessAbsent<T>(answer: Promise<T>): Promise<T | null> {
  try {
    return await answer;
  } catch (error) {
    if (failureKind(error) === 'absent') return null;
    throw error;
  }
}

/**
 * `read` for each item, CONCURRENCY at a time, results in input order; `onRead` is told of
 * each item read.
 */
async function eachLimited<T, R>(
  items: readonly T[],
  read: (item: T) => Promise<R>,
  onRead: () => void,
): Promise<R[]> {
  const limit = pLimit(CONCURRENCY);
  return Promise.all(
    items.map((item) =>
      limit(async () => {
        const result = await read(item);
        onRead();
        return result;
      }),
    ),
  );
}

/** readUserState for many users, CONCURRENCY at a time, results in input order. */
export function readUserStates(
  iam: IAMClient,
  users: readonly UserRef[],
  onRead: () => void,
): Promise<UserState[]> {
  return eachLimited(users, (user) => readUserState(iam, user), onRead);
}

/** Every IAM user, page by page. Throws the SDK's error when a page cannot be read. */
export async function listAllUsers(iam: IAMClient): Promise<UserRef[]> {
  const users: UserRef[] = [];
  for await (const page of paginateListUsers({ client: iam, pageSize: 1000 }, {})) {
    for (const u of page.Users ?? []) {
      if (!u.UserName || !u.Arn) continue;
      users.push({
        name: u.UserName,
        arn: u.Arn,
        createdAt: u.CreateDate?.toISOString() ?? null,
        passwordLastUsed: u.PasswordLastUsed?.toISOString() ?? null,
      });
    }
  }
  return users;
}

/** The kinds of a user's MFA devices, or why they could not be read. */
type MfaKindsRead =
  | { readonly ok: true; readonly kinds: MfaKind[] }
  | { readonly ok: false; readonly notAssessed: NotAssessed };

/**
 * The kinds of each principal's MFA devices (ListMFADevices, CONCURRENCY at a time), by
 * ARN; one that cannot be read is not assessed.
 */
export async function readMfaKinds(
  iam: IAMClient,
  principals: readonly { readonly name: string; readonly arn: string }[],
  onRead: () => void,
): Promise<Map<string, MfaKindsRead>> {
  const read = async (user: { name: string; arn: string }): Promise<MfaKindsRead> => {
    try {
      const answer = await iam.send(new ListMFADevicesCommand({ UserName: user.name }));
      return { ok: true, kinds: kindsOf(answer) };
    } catch (error) {
      return { ok: false, notAssessed: notAssessedAfter(error, user, 'iam:ListMFADevices') };
    }
  };
  return new Map(
    await eachLimited(principals, async (p) => [p.arn, await read(p)] as const, onRead),
  );
}
