import { spawn } from 'node:child_process';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { parseKnownFiles } from '@smithy/core/config';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { AwsAccessError, describeError } from '../errors.js';
import { CREDENTIAL_PROCESS_LIMITS } from '../limits.js';

/** Keys that make the SDK use something other than the profile's credential_process. */
const BEFORE_PROCESS = [
  'role_arn',
  'web_identity_token_file',
  'aws_access_key_id',
  'sso_session',
  'sso_start_url',
];

/**
 * The credentials of a named profile of the shared AWS config, as the SDK resolves them, with
 * three differences: a profile that is in neither file is named as such; a profile whose
 * credentials come from its credential_process runs it within a deadline and stops it (its
 * whole process group) past it; and a file the profile names that cannot be read is said to
 * be the profile's, not taken for a bug.
 */
export function profileCredentials(profile: string): AwsCredentialIdentityProvider {
  return async () => {
    const profiles = await parseKnownFiles({});
    const section = profiles[profile];
    if (section === undefined) {
      throw new AwsAccessError(
        `profile ${JSON.stringify(profile)} is in neither the shared config file nor the credentials file (AWS_CONFIG_FILE, default ~/.aws/config; AWS_SHARED_CREDENTIALS_FILE, default ~/.aws/credentials); name a profile defined there.`,
      );
    }
    const command = section.credential_process;
    if (command !== undefined && !BEFORE_PROCESS.some((key) => section[key] !== undefined)) {
      return credentialProcess(profile, command);
    }
    try {
      return await defaultProvider({ profile })();
    } catch (error) {
      // The SDK's own provider errors say what is missing; anything else (a token file that
      // is not there) is the profile's problem all the same.
      if (error instanceof Error && error.name === 'CredentialsProviderError') throw error;
      throw new AwsAccessError(
        `profile ${JSON.stringify(profile)} gave no credentials: ${describeError(error)}; check the files and commands the profile names.`,
      );
    }
  };
}

/**
 * Runs a credential_process as the SDK does (through the shell), waiting at most
 * CREDENTIAL_PROCESS_LIMITS.ms for it to end, and reads its JSON (Version 1).
 */
async function credentialProcess(profile: string, command: string): Promise<AwsCredentialIdentity> {
  const named = `profile ${JSON.stringify(profile)}: credential_process`;
  const output = await runBounded(command).catch((why: unknown) => {
    throw new AwsAccessError(
      `${named} ${why instanceof Error ? why.message : String(why)}; check the command the profile names.`,
    );
  });
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(output) as Record<string, unknown>;
  } catch {
    data = {};
  }
  const { Version, AccessKeyId, SecretAccessKey, SessionToken, Expiration } = data;
  if (Version !== 1 || typeof AccessKeyId !== 'string' || typeof SecretAccessKey !== 'string') {
    throw new AwsAccessError(
      `${named} printed no credentials: expected JSON with "Version": 1, "AccessKeyId" and "SecretAccessKey".`,
    );
  }
  const expiration = typeof Expiration === 'string' ? new Date(Expiration) : undefined;
  if (expiration !== undefined && !(expiration.getTime() > Date.now())) {
    throw new AwsAccessError(`${named} printed credentials that expired at ${String(Expiration)}.`);
  }
  return {
    accessKeyId: AccessKeyId,
    secretAccessKey: SecretAccessKey,
    ...(typeof SessionToken === 'string' ? { sessionToken: SessionToken } : {}),
    ...(expiration === undefined ? {} : { expiration }),
  };
}

/**
 * The command's standard output once it exits 0. Rejects with the reason in words when it
 * exits otherwise, prints too much, or is still running at the deadline: then it and every
 * process it started are killed.
 */
function runBounded(command: string): Promise<string> {
  const { ms, outputBytes } = CREDENTIAL_PROCESS_LIMITS;
  const ownGroup = process.platform !== 'win32';
  const child = spawn(command, {
    shell: true,
    detached: ownGroup,
    stdio: ['ignore', 'pipe', 'pipe'],
    windowsHide: true,
  });
  const kill = (): void => {
    try {
      if (ownGroup && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      else child.kill('SIGKILL');
    } catch {
      // already gone
    }
  };
  return new Promise((resolve, reject) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    const fail = (why: string): void => {
      clearTimeout(timer);
      kill();
      child.stdout.destroy();
      child.stderr.destroy();
      reject(new Error(why));
    };
    const timer = setTimeout(() => {
      fail(`did not finish within ${ms / 1000} s and was stopped`);
    }, ms);
    const take = (into: Buffer[]) => (chunk: Buffer) => {
      size += chunk.length;
      if (size > outputBytes) fail(`printed more than ${outputBytes / 1024} KiB and was stopped`);
      else into.push(chunk);
    };
    child.stdout.on('data', take(out));
    child.stderr.on('data', take(err));
    child.on('error', (error) => {
      fail(`could not be started (${error.message})`);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) {
        resolve(Buffer.concat(out).toString('utf8'));
        return;
      }
      const said = Buffer.concat(err).toString('utf8').trim().split('\n', 1)[0] ?? '';
      const how = signal === null ? `exited with status ${code ?? '?'}` : `was killed by ${signal}`;
      reject(new Error(`${how}${said === '' ? '' : ` (${said})`}`));
    });
  });
}
