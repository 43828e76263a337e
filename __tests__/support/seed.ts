/**
 * Declarative seeding of an emulated account through the real IAM API, so what the audit reads
 * back went through the same calls a real account's state would.
 */
import {
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  DeleteLoginProfileCommand,
  EnableMFADeviceCommand,
  GenerateCredentialReportCommand,
  GetCredentialReportCommand,
  PutUserPolicyCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';

/** One user to create. */
export interface SeedUser {
  name: string;
  /** IAM path, e.g. `/engineering/`; default `/`. */
  path?: string;
  /** Creates a login profile (console password). */
  consolePassword?: boolean;
  /** `virtual`: a TOTP device (`arn:…:mfa/NAME`); `hardware`: a non-ARN serial; default none. */
  mfa?: 'virtual' | 'hardware' | 'none';
}

/** Options for {@link seedAccount}. */
export interface SeedOptions {
  /** Requests in flight at once; default 16. */
  concurrency?: number;
}

/** The password given to every seeded login profile. */
export const SEED_PASSWORD = 'Seeded-Passw0rd!';

/**
 * Runs `task` over `items` with a fixed number of workers. After the first failure no new item
 * starts; the first error is rethrown once the workers have stopped.
 */
async function runPool<T>(
  items: readonly T[],
  workers: number,
  task: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < items.length) {
      const index = next++;
      try {
        await task(items[index] as T, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(workers, items.length)) }, worker));
  if (failure !== undefined) throw failure.error;
}

/**
 * The serial seeded for a user's hardware token: not an ARN (as AWS reports hardware TOTP tokens),
 * stable per user name, e.g. `GAHT1A2B3C4D`.
 */
export function hardwareSerial(userName: string): string {
  // FNV-1a: a stable 32-bit hash, so a test can predict the serial from the name.
  let hash = 0x811c9dc5;
  for (let i = 0; i < userName.length; i++) {
    hash ^= userName.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return `GAHT${(hash >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}

/**
 * Gives a user an MFA device: `virtual` creates and enables a virtual device named after the user
 * (moto accepts any codes); `hardware` enables {@link hardwareSerial}, which moto lists in
 * ListMFADevices but not in ListVirtualMFADevices. Returns the serial.
 */
export async function setUserMfa(
  iam: IAMClient,
  userName: string,
  kind: 'virtual' | 'hardware' = 'virtual',
): Promise<string> {
  let serial = hardwareSerial(userName);
  if (kind === 'virtual') {
    const created = await iam.send(
      new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: userName }),
    );
    const createdSerial = created.VirtualMFADevice?.SerialNumber;
    if (createdSerial === undefined) {
      throw new Error(`CreateVirtualMFADevice returned no serial for ${userName}`);
    }
    serial = createdSerial;
  }
  await iam.send(
    new EnableMFADeviceCommand({
      UserName: userName,
      SerialNumber: serial,
      AuthenticationCode1: '123456',
      AuthenticationCode2: '654321',
    }),
  );
  return serial;
}

/** Removes a user's console password (the "fixed since the report" scenario). */
export async function deleteLoginProfile(iam: IAMClient, userName: string): Promise<void> {
  await iam.send(new DeleteLoginProfileCommand({ UserName: userName }));
}

async function seedUser(iam: IAMClient, user: SeedUser): Promise<void> {
  await iam.send(new CreateUserCommand({ UserName: user.name, Path: user.path ?? '/' }));
  if (user.consolePassword === true) {
    await iam.send(new CreateLoginProfileCommand({ UserName: user.name, Password: SEED_PASSWORD }));
  }
  if (user.mfa === 'virtual' || user.mfa === 'hardware') {
    await setUserMfa(iam, user.name, user.mfa);
  }
}

/**
 * Creates `users` (CreateUser, CreateLoginProfile, MFA) with bounded concurrency; 5,000 users take
 * seconds, not minutes. Fails with the first error, naming the user.
 */
export async function seedAccount(
  iam: IAMClient,
  users: readonly SeedUser[],
  options: SeedOptions = {},
): Promise<void> {
  await runPool(users, options.concurrency ?? 16, async (user) => {
    try {
      await seedUser(iam, user);
    } catch (error) {
      const why = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new Error(`seeding user ${user.name} failed: ${why}`, { cause: error });
    }
  });
}

/**
 * Creates a user with an inline policy and an access key, for moto's policy enforcement
 * (`INITIAL_NO_AUTH_ACTION_COUNT`). Inline, because moto's server loads no AWS managed policies.
 * Makes three requests, which count against the no-auth window.
 */
export async function bootstrapPolicyUser(
  iam: IAMClient,
  userName: string,
  policyDocument: string | object,
): Promise<{ accessKeyId: string; secretAccessKey: string }> {
  await iam.send(new CreateUserCommand({ UserName: userName }));
  await iam.send(
    new PutUserPolicyCommand({
      UserName: userName,
      PolicyName: `${userName}-inline`,
      PolicyDocument:
        typeof policyDocument === 'string' ? policyDocument : JSON.stringify(policyDocument),
    }),
  );
  const { AccessKey: key } = await iam.send(new CreateAccessKeyCommand({ UserName: userName }));
  if (key?.AccessKeyId === undefined || key.SecretAccessKey === undefined) {
    throw new Error(`CreateAccessKey returned no key for ${userName}`);
  }
  return { accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey };
}

/** The CSV the account's GetCredentialReport returns now (generating a report first if needed). */
export async function currentReport(iam: IAMClient): Promise<string> {
  await iam.send(new GenerateCredentialReportCommand({}));
  const { Content } = await iam.send(new GetCredentialReportCommand({}));
  return Buffer.from(Content ?? new Uint8Array()).toString('utf8');
}
