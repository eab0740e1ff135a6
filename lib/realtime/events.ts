/**
 * Every Socket.IO event, typed once for the server (server/relay) and the browser
 * (lib/realtime/tracking-client.ts). Names read `entity:verb` and exist only here.
 */
import type { TOrderView } from "../schemas/order-view";

export const SOCKET_PATH = "/socket.io";

export const EVENTS = {
  orderWatch: "order:watch",
  orderUnwatch: "order:unwatch",
  orderView: "order:view",
} as const;

export type TAckError = { error: { code: string; message: string } };
export type TAck<T> = { data: T } | TAckError;

export interface ClientToServerEvents {
  /** Start watching an order by its tracking token; the ack carries the current view. */
  [EVENTS.orderWatch]: (payload: { token: string }, ack: (res: TAck<TOrderView>) => void) => void;
  [EVENTS.orderUnwatch]: (payload: { token: string }) => void;
}

export interface ServerToClientEvents {
  [EVENTS.orderView]: (view: TOrderView) => void;
}
