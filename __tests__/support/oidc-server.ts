/**
 * A loopback stand-in for GitHub's OIDC token endpoint. `@actions/core`'s getIDToken sends
 * GET `${ACTIONS_ID_TOKEN_REQUEST_URL}&audience=AUD` with
 * `Authorization: Bearer ${ACTIONS_ID_TOKEN_REQUEST_TOKEN}` and reads `{ "value": "<jwt>" }`.
 * Its HTTP client retries 502/503/504 but not 500.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type ServerResponse } from 'node:http';

/** Options for {@link startOidcServer}. */
export interface OidcServerOptions {
  /** The token to hand out; default a JWT-shaped token from {@link fakeJwt}. */
  token?: string;
  /** The bearer token requests must carry; default a random one. */
  requestToken?: string;
  /** Answer this many authorized requests with `status` before succeeding; default 0. */
  failFirst?: number;
  /** The status of those failures; default 500. */
  status?: number;
}

/** A running token endpoint. */
export interface OidcServer {
  /** For ACTIONS_ID_TOKEN_REQUEST_URL; ends with `?api-version=2.0` so `&audience=` can follow. */
  readonly requestUrl: string;
  /** For ACTIONS_ID_TOKEN_REQUEST_TOKEN. */
  readonly requestToken: string;
  /** The token answered as `value`. */
  readonly token: string;
  /** The `audience` of every authorized request, in order (`''` when it had none). */
  audiences(): string[];
  /** Requests received, authorized or not. */
  requests(): number;
  /** The env variables the runner sets with `permissions: id-token: write`. */
  env(): Record<string, string>;
  stop(): Promise<void>;
}

/** The subject GitHub sends for a push to main of octo-org/octo-repo (classic format). */
const DEFAULT_SUBJECT = 'repo:octo-org/octo-repo:ref:refs/heads/main';

function base64url(value: object | Buffer): string {
  const buffer = Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value), 'utf8');
  return buffer.toString('base64url');
}

/**
 * A JWT-shaped token (header.payload.signature, base64url) with GitHub Actions' claims; the
 * signature is random bytes (moto's AssumeRoleWithWebIdentity does not verify it).
 */
export function fakeJwt(claims: Record<string, unknown> = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const header = { typ: 'JWT', alg: 'RS256', kid: 'harness-test-key' };
  const payload = {
    jti: randomUUID(),
    iss: 'https://token.actions.githubusercontent.com',
    aud: 'sts.amazonaws.com',
    sub: DEFAULT_SUBJECT,
    repository: 'octo-org/octo-repo',
    repository_owner: 'octo-org',
    ref: 'refs/heads/main',
    nbf: now - 5,
    iat: now,
    exp: now + 300,
    ...claims,
  };
  return `${base64url(header)}.${base64url(payload)}.${base64url(randomBytes(64))}`;
}

function json(response: ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
  });
  response.end(text);
}

/** Starts the token endpoint on a free 127.0.0.1 port. */
export async function startOidcServer(options: OidcServerOptions = {}): Promise<OidcServer> {
  const token = options.token ?? fakeJwt();
  const requestToken = options.requestToken ?? `harness-${randomUUID()}`;
  const failStatus = options.status ?? 500;
  let failuresLeft = options.failFirst ?? 0;
  let requestCount = 0;
  const audiences: string[] = [];

  const server = createServer((request, response) => {
    requestCount++;
    request.resume();
    if (request.headers.authorization !== `Bearer ${requestToken}`) {
      json(response, 401, { message: 'Bad credentials' });
      return;
    }
    if (request.method !== 'GET') {
      json(response, 405, { message: 'Method not allowed' });
      return;
    }
    const url = new URL(request.url ?? '/', 'http://oidc.invalid');
    audiences.push(url.searchParams.get('audience') ?? '');
    if (failuresLeft > 0) {
      failuresLeft--;
      json(response, failStatus, { message: 'Injected failure' });
      return;
    }
    json(response, 200, { count: 1, value: token });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('OIDC server has no port');
  const requestUrl = `http://127.0.0.1:${address.port}/_apis/token?api-version=2.0`;
  let closed: Promise<void> | undefined;

  return {
    requestUrl,
    requestToken,
    token,
    audiences: () => [...audiences],
    requests: () => requestCount,
    env: () => ({
      ACTIONS_ID_TOKEN_REQUEST_URL: requestUrl,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken,
    }),
    stop() {
      if (closed === undefined) {
        closed = once(server, 'close').then(() => undefined);
        server.close();
        server.closeAllConnections();
      }
      return closed;
    },
  };
}
