/** The relay's Socket.IO server and sockets, typed once by the events both ends share. */
import type { Server, Socket } from "socket.io";
import type { ClientToServerEvents, ServerToClientEvents } from "../../../lib/realtime/events";
import type { WatchList } from "./watch-list";

export interface SocketData {
  /** The orders this socket watches (at most MAX_WATCHES_PER_SOCKET, relay.ts). */
  watching: WatchList;
}

export type RelayServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type RelaySocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
