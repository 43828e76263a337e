/**
 * A loopback forward proxy, as self-hosted runners sit behind: plain requests in absolute
 * form are forwarded, CONNECT opens a tunnel. It counts what went through it, by target.
 */
import { once } from 'node:events';
import { createServer, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { listenOnLoopback } from './loopback.js';

export interface ForwardProxy {
  /** `http://127.0.0.1:PORT`: the value for HTTP_PROXY or HTTPS_PROXY. */
  readonly url: string;
  /** Requests forwarded and tunnels opened, as `METHOD host:port`. */
  seen(): string[];
  stop(): Promise<void>;
}

export async function startForwardProxy(): Promise<ForwardProxy> {
  const seen: string[] = [];
  const server = createServer((request, response) => {
    const target = new URL(request.url ?? '');
    seen.push(`${request.method ?? ''} ${target.host}`);
    const upstream = httpRequest(
      target,
      { method: request.method, headers: request.headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => response.destroy());
    request.pipe(upstream);
  });
  server.on('connect', (request, socket, head) => {
    seen.push(`CONNECT ${request.url ?? ''}`);
    const [host = '', port = '443'] = (request.url ?? '').split(':');
    const tunnel = connect(Number(port), host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      tunnel.write(head);
      tunnel.pipe(socket);
      socket.pipe(tunnel);
    });
    tunnel.on('error', () => socket.destroy());
    socket.on('error', () => tunnel.destroy());
  });
  const url = await listenOnLoopback(server);
  return {
    url,
    seen: () => [...seen],
    stop: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
