import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { IAMClient, type IAMClientConfig } from '@aws-sdk/client-iam';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { BuildMiddleware, MetadataBearer, MiddlewareStack } from '@smithy/types';
import { AwsAccessError } from '../errors.js';
import {
  AnswerError,
  attemptsUsed,
  awsMessage,
  describeFailure,
  failureKind,
  rethrowUnlessAws,
} from './aws-errors.js';
import { iamEventsRegion } from './changes.js';
import { assumeRoleWithOidc, type OidcDeps } from './credentials.js';
import { BoundedHttpHandler } from './http.js';
import { profileCredentials } from './profile.js';
import type { SessionSettings } from './session-settings.js';
import { TOOL_NAME, VERSION } from '../version.js';

/** The account the credentials act in, as sts:GetCallerIdentity names it. */
export interface Caller {
  readonly accountId: string;
  readonly partition: string;
}

interface AwsSession {
  readonly iam: IAMClient;
  /** In the region where the partition's IAM events are recorded. */
  readonly cloudtrail: CloudTrailClient;
  /** In the partition's Organizations region: the organization the account belongs to. */
  readonly organizations: OrganizationsClient;
  readonly caller: Caller;
}

/**
 * Signs in and proves it: IAM, STS and CloudTrail clients signed by the role assumed with
 * GitHub's OIDC token, or by the SDK's default credential chain (or a named profile), and the
 * account they act in. Endpoints come from the SDK's own configuration (AWS_ENDPOINT_URL,
 * …_IAM, …_STS, …_CLOUDTRAIL).
 */
export async function connect(
  settings: SessionSettings,
  deps: OidcDeps,
  role: string | null,
): Promise<AwsSession> {
  const signed = await signIn(settings, deps, role);
  const source = credentialSource(settings, role);
  const caller = await identify(namingEndpoints(new STSClient(signed)), source);
  const allowed = settings.allowedAccountIds;
  if (allowed.length > 0 && !allowed.includes(caller.accountId)) {
    throw new AwsAccessError(
      `the credentials from ${source} are for account ${caller.accountId}, which allowed-account-ids does not list (${allowed.join(', ')}); nothing was audited. Use credentials of a listed account, or list this one.`,
    );
  }
  const region = iamEventsRegion(caller.partition);
  return {
    iam: namingEndpoints(new IAMClient(signed)),
    cloudtrail: namingEndpoints(new CloudTrailClient({ ...signed, region })),
    organizations: namingEndpoints(new OrganizationsClient({ ...signed, region })),
    caller,
  };
}

/**
 * Organizations and IAM clients signed by the organization's role, in the partition's
 * Organizations region.
 */
export async function connectOrganization(
  settings: SessionSettings,
  deps: OidcDeps,
  role: string,
  partition: string,
): Promise<{ readonly organizations: OrganizationsClient; readonly iam: IAMClient }> {
  const signed = await signIn(settings, deps, role);
  return {
    organizations: namingEndpoints(
      new OrganizationsClient({ ...signed, region: iamEventsRegion(partition) }),
    ),
    iam: namingEndpoints(new IAMClient(signed)),
  };
}

type ClientConfig = Pick<
  IAMClientConfig,
  'region' | 'maxAttempts' | 'retryMode' | 'credentials' | 'requestHandler' | 'customUserAgent'
>;

/** The clients' configuration, signed by `role` assumed with GitHub's OIDC token if given. */
async function signIn(
  settings: SessionSettings,
  deps: OidcDeps,
  role: string | null,
): Promise<ClientConfig> {
  const config: ClientConfig = {
    region: settings.region,
    maxAttempts: settings.maxAttempts,
    retryMode: 'adaptive',
    // Without a total deadline an endpoint that accepts a connection and never answers, or
    // answers a byte at a time, holds the run for the SDK's socket timeout or without end.
    requestHandler: new BoundedHttpHandler(),
    // CloudTrail records it with every call: an account's owner can tell the audit's calls.
    customUserAgent: [[TOOL_NAME, VERSION]],
    ...(settings.profile === null ? {} : { credentials: profileCredentials(settings.profile) }),
  };
  if (role === null) return config;
  return {
    ...config,
    credentials: await assumeRoleWithOidc(
      role,
      settings,
      namingEndpoints(new STSClient(config)),
      deps,
    ),
  };
}

/** Notes the endpoint a failed request went to on its error, so messages can name it. */
function endpointInErrors<I extends object, O extends MetadataBearer>(): BuildMiddleware<I, O> {
  return (next) => async (args) => {
    try {
      return await next(args);
    } catch (error) {
      const request = args.request as { protocol?: string; hostname?: string; port?: number };
      if (error instanceof Error && request.hostname) {
        const port = request.port === undefined ? '' : `:${request.port}`;
        const endpoint = `${request.protocol ?? 'https:'}//${request.hostname}${port}`;
        Object.assign(error, { endpoint });
      }
      throw error;
    }
  };
}

const ENDPOINT_IN_ERRORS = { step: 'build', name: 'iamMfaAuditEndpointInErrors' } as const;

/** The client, made to note on each failed request's error the endpoint it went to. */
function namingEndpoints<
  I extends object,
  O extends MetadataBearer,
  C extends { readonly middlewareStack: MiddlewareStack<I, O> },
>(client: C): C {
  client.middlewareStack.add(endpointInErrors<I, O>(), ENDPOINT_IN_ERRORS);
  return client;
}

/** Where the credentials come from, for the message when they do not work. */
function credentialSource(settings: SessionSettings, role: string | null): string {
  if (role !== null) return `the role ${role}`;
  if (settings.profile !== null) return `profile ${settings.profile}`;
  return "the AWS SDK's default credential chain (environment, shared config, instance role; or set role-to-assume)";
}

/**
 * Whether a failed sts:GetCallerIdentity speaks of the credentials: not when nothing answered,
 * the answer could not be read, or AWS failed on its side (5xx).
 */
function saysCredentialsFailed(error: unknown): boolean {
  const status = (error as { $metadata?: { httpStatusCode?: unknown } }).$metadata?.httpStatusCode;
  return (
    failureKind(error) !== 'unreachable' &&
    !(error instanceof AnswerError) &&
    !(typeof status === 'number' && status >= 500)
  );
}

/** sts:GetCallerIdentity needs no permission: it proves the credentials and names the account. */
export async function identify(sts: STSClient, source: string): Promise<Caller> {
  let answer;
  try {
    answer = await sts.send(new GetCallerIdentityCommand({}));
  } catch (error) {
    rethrowUnlessAws(error);
    if (!saysCredentialsFailed(error)) {
      throw new AwsAccessError(`${describeFailure('sts:GetCallerIdentity', error)}.`);
    }
    throw new AwsAccessError(
      `AWS credentials from ${source} are missing or invalid (sts:GetCallerIdentity: ${awsMessage(error)})${attemptsUsed(error)}.`,
    );
  }
  const partition = /^arn:([^:]+):/.exec(answer.Arn ?? '')?.[1];
  if (!answer.Account || !partition) {
    throw new AwsAccessError(
      `sts:GetCallerIdentity with credentials from ${source} named no account; check the STS endpoint (AWS_ENDPOINT_URL_STS).`,
    );
  }
  return { accountId: answer.Account, partition };
}
