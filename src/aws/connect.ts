import { IAMClient } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { AwsAccessError } from '../errors.js';
import type { Options } from '../options.js';
import { attemptsUsed, awsMessage, rethrowUnlessAws } from './aws-errors.js';
import { assumeRoleWithOidc, type OidcDeps } from './credentials.js';

/** The account the credentials act in, as sts:GetCallerIdentity names it. */
export interface Caller {
  readonly accountId: string;
  readonly partition: string;
}

export interface AwsSession {
  readonly iam: IAMClient;
  readonly sts: STSClient;
  readonly caller: Caller;
}

/**
 * Signs in and proves it: IAM and STS clients signed by the role assumed with GitHub's OIDC
 * token, or by the SDK's default credential chain (or a named profile), and the account they
 * act in. Endpoints come from the SDK's own configuration (AWS_ENDPOINT_URL, …_IAM, …_STS).
 */
export async function connect(options: Options, deps: OidcDeps): Promise<AwsSession> {
  const config = {
    region: options.awsRegion,
    maxAttempts: options.maxAttempts,
    retryMode: 'adaptive',
    ...(options.profile === null ? {} : { profile: options.profile }),
  };
  const credentials =
    options.roleToAssume === null
      ? undefined
      : await assumeRoleWithOidc(options.roleToAssume, options, new STSClient(config), deps);
  const signed = credentials === undefined ? config : { ...config, credentials };
  const sts = new STSClient(signed);
  return {
    iam: new IAMClient(signed),
    sts,
    caller: await identify(sts, credentialSource(options)),
  };
}

/** Where the credentials come from, for the message when they do not work. */
function credentialSource(options: Options): string {
  if (options.roleToAssume !== null) return `the role ${options.roleToAssume}`;
  if (options.profile !== null) return `profile ${options.profile}`;
  return "the AWS SDK's default credential chain (environment, shared config, instance role; or set role-to-assume)";
}

/** sts:GetCallerIdentity needs no permission: it proves the credentials and names the account. */
export async function identify(sts: STSClient, source: string): Promise<Caller> {
  let answer;
  try {
    answer = await sts.send(new GetCallerIdentityCommand({}));
  } catch (error) {
    rethrowUnlessAws(error);
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
