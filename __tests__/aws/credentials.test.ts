/**
 * Signing in with GitHub's OIDC token: the token comes from a loopback token endpoint
 * through @actions/core's real client; STS is mocked to inspect what was sent.
 */
import * as core from '@actions/core';
import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { assumeRoleWithOidc } from '../../src/aws/credentials.js';
import { startOidcServer, type OidcServer } from '../support/oidc-server.js';

const ROLE = 'arn:aws:iam::111122223333:role/iam-mfa-audit';
const sts = new STSClient({ region: 'us-east-1' });
const stsMock = mockClient(sts);
const roleOptions = {
  audience: 'sts.amazonaws.com',
  roleSessionName: 'audit-run',
  roleDurationSeconds: 1800,
};

let server: OidcServer | undefined;
const masked: string[] = [];

function deps(env: Record<string, string>) {
  return {
    idTokenOffered:
      Boolean(env.ACTIONS_ID_TOKEN_REQUEST_URL) && Boolean(env.ACTIONS_ID_TOKEN_REQUEST_TOKEN),
    getIdToken: (audience: string) => core.getIDToken(audience),
    setSecret: (value: string) => {
      masked.push(value);
    },
  };
}

async function withServer(options: Parameters<typeof startOidcServer>[0] = {}) {
  server = await startOidcServer(options);
  for (const [name, value] of Object.entries(server.env())) vi.stubEnv(name, value);
  return server;
}

beforeEach(() => {
  stsMock.reset();
  masked.length = 0;
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true); // core prints ::add-mask:: lines
  stsMock.on(AssumeRoleWithWebIdentityCommand).resolves({
    Credentials: {
      AccessKeyId: 'ASIAEXAMPLEKEY000001',
      SecretAccessKey: 'secret-access-key-example',
      SessionToken: 'session-token-example',
      Expiration: new Date('2026-11-29T13:00:00Z'),
    },
  });
});

afterEach(async () => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  await server?.stop();
  server = undefined;
});

describe('assumeRoleWithOidc', () => {
  it('says to add id-token: write when the runner offers no token', async () => {
    await expect(assumeRoleWithOidc(ROLE, roleOptions, sts, deps({}))).rejects.toThrow(
      'role-to-assume is set but GitHub offered no OIDC token: add `permissions: id-token: write` to the workflow or job (a pull request from a fork never gets one).',
    );
    expect(stsMock.calls()).toHaveLength(0);
  });

  it('retries the token endpoint on 500, sends the token to STS and masks every secret', async () => {
    const oidc = await withServer({ failFirst: 2, status: 500 });

    const credentials = await assumeRoleWithOidc(ROLE, roleOptions, sts, deps(oidc.env()));

    expect(oidc.audiences()).toEqual([
      'sts.amazonaws.com',
      'sts.amazonaws.com',
      'sts.amazonaws.com',
    ]);
    expect(oidc.requests()).toBe(3);
    expect(stsMock.commandCalls(AssumeRoleWithWebIdentityCommand)[0]?.args[0].input).toEqual({
      RoleArn: ROLE,
      RoleSessionName: 'audit-run',
      DurationSeconds: 1800,
      WebIdentityToken: oidc.token,
    });
    expect(credentials).toEqual({
      accessKeyId: 'ASIAEXAMPLEKEY000001',
      secretAccessKey: 'secret-access-key-example',
      sessionToken: 'session-token-example',
      expiration: new Date('2026-11-29T13:00:00Z'),
    });
    expect(masked).toEqual([
      oidc.token,
      'ASIAEXAMPLEKEY000001',
      'secret-access-key-example',
      'session-token-example',
    ]);
  });

  it('does not retry a 403 from the token endpoint', async () => {
    const oidc = await withServer({ failFirst: 5, status: 403 });
    await expect(assumeRoleWithOidc(ROLE, roleOptions, sts, deps(oidc.env()))).rejects.toThrow(
      /^could not get GitHub's OIDC token for audience sts\.amazonaws\.com: .*403/,
    );
    expect(oidc.requests()).toBe(1);
  });

  it('points a denied AssumeRoleWithWebIdentity at the trust policy and the new subject format', async () => {
    const oidc = await withServer();
    stsMock.on(AssumeRoleWithWebIdentityCommand).rejects(
      Object.assign(new Error('Not authorized to perform sts:AssumeRoleWithWebIdentity'), {
        name: 'AccessDenied',
        $metadata: { attempts: 1 },
      }),
    );

    const failure = assumeRoleWithOidc(ROLE, roleOptions, sts, deps(oidc.env()));
    await expect(failure).rejects.toThrow(
      `Not authorized to assume ${ROLE} with GitHub's OIDC token (AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity) after 1 attempt (max-attempts): check the role's trust policy`,
    );
    await expect(failure).rejects.toThrow(
      '"token.actions.githubusercontent.com:aud" = "sts.amazonaws.com"',
    );
    await expect(failure).rejects.toThrow('repo:OWNER@OWNER_ID/REPO@REPO_ID');
  });
});
