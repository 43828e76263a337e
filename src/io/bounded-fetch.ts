import { EnvHttpProxyAgent, fetch as undiciFetch } from 'undici';

/** How long one request may take in all, and how large its answer may be. */
export interface RequestBounds {
  readonly ms: number;
  readonly answerBytes: number;
}

/** A request that got no complete answer within its deadline. */
export class DeadlineError extends Error {
  override name = 'DeadlineError';
}

/** An answer larger than its bound; nothing past the bound was read. */
export class TooLargeError extends Error {
  override name = 'TooLargeError';
}

/**
 * `fetch` with a total deadline, from sending the request to the last byte of the answer,
 * and the answer read whole into memory up to a size: an endpoint that never answers, drips
 * a byte at a time, or answers without end cannot hold the run or fill its memory. The
 * Response returned holds the whole answer.
 */
export function boundedFetch(bounds: RequestBounds): typeof fetch {
  return async (input, init) => {
    const deadline = new AbortController();
    const late = new DeadlineError(`no complete answer within ${bounds.ms / 1000} s`);
    const timer = setTimeout(() => {
      deadline.abort(late);
    }, bounds.ms);
    const signal =
      init?.signal == null ? deadline.signal : AbortSignal.any([init.signal, deadline.signal]);
    try {
      const answer = await proxiedFetch(input, { ...init, signal });
      const body = await readAll(answer.body, bounds.answerBytes);
      const empty = [101, 204, 205, 304].includes(answer.status);
      return new Response(empty ? null : body, {
        status: answer.status,
        statusText: answer.statusText,
        headers: [...answer.headers],
      });
    } catch (error) {
      if (deadline.signal.aborted) throw late;
      throw error;
    } finally {
      clearTimeout(timer);
    }
  };
}

async function readAll(
  stream: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<Uint8Array> {
  if (stream === null) return new Uint8Array();
  const reader: ReadableStreamDefaultReader<Uint8Array> = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new TooLargeError(`an answer of more than ${maxBytes / 1024} KiB`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * fetch through the proxy the environment names for the URL (HTTPS_PROXY, HTTP_PROXY,
 * NO_PROXY, as curl and the runner read them), direct otherwise.
 */
function proxiedFetch(
  input: Parameters<typeof fetch>[0],
  init: RequestInit,
): ReturnType<typeof undiciFetch> {
  return undiciFetch(input as Parameters<typeof undiciFetch>[0], {
    ...(init as unknown as Parameters<typeof undiciFetch>[1]),
    dispatcher: PROXY_AWARE,
  });
}

const PROXY_AWARE = new EnvHttpProxyAgent();
