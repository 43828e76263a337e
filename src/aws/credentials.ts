import { AssumeRoleWithWebIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import pRetry from 'p-retry';
import { AwsAccessError } from '../errors.js';
import { OIDC_LIMITS } from '../limits.js';
import { awsDetail, errorCode, failureKind, rethrowUnlessAws } from './aws-errors.js';
import type { SessionSettings } from './session-settings.js';

/** What signing in needs from the runner. */
export interface OidcDeps {
  /** Whether the runner offers GitHub's OIDC token (the job has `id-token: write`). */
  readonly idTokenOffered: boolean;
  /** One bounded request for GitHub's OIDC token (fetchIdToken). */
  readonly getIdToken: (audience: string) => Promise<string>;
  /** core.setSecret in the action: masks a value in every later log line. */
  readonly setSecret: (value: string) => void;
}

/** The role's temporary credentials; they live only in memory. */
export interface TemporaryCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration?: Date;
}

type RoleOptions = Pick<SessionSettings, 'audience' | 'roleSessionName' | 'roleDurationSeconds'>;

/**
 * GitHub's token endpoint answers 429 and 5xx in bad moments, and a request may time out; a
 * 4xx other than 429 is final.
 */
function isTransientTokenError(error: Error): boolean {
  const status = /Error Code : (\w+)/.exec(error.message)?.[1];
  return (
    status === undefined || status === 'undefined' || status === '429' || status.startsWith('5')
  );
}

/**
 * Stops before any AWS call when the runner offers no OIDC token, which every role this
 * action assumes needs.
 */
export function requireOidcToken(deps: OidcDeps, input = 'role-to-assume'): void {
  if (!deps.idTokenOffered) {
    throw new AwsAccessError(
      `${input} is set but GitHub offered no OIDC token: add \`permissions: id-token: write\` to the workflow or job (a pull request from a fork never gets one).`,
    );
  }
}

/**
 * Exchanges GitHub's OIDC token for the role's temporary credentials. The token fetch is
 * retried with jittered backoff; STS calls use the client's own adaptive retry. Every
 * secret is masked before anything else can print it.
 */
export async function assumeRoleWithOidc(
  role: string,
  options: RoleOptions,
  sts: STSClient,
  deps: OidcDeps,
): Promise<TemporaryCredentials> {
  requireOidcToken(deps);
  let token: string;
  try {
    // Each attempt is a request of its own, bounded in time (fetchIdToken).
    token = await pRetry(() => deps.getIdToken(options.audience), {
      retries: OIDC_LIMITS.attempts - 1,
      minTimeout: 500,
      maxTimeout: 4000,
      randomize: true,
      shouldRetry: isTransientTokenError,
    });
  } catch (error) {
    const detail =
      error instanceof Error ? error.message.replace(/\s+/g, ' ').trim() : String(error);
    throw new AwsAccessError(
      `could not get GitHub's OIDC token for audience ${options.audience}: ${detail}`,
    );
  }
  deps.setSecret(token);

  let answer;
  try {
    answer = await sts.send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: role,
        RoleSessionName: options.roleSessionName,
        DurationSeconds: options.roleDurationSeconds,
        WebIdentityToken: token,
      }),
    );
  } catch (error) {
    rethrowUnlessAws(error);
    const aws = awsDetail(error);
    if (failureKind(error) === 'denied' || errorCode(error) === 'InvalidIdentityToken') {
      throw new AwsAccessError(
        `Not authorized to assume ${role} with GitHub's OIDC token ${aws}: check the role's trust policy — federated principal token.actions.githubusercontent.com, ` +
          `"token.actions.githubusercontent.com:aud" = "${options.audience}", and a "token.actions.githubusercontent.com:sub" that matches this repository ` +
          '(repositories created or renamed since July 2026 send repo:OWNER@OWNER_ID/REPO@REPO_ID:…, not repo:OWNER/REPO:…).',
      );
    }
    throw new AwsAccessError(`sts:AssumeRoleWithWebIdentity for ${role} failed ${aws}.`);
  }
  const c = answer.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) {
    throw new AwsAccessError(`sts:AssumeRoleWithWebIdentity for ${role} returned no credentials.`);
  }
  for (const secret of [c.AccessKeyId, c.SecretAccessKey, c.SessionToken]) deps.setSecret(secret);
  return {
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretAccessKey,
    sessionToken: c.SessionToken,
    ...(c.Expiration ? { expiration: c.Expiration } : {}),
  };
}

/** A token this close to its expiry is not used for a new role session. */
const TOKEN_REUSE_MARGIN_MS = 60_000;

/**
 * GitHub's OIDC token fetched once per audience and reused for each role assumed, until it
 * is within a minute of its expiry (its `exp` claim); then a new one is fetched. A token
 * whose expiry cannot be read is never reused.
 */
export function reuseIdToken(
  getIdToken: (audience: string) => Promise<string>,
  now: () => Date,
): (audience: string) => Promise<string> {
  const held = new Map<string, Promise<{ token: string; expiresAt: number }>>();
  const fetch = (audience: string): Promise<{ token: string; expiresAt: number }> => {
    const pending = getIdToken(audience).then((token) => ({ token, expiresAt: expiryOf(token) }));
    held.set(audience, pending);
    // A failed fetch is not kept: the next account asks again.
    pending.catch(() => {
      if (held.get(audience) === pending) held.delete(audience);
    });
    return pending;
  };
  return async (audience) => {
    const entry = held.get(audience);
    // The first to ask fetches; those asking meanwhile wait for the same token.
    if (entry === undefined) return (await fetch(audience)).token;
    const value = await entry.catch(() => null);
    if (value && value.expiresAt - now().getTime() > TOKEN_REUSE_MARGIN_MS) return value.token;
    // Stale or failed: the first to notice fetches a new one for everyone.
    const next =
      held.get(audience) === entry ? fetch(audience) : (held.get(audience) ?? fetch(audience));
    return (await next).token;
  };
}

/** A JWT's `exp` in milliseconds since the epoch; 0 when it cannot be read. */
function expiryOf(token: string): number {
  try {
    const payload = JSON.parse(
      Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'),
    ) as {
      exp?: unknown;
    };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : 0;
  } catch {
    return 0;
  }
}
