/**
 * engine.io keeps each socket's upgrade request (the IncomingMessage, every header of it, its
 * stream state) for the socket's whole life, from the socket and from the stand-in response of
 * its upgrade (kept by a `close` listener on the TCP socket); a browser's headers alone are a
 * few hundred bytes. The relay reads only the client's address (socket-guard.ts, at connection)
 * and the origin, host and cookie of the handshake (fleet-room.ts, on `fleet:watch`): once the
 * address is read, the socket keeps those three headers and lets the request go (heap per idle
 * socket, measured by bench/socket-heap.ts).
 */
import { ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import type { Server, Socket } from "socket.io";

/** What engine.io 6's stand-in response adds to the TCP socket, to tell it from any other `close` listener. */
const STAND_IN_CLOSE_SOURCE = '() => this.emit("close")';

/**
 * The upgrade's stand-in response (engine.io's WebSocketResponse, made for middlewares; there are
 * none but this one) is kept for the connection's life by the `close` listener it adds to the TCP
 * socket: with its own listener map and the request, a few hundred bytes per socket. Nothing
 * listens to it, so that listener goes, and with it the response; its request is dropped anyway,
 * should engine.io's listener ever look different.
 */
export function releaseUpgradeResponses(io: Server): void {
  io.engine.use((_req: unknown, res: unknown, next: () => void) => {
    if (!(res instanceof ServerResponse)) {
      const standIn = res as { req: unknown; socket: Duplex | null };
      const tcp = standIn.socket;
      // Added in the response's constructor, just before the middlewares run: the last one.
      const last = tcp?.rawListeners("close").at(-1) as { listener?: () => void } | undefined;
      if (tcp && last && String(last.listener) === STAND_IN_CLOSE_SOURCE) tcp.removeListener("close", last as () => void);
      standIn.req = null;
    }
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
