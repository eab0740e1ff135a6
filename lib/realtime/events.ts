/**
 * Every Socket.IO event, typed once for the server (server/pipeline/relay) and the browser
 * (lib/realtime/tracking-client.ts). Names read `entity:verb` and exist only here.
 */
import { z } from "zod";
import type { TOrderView } from "../schemas/order-view";
import type { TFleetPosition, TFleetSnapshot } from "../schemas/admin";
import type { TTimelineEntry, TTimelinePage } from "../schemas/timeline";
import type { EVENTS } from "./event-names";

// The names live in a zod-free module so the tracking page's bundle carries no zod.
export { EVENTS, SOCKET_PATH } from "./event-names";

/** `order:watch` / `order:unwatch`: a tracking token. */
export const ZWatchPayload = z.object({ token: z.string().min(1).max(200) });
export type TWatchPayload = z.infer<typeof ZWatchPayload>;
/** `order:history`: the entries of a watched order after `afterSeq` (0: all). */
export const ZHistoryPayload = ZWatchPayload.extend({ afterSeq: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER) });
export type THistoryPayload = z.infer<typeof ZHistoryPayload>;
/** `fleet:watch` takes nothing: the staff session comes with the handshake's cookie (the server ignores the payload). */
export const ZFleetWatchPayload = z.object({});
export type TFleetWatchPayload = z.infer<typeof ZFleetWatchPayload>;

export type TAckError = { error: { code: string; message: string } };
export type TAck<T> = { data: T } | TAckError;

export interface ClientToServerEvents {
  /** Start watching an order by its tracking token; the ack carries the current view. */
  [EVENTS.orderWatch]: (payload: TWatchPayload, ack: (res: TAck<TOrderView>) => void) => void;
  [EVENTS.orderUnwatch]: (payload: TWatchPayload) => void;
  /** Admin only (session cookie): the whole fleet now, then `fleet:positions` batches. */
  [EVENTS.fleetWatch]: (payload: TFleetWatchPayload, ack: (res: TAck<TFleetSnapshot>) => void) => void;
  [EVENTS.fleetUnwatch]: () => void;
  /**
   * The order's timeline entries after `afterSeq` (0: all), read from the ORDERS stream. Sent
   * after the watch ack, so with the live `order:entry` pushes nothing is missed.
   */
  [EVENTS.orderHistory]: (payload: THistoryPayload, ack: (res: TAck<TTimelinePage>) => void) => void;
}

export interface ServerToClientEvents {
  [EVENTS.orderView]: (view: TOrderView) => void;
  /** Drivers' latest positions, coalesced to at most one per driver per second (volatile). */
  [EVENTS.fleetPositions]: (positions: TFleetPosition[]) => void;
  /**
   * To fleet watchers: the server lost (`isUp: false`) or regained its event backbone; while it is
   * down no position reaches the dashboard, so the dashboard says live updates are paused.
   */
  [EVENTS.fleetBackbone]: (state: { isUp: boolean }) => void;
  /** A new timeline entry of a watched order (never volatile: the timeline must not miss one). */
  [EVENTS.orderEntry]: (entry: TTimelineEntry) => void;
  /**
   * This instance is shutting down (a deploy, a scale-down): the transport closes right after,
   * and socket.io-client reconnects on its own — to another instance behind the load balancer.
   */
  [EVENTS.serverDraining]: (info: { reconnect: true }) => void;
}
