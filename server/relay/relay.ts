/**
 * The relay: one Socket.IO room per watched order, fed by a NATS subscription that exists only
 * while the room has members (subscribe when the first watcher joins, drop when the last
 * leaves). It holds no state another relay instance needs.
 */
import type { Server as HttpServer } from "node:http";
import { Server, type Socket } from "socket.io";
import type { Subscription } from "@nats-io/transport-node";
import { z } from "zod";
import { EVENTS, SOCKET_PATH, type ClientToServerEvents, type ServerToClientEvents } from "../../lib/realtime/events";
import type { TOrderEvent } from "../../lib/schemas/events";
import { ZOrderView } from "../../lib/schemas/order-view";
import { parseJsonOrNull } from "../backbone/parse-json";
import { subjects } from "../backbone/subjects";
import type { CoreDeps } from "../deps";
import { findOrderIdByToken, getOrderView } from "../views/get-order-view";
import { startFleetRoom, type FleetRoomOptions } from "./fleet-room";
import { readOrderTimeline } from "../customer/read-order-timeline";
import { startOrderEventFeed, type OrderEventFeed } from "./order-event-feed";

const ZWatchPayload = z.object({ token: z.string().min(1).max(200) });
const ZHistoryPayload = ZWatchPayload.extend({ afterSeq: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER) });
const ORDER_ROOM_PREFIX = "order:";
const roomOf = (orderId: string) => `${ORDER_ROOM_PREFIX}${orderId}`;
/** When to look for watchers of a replaced link: at once, then while its transaction commits. */
const REVOKE_CHECK_DELAYS_MS = [0, 250, 1_000, 5_000];

interface SocketData {
  /** token → orderId of the orders this socket watches */
  watching: Map<string, string>;
}

export type RelayServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface Relay {
  io: RelayServer;
  /** Orders with a live NATS subscription (for tests and metrics). */
  watchedOrderIds(): string[];
  close(): Promise<void>;
}

export function startRelay(
  httpServer: HttpServer,
  deps: CoreDeps,
  log: (message: string, error?: unknown) => void = console.error,
  fleetOptions: FleetRoomOptions = {},
): Relay {
  const io: RelayServer = new Server(httpServer, { path: SOCKET_PATH, serveClient: false, connectionStateRecovery: undefined });
  // The admin fleet room lives beside the order rooms, with its own subscription by interest.
  const fleet = startFleetRoom(io, deps, log, fleetOptions);
  const subscriptions = new Map<string, Subscription>();
  /** Each watched order's live timeline feed, started by the first watch and stopped with the room. */
  const feeds = new Map<string, Promise<OrderEventFeed | null>>();
  let isClosed = false;

  const ensureFeed = async (orderId: string): Promise<void> => {
    let feed = feeds.get(orderId);
    if (!feed) {
      const onEvent = (event: TOrderEvent) => {
        if (event.type === "order.tracking_link_changed") void dropRevokedWatchers(orderId).catch((error: unknown) => log(`dropping revoked watchers of ${orderId} failed`, error));
      };
      feed = startOrderEventFeed(deps, orderId, (entry) => io.to(roomOf(orderId)).emit(EVENTS.orderEntry, entry), log, onEvent).catch((error: unknown) => {
        feeds.delete(orderId);
        throw error;
      });
      feeds.set(orderId, feed);
    }
    await feed;
  };
  /**
   * A replaced tracking link must stop working for sockets already watching through it. The
   * event is published before its transaction commits, so the tokens are checked against the
   * database a few times until the change is visible (a rolled-back change drops nobody).
   * A dropped client reconnects, re-watches and hears not_found like any revoked link.
   */
  const dropRevokedWatchers = async (orderId: string): Promise<void> => {
    for (const delayMs of REVOKE_CHECK_DELAYS_MS) {
      await new Promise((resolve) => setTimeout(resolve, delayMs).unref());
      if (isClosed) return;
      let dropped = 0;
      for (const socket of await io.in(roomOf(orderId)).fetchSockets()) {
        for (const [token, watched] of socket.data.watching) {
          if (watched !== orderId || (await findOrderIdByToken(deps.prisma, token)) === orderId) continue;
          socket.disconnect(true);
          dropped++;
          break;
        }
      }
      if (dropped > 0) return;
    }
  };
  const stopFeed = (orderId: string) => {
    const feed = feeds.get(orderId);
    feeds.delete(orderId);
    void feed?.then((started) => started?.stop()).catch(() => undefined);
  };

  const subscribe = (orderId: string) => {
    if (subscriptions.has(orderId)) return;
    const subscription = deps.nc.subscribe(subjects.orderView(orderId), {
      callback: (error, message) => {
        if (error) return log(`view subscription for ${orderId} failed`, error);
        // A throw here would kill the connection's read loop: parse defensively.
        const parsed = ZOrderView.safeParse(parseJsonOrNull(message.string()));
        if (parsed.success) io.to(roomOf(orderId)).emit(EVENTS.orderView, parsed.data);
        else log(`dropping malformed view on ${message.subject}`, parsed.error.message);
      },
    });
    subscriptions.set(orderId, subscription);
  };

  // Interest follows the rooms: the adapter reports when a room first appears and when it empties.
  io.of("/").adapter.on("create-room", (room: string) => {
    if (room.startsWith(ORDER_ROOM_PREFIX)) subscribe(room.slice(ORDER_ROOM_PREFIX.length));
  });
  io.of("/").adapter.on("delete-room", (room: string) => {
    if (!room.startsWith(ORDER_ROOM_PREFIX)) return;
    const orderId = room.slice(ORDER_ROOM_PREFIX.length);
    subscriptions.get(orderId)?.unsubscribe();
    subscriptions.delete(orderId);
    stopFeed(orderId);
  });

  io.on("connection", (socket: Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>) => {
    socket.data.watching = new Map();

    socket.on(EVENTS.orderWatch, async (payload, ack) => {
      const reply = typeof ack === "function" ? ack : () => undefined;
      const parsed = ZWatchPayload.safeParse(payload);
      if (!parsed.success) return reply({ error: { code: "invalid_request", message: "expected { token: string }" } });
      try {
        const orderId = await findOrderIdByToken(deps.prisma, parsed.data.token);
        if (!orderId) return reply({ error: { code: "not_found", message: "unknown or revoked tracking link" } });
        // Join (and so subscribe) before reading the current view: an update published in
        // between reaches the room, and the client keeps whichever version is newer.
        await socket.join(roomOf(orderId));
        socket.data.watching.set(parsed.data.token, orderId);
        // The live timeline feed runs before the watcher asks for history: no entry falls between.
        await ensureFeed(orderId);
        const view = await getOrderView(deps, orderId);
        if (!view) return reply({ error: { code: "not_found", message: "unknown or revoked tracking link" } });
        reply({ data: view });
      } catch (error) {
        log("order:watch failed", error);
        reply({ error: { code: "internal", message: "could not load this order, try again" } });
      }
    });

    socket.on(EVENTS.orderHistory, async (payload, ack) => {
      const reply = typeof ack === "function" ? ack : () => undefined;
      const parsed = ZHistoryPayload.safeParse(payload);
      if (!parsed.success) return reply({ error: { code: "invalid_request", message: "expected { token: string, afterSeq: integer >= 0 }" } });
      try {
        // Only an order this socket watches: the token was checked, and the live feed runs.
        const orderId = socket.data.watching.get(parsed.data.token);
        if (!orderId) return reply({ error: { code: "not_watching", message: "watch the order (order:watch) before asking for its history" } });
        reply({ data: await readOrderTimeline(deps, orderId, parsed.data.afterSeq) });
      } catch (error) {
        log("order:history failed", error);
        reply({ error: { code: "internal", message: "could not load the order's history, try again" } });
      }
    });

    socket.on(EVENTS.orderUnwatch, async (payload) => {
      const parsed = ZWatchPayload.safeParse(payload);
      if (!parsed.success) return;
      const orderId = socket.data.watching.get(parsed.data.token);
      if (!orderId) return;
      socket.data.watching.delete(parsed.data.token);
      if (![...socket.data.watching.values()].includes(orderId)) await socket.leave(roomOf(orderId));
    });
  });

  return {
    io,
    watchedOrderIds: () => [...subscriptions.keys()],
    async close() {
      isClosed = true;
      for (const subscription of subscriptions.values()) subscription.unsubscribe();
      subscriptions.clear();
      fleet.close();
      for (const orderId of [...feeds.keys()]) stopFeed(orderId);
      await io.close();
    },
  };
}
