/**
 * engine.io keeps each socket's upgrade request (the IncomingMessage, every header of it, its
 * stream state) for the socket's whole life, from the socket and from the stand-in response of
 * its upgrade (kept by a `close` listener on the TCP socket); a browser's headers alone are a
 * few hundred bytes. The relay reads only the client's address (socket-guard.ts, at connection)
 * and the origin, host and cookie of the handshake (fleet-room.ts, on `fleet:watch`): once the
 * address is read, the socket keeps those three headers and lets the request go (issue 9: heap
 * per idle socket; measured by bench/socket-heap.ts).
 */
import { ServerResponse } from "node:http";
import type { Server, Socket } from "socket.io";

/** The upgrade's stand-in response drops the request (it only held it for middlewares' headers; there are none). */
export function releaseUpgradeResponses(io: Server): void {
  io.engine.use((_req: unknown, res: unknown, next: () => void) => {
    if (!(res instanceof ServerResponse)) (res as { req: unknown }).req = null;
    next();
  });
}

export function forgetUpgradeRequest(socket: Socket): void {
  const { origin, host, cookie } = socket.handshake.headers;
  socket.handshake.headers = {
    ...(origin === undefined ? {} : { origin }),
    ...(host === undefined ? {} : { host }),
    ...(cookie === undefined ? {} : { cookie }),
  };
  socket.handshake.query = {};
  // socket.io builds a later namespace's handshake without it (its `request?.` reads).
  (socket.conn as { request: unknown }).request = null;
}
