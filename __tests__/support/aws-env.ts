/**
 * Points the AWS SDK v3 at a local emulator: environment variables for code under test (the
 * action, the CLI, dist) and ready clients for seeding and inspecting state.
 */
import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';

/** Static credentials; moto accepts any key until it enforces IAM policies. */
export interface TestCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Options for {@link iamClient} and {@link stsClient}. */
export interface TestClientOptions {
  /** Sends `x-moto-account-id` so moto serves this account instead of 123456789012. */
  accountId?: string;
}

/** The dummy credentials used unless a test passes its own. */
export const TEST_CREDENTIALS: TestCredentials = {
  accessKeyId: 'testing',
  secretAccessKey: 'testing',
};

/** moto's default account id (the one served without an `x-moto-account-id` header). */
export const MOTO_DEFAULT_ACCOUNT = '123456789012';

/** The region every test client and environment uses. */
const TEST_REGION = 'us-east-1';

/**
 * Environment variables that send the SDK to `endpoint` with dummy credentials. `extra` is merged
 * last, so it can override anything (e.g. AWS_ACCESS_KEY_ID for a policy-bound user's key).
 * Merge the result onto process.env for a child process, or stub it with vi.stubEnv.
 */
export function awsEnv(
  endpoint: string,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_REGION: TEST_REGION,
    AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extra,
  };
}

/**
 * A build-step middleware that sets `x-moto-account-id`, which makes moto serve a separate account
 * per request. Add it with
 * `client.middlewareStack.add(accountHeader(id), { step: 'build', name: 'motoAccountId' })`.
 */
function accountHeader(accountId: string) {
  return <A extends { request: unknown }, R>(next: (args: A) => Promise<R>) =>
    (args: A): Promise<R> => {
      const { request } = args;
      if (typeof request === 'object' && request !== null && 'headers' in request) {
        const headers = request.headers as Record<string, string>;
        headers['x-moto-account-id'] = accountId;
      }
      return next(args);
    };
}

function clientConfig(endpoint: string, credentials: TestCredentials) {
  return { region: TEST_REGION, endpoint, credentials, maxAttempts: 1 };
}

/** Sets moto's account header on a client when an account is asked for. */
function forAccount<C extends IAMClient | STSClient>(client: C, options: TestClientOptions): C {
  if (options.accountId !== undefined) {
    // Both clients' stacks take a build-step middleware; their union type is not callable.
    (client.middlewareStack as IAMClient['middlewareStack']).add(accountHeader(options.accountId), {
      step: 'build',
      name: 'motoAccountId',
      override: true,
    });
  }
  return client;
}

/** An IAM client for `endpoint` (region us-east-1, one attempt, dummy credentials by default). */
export function iamClient(
  endpoint: string,
  credentials: TestCredentials = TEST_CREDENTIALS,
  options: TestClientOptions = {},
): IAMClient {
  return forAccount(new IAMClient(clientConfig(endpoint, credentials)), options);
}

/** An STS client for `endpoint` (region us-east-1, one attempt, dummy credentials by default). */
export function stsClient(
  endpoint: string,
  credentials: TestCredentials = TEST_CREDENTIALS,
  options: TestClientOptions = {},
): STSClient {
  return forAccount(new STSClient(clientConfig(endpoint, credentials)), options);
}
