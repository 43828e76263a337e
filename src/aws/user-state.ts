import {
  GetLoginProfileCommand,
  ListMFADevicesCommand,
  paginateListUsers,
  type IAMClient,
} from '@aws-sdk/client-iam';
import pLimit from 'p-limit';
import type { NotAssessed } from '../model.js';
import { describeFailure, failureKind, rethrowUnlessAws } from './aws-errors.js';

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
    };
  } catch (error) {
    rethrowUnlessAws(error);
    return {
      ok: false,
      notAssessed: {
        arn: user.arn,
        name: user.name,
        action,
        reason: describeFailure(action, error),
      },
    };
  }
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

/** readUserState for many users, CONCURRENCY at a time, results in input order. */
export function readUserStates(iam: IAMClient, users: readonly UserRef[]): Promise<UserState[]> {
  const limit = pLimit(CONCURRENCY);
  return Promise.all(users.map((user) => limit(() => readUserState(iam, user))));
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
