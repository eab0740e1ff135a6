/**
 * Measured need: 1.6–1.7 KiB less heap per connected socket (bench/patch-heap.ts, 3,000 sockets; 5 of 6 A/B pairs, one 0.4) on an idle watcher's 9.2–9.5 KiB (budget: 10 KB).
 *
 * engine.io keeps each socket's upgrade request (the IncomingMessage, every header of it, its
 * stream state) for the socket's whole life, from the socket and from the stand-in response of
 * its upgrade (kept by a `close` listener on the TCP socket); a browser's headers alone are a
 * few hundred bytes. The relay reads only the client's address (socket-guard.ts, at connection)
 * and the origin, host and cookie of the handshake (fleet-room.ts, on `fleet:watch`): once the
 * address is read, the socket keeps those three headers and lets the request go.
 *
 * It relies on engine.io's private shapes (the stand-in response's `req` and `socket`, the text
 * of the listener it adds) and on socket.io's `socket.conn.request`: `checkUpgradeRequestPatch`
 * checks the versions at start-up and that engine.io still adds that listener;
 * engine-io-upgrade-request.test.ts fails when the request or the response stays reachable.
 */
import { readFileSync } from "node:fs";
import { ServerResponse } from "node:http";
import path from "node:path";
import type { Duplex } from "node:stream";
import type { Server, Socket } from "socket.io";
import { checkTestedRange, packageDirOf, PatchCannotApply, type TestedRange } from "./tested-range";

export const ENGINE_IO_RANGE: TestedRange = { library: "engine.io", from: "6.6.0", below: "7.0.0", dependencyOf: "socket.io" };
export const SOCKET_IO_RANGE: TestedRange = { library: "socket.io", from: "4.8.0", below: "5.0.0" };

/** What engine.io 6's stand-in response adds to the TCP socket, to tell it from any other `close` listener. */
const STAND_IN_CLOSE_SOURCE = '() => this.emit("close")';

/**
 * At start-up: engine.io and socket.io in their tested ranges (a warning otherwise), and engine.io's
 * server still adding the stand-in's `close` listener (else the patch cannot apply: it throws).
 */
export function checkUpgradeRequestPatch(warn: (message: string) => void): void {
  checkTestedRange(SOCKET_IO_RANGE, "The relay's upgrade-request patch", warn);
  const version = checkTestedRange(ENGINE_IO_RANGE, "The relay's upgrade-request patch", warn);
  const serverJs = path.join(packageDirOf(ENGINE_IO_RANGE.library, packageDirOf("socket.io")), "build", "server.js");
  if (!readFileSync(serverJs, "utf8").includes(`socket.once("close", ${STAND_IN_CLOSE_SOURCE})`)) {
    throw new PatchCannotApply(
      ENGINE_IO_RANGE,
      version,
      `its server no longer adds the upgrade's stand-in \`close\` listener the relay removes (${serverJs}); update server/platform/patches/engine-io-upgrade-request.ts`,
    );
  }
}

/**
 * The upgrade's stand-in response (engine.io's WebSocketResponse, made for middlewares; there are
 * none but this one) is kept for the connection's life by the `close` listener it adds to the TCP
 * socket: with its own listener map and the request, a few hundred bytes per socket. Nothing
 * listens to it, so that listener goes, and with it the response; its request is dropped anyway.
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
