/**
 * Measured need: 0.12–0.21 KiB less heap per connected socket (bench/patch-heap.ts, 3,000 sockets, 6 A/B pairs) on an idle watcher's 9.2–9.5 KiB (budget: 10 KB).
 *
 * Socket.IO puts every socket in a room named by its id, for `io.to(socketId)`; the relay never
 * sends to one socket that way. Without that room, `io.to(socket.id)` reaches nobody and
 * `socket.broadcast` / `socket.to(room)` no longer leave the sender out (both exclude it by that
 * room): nothing in the relay uses them. socket-own-room.test.ts fails when the installed
 * socket.io stops putting a socket in that room or puts it back.
 */
import type { Socket } from "socket.io";
import { checkTestedRange, type TestedRange } from "./tested-range";

export const SOCKET_IO_OWN_ROOM_RANGE: TestedRange = { library: "socket.io", from: "4.8.0", below: "5.0.0" };

export function checkOwnRoomPatch(warn: (message: string) => void): void {
  checkTestedRange(SOCKET_IO_OWN_ROOM_RANGE, "The relay's leaving of each socket's own-id room", warn);
}

/** Called on `connection`, when Socket.IO has just put the socket in its own-id room. */
export function leaveOwnRoom(socket: Socket): void {
  void socket.leave(socket.id);
}
