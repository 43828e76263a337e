/**
 * A loopback HTTP proxy in front of moto that injects what moto never does: throttling, 5xx
 * errors, slow answers, dropped connections, and canned answers for chosen actions (a denied or
 * stale credential report, LimitExceeded). Faults are drawn from a seeded PRNG, so a run repeats.
 *
 * Requests are forwarded unchanged, Host header included: it is part of the SigV4 signature, and
 * moto checks signatures once it enforces IAM policies.
 */
import { randomUUID } from 'node:crypto';
import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { EventHistory, JSON_11, jsonError, RECORDED_ACTIONS } from './event-history.js';

/** A canned answer from {@link FaultPlan.respond}. */
export interface CannedResponse {
  status: number;
  body: string;
  /** Default `content-type: text/xml` plus an `x-amzn-requestid`. */
  headers?: Record<string, string>;
}

/**
 * What to inject. Rates are probabilities in [0, 1] drawn once per eligible request, in this
 * order: throttle, error500, error503, drop, slow (so at most one fault per request; slow still
 * forwards after the delay).
 */
export interface FaultPlan {
  /** PRNG seed; default 1. setPlan restarts the sequence. */
  seed?: number;
  /** HTTP 400 `Throttling` (Query protocol), as IAM answers when rate limited. */
  throttleRate?: number;
  /** HTTP 500 `InternalFailure`. */
  error500Rate?: number;
  /** HTTP 503 `ServiceUnavailable`. */
  error503Rate?: number;
  /** Waits `slowMs` before forwarding. */
  slowRate?: number;
  /** Default 1,000 ms. */
  slowMs?: number;
  /** Destroys the client's socket without an answer. */
  dropRate?: number;
  /** Only requests with these actions are eligible for random faults; default all. */
  onlyActions?: string[];
  /**
   * Consulted first for every request: a returned answer is sent instead of forwarding
   * (counted as fault `respond`); `undefined` lets the request go on.
   */
  respond?: (
    action: string,
    body: URLSearchParams,
    /** The access key id that signed the request ('' when unsigned). */
    accessKeyId: string,
    /** The request's headers, as the client sent them. */
    headers: IncomingHttpHeaders,
  ) => CannedResponse | undefined;
  /**
   * Rewrites the GeneratedTime of moto's own GetCredentialReport answer (which moto fixes at
   * 2015), so a report read under the caller's policy looks cached at this time.
   */
  reportGeneratedAt?: Date;
  /**
   * Whether LookupEvents is denied to the access key that signed the request: moto has no
   * CloudTrail, so the local event history applies the auditor's policy for this one action.
   */
  lookupDenied?: (accessKeyId: string) => boolean;
  /**
   * Creation times of users, by name, as ListUsers and the credential report (moto's own, or
   * one a test cans) give them: moto dates every user when the test made it, so this is how
   * an account has users created years ago.
   */
  usersCreatedAt?: ReadonlyMap<string, Date>;
  /**
   * Answers ListUsers as IAM does: at most this many users a page, with IsTruncated and a
   * Marker (moto returns every user at once), and creation times in whole seconds (moto's
   * have microseconds, which the SDK rounds to milliseconds, sometimes into the next second).
   */
  listUsersPageSize?: number;
}

/** Fault kinds as counted by {@link FaultProxy.faults}. */
export type FaultKind =
  'throttle' | 'error500' | 'error503' | 'drop' | 'slow' | 'respond' | 'upstream';

/** A running fault proxy. */
export interface FaultProxy {
  /** `http://127.0.0.1:PORT`: use it as the SDK's endpoint instead of moto's. */
  readonly endpoint: string;
  /** Requests received, by action (faulted ones too); `(none)` for requests without one. */
  calls(): Record<string, number>;
  /** Faults injected, by {@link FaultKind}. */
  faults(): Record<string, number>;
  /**
   * The CloudTrail event history the proxy keeps: IAM changes that passed through it (and
   * any a test records itself). It answers LookupEvents sent to the proxy.
   */
  readonly history: EventHistory;
  /** Replaces the plan and restarts the PRNG from its seed. */
  setPlan(plan: FaultPlan): void;
  resetCounts(): void;
  stop(): Promise<void>;
}

/** The action a request is for when it names none (e.g. GET /moto-api/). */
const NO_ACTION = '(none)';

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
]);

/** mulberry32: a tiny seeded PRNG returning floats in [0, 1). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/** The answer AWS gives a call the credentials may not make: 403 AccessDenied. */
export function accessDenied(): CannedResponse {
  return { status: 403, body: awsErrorXml('AccessDenied', 'not authorized') };
}

/** An AWS Query-protocol error body (IAM, STS), e.g. `awsErrorXml('AccessDenied', '…')`. */
export function awsErrorXml(
  code: string,
  message: string,
  type: 'Sender' | 'Receiver' = 'Sender',
  requestId: string = randomUUID(),
): string {
  return (
    '<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error>' +
    `<Type>${type}</Type><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message>` +
    `</Error><RequestId>${escapeXml(requestId)}</RequestId></ErrorResponse>`
  );
}

/**
 * A GetCredentialReport answer with the given CSV and generation time, e.g. a stale report
 * (moto always says 2015-02-02T20:02:02Z and rebuilds the content on every call).
 */
export function credentialReportXml(csv: string, generatedTime: Date): string {
  const content = Buffer.from(csv, 'utf8').toString('base64');
  const time = generatedTime.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return (
    '<GetCredentialReportResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">' +
    `<GetCredentialReportResult><Content>${content}</Content><ReportFormat>text/csv</ReportFormat>` +
    `<GeneratedTime>${time}</GeneratedTime></GetCredentialReportResult>` +
    `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata>` +
    '</GetCredentialReportResponse>'
  );
}

/**
 * Answers that make `csv` the report AWS hands back from its cache, generated at
 * `generatedAt`: GenerateCredentialReport says COMPLETE, GetCredentialReport gives it.
 */
export function cachedReportAnswers(
  csv: string,
  generatedAt: Date,
): (action: string) => CannedResponse | undefined {
  return (action) => {
    if (action === 'GenerateCredentialReport') {
      return { status: 200, body: generateReportXml('COMPLETE') };
    }
    if (action === 'GetCredentialReport') {
      return { status: 200, body: credentialReportXml(csv, generatedAt) };
    }
    return undefined;
  };
}

/** A GenerateCredentialReport answer in the given state (moto never says INPROGRESS). */
export function generateReportXml(state: 'STARTED' | 'INPROGRESS' | 'COMPLETE'): string {
  return (
    '<GenerateCredentialReportResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">' +
    `<GenerateCredentialReportResult><State>${state}</State>` +
    '<Description>canned by the proxy</Description></GenerateCredentialReportResult>' +
    `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata>` +
    '</GenerateCredentialReportResponse>'
  );
}

/** A credential report CSV with the creation times of the named users replaced. */
export function reportWithCreationTimes(csv: string, createdAt: ReadonlyMap<string, Date>): string {
  return csv
    .split('\n')
    .map((line) => {
      const [user, arn, , ...rest] = line.split(',');
      const time = createdAt.get(user ?? '');
      if (time === undefined || arn === undefined) return line;
      return [user, arn, time.toISOString().replace(/\.\d{3}Z$/, '+00:00'), ...rest].join(',');
    })
    .join('\n');
}

/** One page of a ListUsers answer, from user `start` on, as IAM pages and dates it. */
function paged(answer: string, start: number, size: number): string {
  const members = (answer.match(/<member>[\s\S]*?<\/member>/g) ?? []).map((member) =>
    member.replace(/(<CreateDate>[^<.]+)\.\d+(Z?<\/CreateDate>)/, '$1$2'),
  );
  const more = start + size < members.length;
  return answer
    .replace(
      /<Users>[\s\S]*<\/Users>|<Users\/>/,
      `<Users>${members.slice(start, start + size).join('')}</Users>`,
    )
    .replace(
      /<IsTruncated>[^<]*<\/IsTruncated>/,
      `<IsTruncated>${String(more)}</IsTruncated>${more ? `<Marker>${start + size}</Marker>` : ''}`,
    );
}

/** `answer` of `action` with the creation times of the named users replaced. */
function backdated(action: string, answer: string, createdAt: ReadonlyMap<string, Date>): string {
  if (action === 'ListUsers') {
    return answer.replace(/<member>[\s\S]*?<\/member>/g, (member) => {
      const name = /<UserName>([^<]+)<\/UserName>/.exec(member)?.[1] ?? '';
      const time = createdAt.get(name);
      return time === undefined
        ? member
        : member.replace(
            /<CreateDate>[^<]*<\/CreateDate>/,
            `<CreateDate>${time.toISOString()}</CreateDate>`,
          );
    });
  }
  if (action === 'GetCredentialReport') {
    return answer.replace(/<Content>([^<]*)<\/Content>/, (_all, content: string) => {
      const csv = Buffer.from(content, 'base64').toString('utf8');
      const rewritten = Buffer.from(reportWithCreationTimes(csv, createdAt)).toString('base64');
      return `<Content>${rewritten}</Content>`;
    });
  }
  return answer;
}

/** The Query-protocol action of a request: form body, then query string, then X-Amz-Target. */
function actionOf(request: IncomingMessage, body: URLSearchParams): string {
  const fromBody = body.get('Action');
  if (fromBody !== null) return fromBody;
  const fromQuery = new URL(request.url ?? '/', 'http://proxy.invalid').searchParams.get('Action');
  if (fromQuery !== null) return fromQuery;
  const target = request.headers['x-amz-target'];
  if (typeof target === 'string') return target.slice(target.lastIndexOf('.') + 1);
  return NO_ACTION;
}

function send(response: ServerResponse, answer: CannedResponse): void {
  const body = Buffer.from(answer.body, 'utf8');
  response.writeHead(answer.status, {
    'content-type': 'text/xml',
    'x-amzn-requestid': randomUUID(),
    ...answer.headers,
    'content-length': String(body.length),
  });
  response.end(body);
}

/** Forwards one buffered request to the target and resolves its buffered answer. */
async function forward(
  target: URL,
  request: IncomingMessage,
  body: Buffer,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  const headers: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (!HOP_BY_HOP.has(name)) headers[name] = value;
  }
  // Host stays the client's: moto verifies the SigV4 signature, which covers it.
  if (request.headers['transfer-encoding'] !== undefined) {
    headers['content-length'] = String(body.length);
  }
  const upstream = httpRequest({
    host: target.hostname,
    port: target.port,
    method: request.method ?? 'GET',
    path: request.url ?? '/',
    headers,
    agent: false,
  });
  upstream.end(body);
  const [answer] = (await once(upstream, 'response')) as [IncomingMessage];
  const chunks: Buffer[] = [];
  for await (const chunk of answer) chunks.push(chunk as Buffer);
  return { status: answer.statusCode ?? 502, headers: answer.headers, body: Buffer.concat(chunks) };
}

/**
 * Starts the proxy on a free 127.0.0.1 port, forwarding to `target` (moto's endpoint) under
 * `faults`.
 */
export async function startFaultProxy(target: string, faults: FaultPlan = {}): Promise<FaultProxy> {
  const targetUrl = new URL(target);
  let plan = faults;
  let random = mulberry32(plan.seed ?? 1);
  let callCounts: Record<string, number> = {};
  let faultCounts: Record<string, number> = {};
  const history = new EventHistory();
  const stopping = new AbortController();

  const countFault = (kind: FaultKind): void => {
    faultCounts[kind] = (faultCounts[kind] ?? 0) + 1;
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const contentType = request.headers['content-type'] ?? '';
    const form = new URLSearchParams(
      contentType.includes('x-www-form-urlencoded') ? body.toString('utf8') : '',
    );
    const action = actionOf(request, form);
    callCounts[action] = (callCounts[action] ?? 0) + 1;

    const key = /Credential=([^/]+)\//.exec(request.headers.authorization ?? '')?.[1] ?? '';
    const canned = plan.respond?.(action, form, key, request.headers);
    if (canned !== undefined) {
      countFault('respond');
      send(response, canned);
      return;
    }
    if (request.headers['x-amz-target'] === 'CloudTrail_20131101.LookupEvents') {
      const answer =
        plan.lookupDenied?.(key) === true
          ? jsonError(
              400,
              'AccessDeniedException',
              `${key} is not authorized to perform: cloudtrail:LookupEvents`,
            )
          : history.lookup(body.toString('utf8'));
      send(response, { ...answer, headers: JSON_11 });
      return;
    }

    const eligible = plan.onlyActions === undefined || plan.onlyActions.includes(action);
    if (eligible) {
      const draw = random();
      let edge = 0;
      const hit = (rate: number | undefined): boolean => {
        edge += rate ?? 0;
        return draw < edge;
      };
      if (hit(plan.throttleRate)) {
        countFault('throttle');
        send(response, { status: 400, body: awsErrorXml('Throttling', 'Rate exceeded') });
        return;
      }
      if (hit(plan.error500Rate)) {
        countFault('error500');
        send(response, {
          status: 500,
          body: awsErrorXml('InternalFailure', 'We encountered an internal error.', 'Receiver'),
        });
        return;
      }
      if (hit(plan.error503Rate)) {
        countFault('error503');
        send(response, {
          status: 503,
          body: awsErrorXml('ServiceUnavailable', 'Service unavailable.', 'Receiver'),
        });
        return;
      }
      if (hit(plan.dropRate)) {
        countFault('drop');
        request.socket.destroy();
        return;
      }
      if (hit(plan.slowRate)) {
        countFault('slow');
        await sleep(plan.slowMs ?? 1_000, undefined, { signal: stopping.signal });
      }
    }

    try {
      const answer = await forward(targetUrl, request, body);
      const headers: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(answer.headers)) {
        if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
      }
      if (answer.status === 200 && action === 'GetCredentialReport' && plan.reportGeneratedAt) {
        const time = plan.reportGeneratedAt.toISOString().replace(/\.\d{3}Z$/, 'Z');
        answer.body = Buffer.from(
          answer.body
            .toString('utf8')
            .replace(
              /<GeneratedTime>[^<]*<\/GeneratedTime>/,
              `<GeneratedTime>${time}</GeneratedTime>`,
            ),
        );
      }
      if (answer.status === 200 && action === 'ListUsers' && plan.listUsersPageSize) {
        const marker = form.get('Marker');
        answer.body = Buffer.from(
          paged(
            answer.body.toString('utf8'),
            marker === null ? 0 : Number(marker),
            plan.listUsersPageSize,
          ),
        );
      }
      if (answer.status === 200 && plan.usersCreatedAt !== undefined) {
        answer.body = Buffer.from(
          backdated(action, answer.body.toString('utf8'), plan.usersCreatedAt),
        );
      }
      headers['content-length'] = String(answer.body.length);
      if (RECORDED_ACTIONS.has(action)) {
        // CloudTrail records failed and denied calls too, with their error code.
        const code = /<Code>([^<]+)<\/Code>/.exec(answer.body.toString('utf8'))?.[1];
        const parameters = Object.fromEntries(
          ['NewUserName', 'NewPath']
            .filter((name) => form.has(name))
            .map((name) => [`new${name.slice(3)}`, form.get(name) ?? '']),
        );
        history.record(action, form.get('UserName'), {
          ...(answer.status === 200 ? {} : { errorCode: code ?? 'InternalFailure' }),
          parameters,
        });
      }
      response.writeHead(answer.status, headers);
      response.end(answer.body);
    } catch (error) {
      countFault('upstream');
      const why = error instanceof Error ? error.message : String(error);
      send(response, { status: 502, body: awsErrorXml('ProxyUpstreamError', why, 'Receiver') });
    }
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      // Aborted by stop() or a client that went away: nothing is left to answer.
      request.socket.destroy();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fault proxy has no port');
  let closed = Promise.resolve();

  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    calls: () => ({ ...callCounts }),
    faults: () => ({ ...faultCounts }),
    history,
    setPlan(next) {
      plan = next;
      random = mulberry32(next.seed ?? 1);
    },
    resetCounts() {
      callCounts = {};
      faultCounts = {};
    },
    stop() {
      if (!stopping.signal.aborted) {
        stopping.abort();
        closed = once(server, 'close').then(() => undefined);
        server.close();
        server.closeAllConnections();
      }
      return closed;
    },
  };
}

/** An IAM Query-protocol answer of `action` with `result` as its Result element's body. */
function iamAnswer(action: string, result: string): string {
  return (
    `<${action}Response xmlns="https://iam.amazonaws.com/doc/2010-05-08/">` +
    `<${action}Result>${result}</${action}Result>` +
    `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata>` +
    `</${action}Response>`
  );
}

/**
 * A GetAccountSummary answer with root's flags as given (moto always says AccountMFAEnabled 0
 * and leaves AccountPasswordPresent out).
 */
export function accountSummaryXml(root: {
  mfa: boolean;
  password: boolean;
  accessKeys: boolean;
}): string {
  const entry = (key: string, on: boolean): string =>
    `<entry><key>${key}</key><value>${on ? 1 : 0}</value></entry>`;
  return iamAnswer(
    'GetAccountSummary',
    `<SummaryMap>${entry('AccountMFAEnabled', root.mfa)}${entry('AccountPasswordPresent', root.password)}${entry('AccountAccessKeysPresent', root.accessKeys)}${entry('Users', false)}</SummaryMap>`,
  );
}

/** A ListOrganizationsFeatures answer (moto does not implement the call). */
export function organizationsFeaturesXml(
  organizationId: string,
  features: readonly string[],
): string {
  return iamAnswer(
    'ListOrganizationsFeatures',
    `<OrganizationId>${escapeXml(organizationId)}</OrganizationId><EnabledFeatures>${features
      .map((f) => `<member>${escapeXml(f)}</member>`)
      .join('')}</EnabledFeatures>`,
  );
}

/**
 * A ListVirtualMFADevices answer listing devices and the ARN each is assigned to: moto cannot
 * assign a device to root.
 */
export function virtualMfaDevicesXml(
  devices: readonly { serial: string; assignedTo: string }[],
): string {
  const member = ({ serial, assignedTo }: { serial: string; assignedTo: string }): string =>
    `<member><SerialNumber>${escapeXml(serial)}</SerialNumber><User><Path>/</Path>` +
    `<UserName>${escapeXml(assignedTo.split(/[:/]/).at(-1) ?? '')}</UserName>` +
    `<UserId>${escapeXml(assignedTo.split(':')[4] ?? '')}</UserId><Arn>${escapeXml(assignedTo)}</Arn>` +
    `<CreateDate>2019-03-04T09:15:00Z</CreateDate></User><EnableDate>2024-01-01T00:00:00Z</EnableDate></member>`;
  return iamAnswer(
    'ListVirtualMFADevices',
    `<IsTruncated>false</IsTruncated><VirtualMFADevices>${devices.map(member).join('')}</VirtualMFADevices>`,
  );
}
