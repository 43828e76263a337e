import { once } from 'node:events';
import type { Server as HttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';

/** Starts `server` on a free loopback port; the URL it answers at. */
export async function listenOnLoopback(server: Server | HttpServer): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
}

/**
 * Accepts every connection and never writes a byte; counts the requests it was sent (a
 * client may open a spare connection that never carries one).
 */
export function silentServer(): { server: Server; requests: () => number } {
  const sockets: Socket[] = [];
  let requests = 0;
  const server = createServer((socket) => {
    sockets.push(socket);
    socket.on('error', () => undefined);
    socket.once('data', () => {
      requests += 1;
    });
  });
  server.on('close', () => {
    for (const socket of sockets) socket.destroy();
  });
  return { server, requests: () => requests };
}
