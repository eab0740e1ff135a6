import type { Socket } from "socket.io";
import { NO_WATCHES, type WatchList } from "./watch-list";

/**
 * A socket that disconnected while a handler awaited must be in no room: socket.io removed it
 * from its rooms at disconnect, but a join after that would stay (and keep the room) forever.
 * Called after every await of a handler that joins; true when the socket is gone, and now
 * fully forgotten (its rooms and its watched tokens).
 */
export function forgetIfDisconnected(socket: Socket): boolean {
  if (socket.connected) return false;
  (socket.data as { watching?: WatchList }).watching = NO_WATCHES;
  void socket.nsp.adapter.delAll(socket.id);
  return true;
}
