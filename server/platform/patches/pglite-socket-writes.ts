/**
 * Measured need: order creation with assignment 196 → 220 orders/s median (bench/order-creation.ts,
 * three alternated runs each: 227/196/184 without, 229/220/203 with).
 *
 * pglite-socket writes every protocol message's answer to the socket on its own (five writes for
 * one parameterised statement: ParseComplete, BindComplete, the rows, CommandComplete,
 * ReadyForQuery), each a syscall in the PGlite worker and a wake-up and a read in the app's
 * thread. Corked from an answer's first write until its ReadyForQuery (or this thread's next
 * turn, for what has none), one statement's answer leaves in one write. It reaches into the
 * server's net.Server, a private field of pglite-socket: its 'connection' listeners run before the
 * library attaches its handler (on setImmediate). pglite-socket-writes.test.ts fails when the
 * field is gone or the answers stop going through the corked writes.
 */
import type { Server, Socket } from "node:net";
import type { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { checkTestedRange, installedVersion, PatchCannotApply, type TestedRange } from "./tested-range";

export const PGLITE_SOCKET_RANGE: TestedRange = { library: "@electric-sql/pglite-socket", from: "0.2.17", below: "0.3.0" };

/** The range check of both pglite-socket patches (this one and pglite-socket-sessions.ts): one library, one tested range. */
export function checkPgliteSocketWritesPatch(warn: (message: string) => void): void {
  checkTestedRange(PGLITE_SOCKET_RANGE, "Coalescing pglite-socket's writes and keeping its sessions whole", warn);
}

/** What the patch did on a server, for its test: writes asked by the library, writes that left. */
export interface CoalescedWrites {
  written: number;
  flushed: number;
}

/** Call after `server.start()`, before the first connection. */
export function coalesceWrites(server: PGLiteSocketServer): CoalescedWrites {
  const netServer = (server as unknown as { server: Server | null }).server;
  if (!netServer) throw new PatchCannotApply(PGLITE_SOCKET_RANGE, installedVersion(PGLITE_SOCKET_RANGE), "no net.Server in its private `server` field");
  const counts: CoalescedWrites = { written: 0, flushed: 0 };
  netServer.on("connection", (socket: Socket) => {
    const write = socket.write.bind(socket) as (chunk: unknown, ...rest: unknown[]) => boolean;
    const flush = () => {
      if (socket.writableCorked > 0) counts.flushed++;
      while (socket.writableCorked > 0) socket.uncork();
    };
    socket.write = ((chunk: unknown, ...rest: unknown[]) => {
      counts.written++;
      if (socket.writableCorked === 0) {
        socket.cork();
        setImmediate(flush);
      }
      const isWritten = write(chunk, ...rest);
      if (endsWithReadyForQuery(chunk)) flush();
      return isWritten;
    }) as Socket["write"];
  });
  return counts;
}

/** The last message of every answer: 'Z', length 5, the transaction status. */
function endsWithReadyForQuery(chunk: unknown): boolean {
  if (!(chunk instanceof Uint8Array) || chunk.length < 6) return false;
  const at = chunk.length - 6;
  return chunk[at] === 0x5a && chunk[at + 1] === 0 && chunk[at + 2] === 0 && chunk[at + 3] === 0 && chunk[at + 4] === 5;
}
