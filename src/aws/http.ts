import type { Readable } from 'node:stream';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';
import type { HttpHandlerOptions } from '@smithy/types';
import { proxyFor } from '../io/proxy.js';
import { AWS_LIMITS } from '../limits.js';
import { AnswerError } from './aws-errors.js';

type Request = Parameters<NodeHttpHandler['handle']>[0];
type Answer = Awaited<ReturnType<NodeHttpHandler['handle']>>;

/** The SDK's own bounds on connecting and on silence; each attempt's total one is added. */
const TIMEOUTS = {
  connectionTimeout: AWS_LIMITS.connectMs,
  requestTimeout: AWS_LIMITS.firstByteMs,
  throwOnRequestTimeout: true,
  socketTimeout: AWS_LIMITS.firstByteMs,
} as const;

/** Connection errors that say nothing answered: counted against the endpoint. */
const NO_ANSWER = new Set(['TimeoutError', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);

/**
 * Attempts in a row, by endpoint, that got no complete answer. Shared by every client of the
 * run, so that one endpoint that does not answer costs each account nothing once it is known.
 */
const unanswered = new Map<string, number>();

/**
 * The SDK's HTTP handler with a total deadline on each attempt, from sending the request to
 * the last byte of the answer, and a bound on the answer's size. The SDK's own timers only
 * bound the wait for the first byte and the time between bytes: an endpoint that sends one
 * byte a second would hold an attempt without end. An endpoint that gave no complete answer
 * AWS_LIMITS.unansweredInARow times in a row is not asked again in this run: its calls fail
 * at once, as unreachable, without retries. A request goes through the proxy the
 * environment names for its endpoint (HTTPS_PROXY, HTTP_PROXY, NO_PROXY), if any.
 */
export class BoundedHttpHandler extends NodeHttpHandler {
  /** A handler through each proxy the requests of this run were sent through. */
  private readonly viaProxy = new Map<string, NodeHttpHandler>();

  constructor() {
    super(TIMEOUTS);
  }

  /** The handler for a request to `endpoint`: this one, or one through its proxy. */
  private handlerFor(endpoint: string): NodeHttpHandler | null {
    const proxy = proxyFor(endpoint);
    if (proxy === null) return null;
    let handler = this.viaProxy.get(proxy);
    if (handler === undefined) {
      handler = new NodeHttpHandler({
        ...TIMEOUTS,
        httpAgent: new HttpProxyAgent(proxy),
        httpsAgent: new HttpsProxyAgent(proxy),
      });
      this.viaProxy.set(proxy, handler);
    }
    return handler;
  }

  override async handle(request: Request, options: HttpHandlerOptions = {}): Promise<Answer> {
    const endpoint = `${request.protocol}//${request.hostname}:${request.port ?? ''}`;
    if ((unanswered.get(endpoint) ?? 0) >= AWS_LIMITS.unansweredInARow) {
      throw Object.assign(
        new Error(
          `gave no complete answer ${AWS_LIMITS.unansweredInARow} times in a row, so it is not asked again in this run`,
        ),
        { name: 'EndpointUnreachable' },
      );
    }
    const deadline = new AbortController();
    const late = Object.assign(
      new Error(`no complete answer within ${AWS_LIMITS.answerMs / 1000} s`),
      { name: 'TimeoutError' },
    );
    const timer = setTimeout(() => {
      deadline.abort(late);
    }, AWS_LIMITS.answerMs);
    const caller = options.abortSignal as AbortSignal | undefined;
    const forward = (): void => {
      deadline.abort(caller?.reason);
    };
    caller?.addEventListener('abort', forward, { once: true });
    try {
      const via = this.handlerFor(endpoint);
      const signal = { abortSignal: deadline.signal };
      const answer = await (via === null
        ? super.handle(request, signal)
        : via.handle(request, signal));
      answer.response.body = await bodyOf(answer.response.body as Readable, deadline.signal);
      unanswered.delete(endpoint);
      return answer;
    } catch (error) {
      const thrown = deadline.signal.reason === late ? late : error;
      const name = (thrown as { name?: unknown }).name;
      const code = (thrown as { code?: unknown }).code;
      if (NO_ANSWER.has(String(name)) || NO_ANSWER.has(String(code))) {
        unanswered.set(endpoint, (unanswered.get(endpoint) ?? 0) + 1);
      }
      throw thrown;
    } finally {
      clearTimeout(timer);
      caller?.removeEventListener('abort', forward);
    }
  }
}

/** The whole answer, read before `signal` aborts and refused past AWS_LIMITS.answerBytes. */
async function bodyOf(body: Readable, signal: AbortSignal): Promise<Uint8Array> {
  const stop = (): void => {
    body.destroy(signal.reason as Error);
  };
  if (signal.aborted) stop();
  signal.addEventListener('abort', stop, { once: true });
  try {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of body) {
      const bytes = chunk as Buffer;
      size += bytes.length;
      if (size > AWS_LIMITS.answerBytes) {
        body.destroy();
        throw new AnswerError(
          `an answer of more than ${AWS_LIMITS.answerBytes / 1024 / 1024} MiB, larger than any AWS answer this audit reads`,
        );
      }
      chunks.push(bytes);
    }
    return Buffer.concat(chunks);
  } finally {
    signal.removeEventListener('abort', stop);
  }
}
