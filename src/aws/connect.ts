import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import type { Options } from '../options.js';
import { assumeRoleWithOidc, type OidcDeps } from './credentials.js';

export interface AwsClients {
  readonly iam: IAMClient;
  readonly sts: STSClient;
}

/**
 * IAM and STS clients signed by the role assumed with GitHub's OIDC token, or by the SDK's
 * default credential chain (or a named profile). Endpoints come from the SDK's own
 * configuration (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_IAM, AWS_ENDPOINT_URL_STS).
 */
export async function connect(options: Options, deps: OidcDeps): Promise<AwsClients> {
  const config = {
    region: options.awsRegion,
    maxAttempts: options.maxAttempts,
    retryMode: 'adaptive',
    ...(options.profile === null ? {} : { profile: options.profile }),
  };
  if (options.roleToAssume === null) {
    return { iam: new IAMClient(config), sts: new STSClient(config) };
  }
  const credentials = await assumeRoleWithOidc(
    options.roleToAssume,
    options,
    new STSClient(config),
    deps,
  );
  return {
    iam: new IAMClient({ ...config, credentials }),
    sts: new STSClient({ ...config, credentials }),
  };
}
