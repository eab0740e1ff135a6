/**
 * The relay: one Socket.IO room per watched order, fed by interest (DESIGN.md invariant 5):
 * - per order watched here, one core subscription (`orders.<id>.*`: its view and its events),
 *   taken with the room's first watcher and dropped with its last (order-feeds.ts); a process
 *   receives nothing of orders nobody watches there, and adding processes divides the traffic;
 * - timeline entries are read from the ORDERS stream by sequence when their order's event
 *   subscription wakes the feed up (order-feeds.ts says why), so none is missed or doubled;
 * - after a NATS reconnect, every watched order's last view is sent again and its entries read
 *   from the room's last sequence;
 * - the admin fleet room's one subscription while an admin watches (fleet-room.ts).
 * Each message is encoded once per room (`io.to(room).emit`). History (`order:history`) is a
 * short bounded read. No JetStream consumer is kept, none per watcher. It holds no state
 * another relay instance needs.
 */
import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { toTimelineEntry } from "../../../lib/domain/order-timeline";
import { EVENTS, SOCKET_PATH, ZHistoryPayload, ZWatchPayload, type ClientToServerEvents } from "../../../lib/realtime/events";
import type { TOrderEvent } from "../../../lib/schemas/events";
import { ZOrderView, type TOrderView } from "../../../lib/schemas/order-view";
import { onConnectionStatus } from "../../platform/backbone/connection-state";
import { parseJsonOrNull } from "../../platform/backbone/parse-json";
import { readOrderTimeline } from "../../features/customer/read-order-timeline";
import type { CoreDeps } from "../../deps";
import { TrackingLinkNotFound } from "../../platform/domain-errors";
import { toAckError } from "../../platform/http/api-error";
import { findOrderIdByToken, getOrderView } from "../views/get-order-view";
import { relayEmits } from "../../platform/observability/metrics";
import { dropRevokedWatchers } from "./drop-revoked-watchers";
import { forgetIfDisconnected } from "./forget-if-disconnected";
import { releaseUpgradeResponses } from "../../platform/patches/engine-io-upgrade-request";
import { leaveOwnRoom } from "../../platform/patches/socket-own-room";
import { startFleetRoom, type FleetRoomOptions } from "./fleet-room";
import { startOrderFeeds } from "./order-feeds";
import type { RelayServer, RelaySocket } from "./relay-server";
import { ORDER_ROOM_PREFIX, roomOf } from "./order-rooms";
import { MAX_SOCKET_MESSAGE_BYTES } from "./socket-limits";
import { isWatchingOrder, NO_WATCHES, orderWatchedWith, withoutWatch, withWatch } from "./watch-list";
import { countMalformed } from "../../platform/observability/malformed-messages";

/** A tracking page watches one order; a few more covers tabs sharing a socket, not a crawler. */
const MAX_WATCHES_PER_SOCKET = 16;

type WatchAck = Parameters<ClientToServerEvents[typeof EVENTS.orderWatch]>[1];
type HistoryAck = Parameters<ClientToServerEvents[typeof EVENTS.orderHistory]>[1];

export interface Relay {
  io: RelayServer;
  /** Orders with a local room, i.e. at least one socket of this process watching (tests, metrics). */
  watchedOrderIds(): string[];
  close(): Promise<void>;
}

export function startRelay(httpServer: HttpServer, deps: CoreDeps, log: (message: string, error?: unknown) => void = console.error, fleetOptions: FleetRoomOptions = {}): Relay {
  const io: RelayServer = new Server(httpServer, {
    path: SOCKET_PATH,
    serveClient: false,
    connectionStateRecovery: undefined,
    // Every client event is a token and a number; a long-polling POST carries a few of them.
    maxHttpBufferSize: MAX_SOCKET_MESSAGE_BYTES,
    // A connection that never joins the namespace is closed soon, not after socket.io's 45 s.
    connectTimeout: 10_000,
  });
  releaseUpgradeResponses(io);
  const rooms = io.of("/").adapter.rooms;
  const isWatched = (orderId: string) => rooms.has(roomOf(orderId));
  const watchedOrderIds = () => [...rooms.keys()].filter((room) => room.startsWith(ORDER_ROOM_PREFIX)).map((room) => room.slice(ORDER_ROOM_PREFIX.length));
  // The admin fleet room lives beside the order rooms, with its own subscription by interest.
  const fleet = startFleetRoom(io, deps, log, fleetOptions);
  /**
   * Bumped by every tracking link change this process hears of (on the events of an order
   * watched here): a watch whose token lookup may predate a change checks its token again.
   */
  let linkChanges = 0;

  /** The newest view version sent to each order's room, so a view never goes back. Bound: the rooms (evicted with them). */
  const sentVersions = new Map<string, number>();
  io.of("/").adapter.on("delete-room", (room: string) => {
    if (room.startsWith(ORDER_ROOM_PREFIX)) sentVersions.delete(room.slice(ORDER_ROOM_PREFIX.length));
  });
  const emitView = (view: TOrderView) => {
    // An older version (a tracker handing over a partition) is not sent after a newer one.
    if (view.version < (sentVersions.get(view.orderId) ?? 0)) return;
    sentVersions.set(view.orderId, view.version);
    io.to(roomOf(view.orderId)).emit(EVENTS.orderView, view);
    relayEmits.inc({ event: EVENTS.orderView });
  };

  const onEvent = (orderId: string, seq: number, event: TOrderEvent) => {
    if (event.type === "order.tracking_link_changed") {
      linkChanges++;
      void dropRevokedWatchers(io, deps.prisma, orderId).catch((error: unknown) => log(`dropping revoked watchers of ${orderId} failed`, error));
    }
    const entry = toTimelineEntry(event, seq);
    if (entry) {
      io.to(roomOf(orderId)).emit(EVENTS.orderEntry, entry);
      relayEmits.inc({ event: EVENTS.orderEntry });
    }
  };

  const feeds = startOrderFeeds(
    deps,
    io.of("/").adapter,
    {
      onView(orderId, message) {
        // Checked at the boundary: a malformed view is dropped, never forwarded.
        const parsed = ZOrderView.safeParse(parseJsonOrNull(message.string()));
        if (parsed.success && parsed.data.orderId === orderId) emitView(parsed.data);
        else {
          log(`dropping malformed view on ${message.subject}`, parsed.error?.message ?? "orderId does not match the subject");
          countMalformed("relay", "order_view");
        }
      },
      onEvent,
    },
    log,
  );

  // A subscription does not replay what was published while the connection was away (its
  // node died): after a reconnect each watched order's last view goes out again (the page
  // ignores a version it has; one older than what the room got is not sent), and its entries
  // are read from the room's last sequence.
  const resendWatchedViews = async () => {
    for (const orderId of watchedOrderIds()) {
      // getOrderView: a finished status the stream lost during the outage comes from the database.
      const view = await getOrderView(deps, orderId);
      if (view && isWatched(orderId)) emitView(view);
    }
  };
  const stopResending = onConnectionStatus(deps.nc, (type) => {
    if (type !== "reconnect") return;
    feeds.catchUpAll();
    void resendWatchedViews().catch((error: unknown) => log("re-sending views after a reconnect failed", error));
  });

  /** Stops watching through `token`; leaves the room when no other token of the socket is for that order. */
  const unwatch = async (socket: RelaySocket, token: string): Promise<void> => {
    const orderId = orderWatchedWith(socket.data.watching, token);
    if (!orderId) return;
    socket.data.watching = withoutWatch(socket.data.watching, token);
    if (!isWatchingOrder(socket.data.watching, orderId)) await socket.leave(roomOf(orderId));
  };

  const watch = async (socket: RelaySocket, payload: unknown, ack: WatchAck | undefined): Promise<void> => {
    const reply = typeof ack === "function" ? ack : () => undefined;
    const parsed = ZWatchPayload.safeParse(payload);
    if (!parsed.success) return reply({ error: { code: "invalid_request", message: "expected { token: string }" } });
    const { token } = parsed.data;
    const linkChangesAtLookup = linkChanges;
    const feedEpochAtLookup = feeds.epoch();
    let isAdded = false;
    try {
      const orderId = await findOrderIdByToken(deps.prisma, token);
      // Left while the database answered: nothing joined yet, nothing to undo.
      if (forgetIfDisconnected(socket)) return;
      if (!orderId) throw new TrackingLinkNotFound();
      if (orderWatchedWith(socket.data.watching, token) === undefined) {
        if (socket.data.watching.length >= MAX_WATCHES_PER_SOCKET) return reply({ error: { code: "too_many", message: `a socket watches at most ${MAX_WATCHES_PER_SOCKET} orders` } });
        socket.data.watching = withWatch(socket.data.watching, token, orderId);
        isAdded = true;
      }
      // Join before reading the current view: an update published in between reaches the
      // room, and the client keeps whichever version is newer.
      await socket.join(roomOf(orderId));
      if (forgetIfDisconnected(socket)) return;
      // The order's subscriptions are active: what is published from now on reaches the room
      // (views, entries after the feed's baseline); the client's history read covers the rest.
      await feeds.ready(orderId);
      if (forgetIfDisconnected(socket)) return;
      const view = await getOrderView(deps, orderId);
      if (forgetIfDisconnected(socket)) return;
      // A link change of this order after the token lookup is heard by the feed only if it
      // was ready before the lookup: otherwise (a new room), or if one was heard, look again.
      const mayBeRevoked = feeds.readyEpoch(orderId) > feedEpochAtLookup || linkChanges !== linkChangesAtLookup;
      const isRevoked = mayBeRevoked && (await findOrderIdByToken(deps.prisma, token)) !== orderId;
      if (forgetIfDisconnected(socket)) return;
      if (isRevoked || !view) {
        await unwatch(socket, token);
        throw new TrackingLinkNotFound();
      }
      reply({ data: view });
    } catch (error) {
      // A domain error (an unknown link) is the answer; anything else is a bug, logged.
      const expected = toAckError(error);
      if (!expected) log("order:watch failed", error);
      if (isAdded) await unwatch(socket, token).catch(() => undefined);
      forgetIfDisconnected(socket);
      reply(expected ?? { error: { code: "internal", message: "could not load this order, try again" } });
    }
  };

  const history = async (socket: RelaySocket, payload: unknown, ack: HistoryAck | undefined): Promise<void> => {
    const reply = typeof ack === "function" ? ack : () => undefined;
    const parsed = ZHistoryPayload.safeParse(payload);
    if (!parsed.success) return reply({ error: { code: "invalid_request", message: "expected { token: string, afterSeq: integer >= 0 }" } });
    try {
      // Only an order this socket watches: the token was checked, and the live feed runs.
      const orderId = orderWatchedWith(socket.data.watching, parsed.data.token);
      if (!orderId) return reply({ error: { code: "not_watching", message: "watch the order (order:watch) before asking for its history" } });
      reply({ data: await readOrderTimeline(deps, orderId, parsed.data.afterSeq) });
    } catch (error) {
      const expected = toAckError(error);
      if (!expected) log("order:history failed", error);
      reply(expected ?? { error: { code: "internal", message: "could not load the order's history, try again" } });
    }
  };

  // One set of handlers for every socket (the socket is `this`): a tracking page's socket
  // carries no closures of its own (heap per idle socket: bench/socket-heap.ts).
  function onWatch(this: RelaySocket, payload: unknown, ack: WatchAck | undefined) {
    return watch(this, payload, ack);
  }
  function onHistory(this: RelaySocket, payload: unknown, ack: HistoryAck | undefined) {
    return history(this, payload, ack);
  }
  async function onUnwatch(this: RelaySocket, payload: unknown) {
    const parsed = ZWatchPayload.safeParse(payload);
    if (parsed.success) await unwatch(this, parsed.data.token);
  }
  io.on("connection", (socket: RelaySocket) => {
    // Nothing here sends to one socket by id (io.to(socketId)): its own room goes (heap per socket).
    leaveOwnRoom(socket);
    socket.data.watching = NO_WATCHES;
    socket.on(EVENTS.orderWatch, onWatch);
    socket.on(EVENTS.orderHistory, onHistory);
    socket.on(EVENTS.orderUnwatch, onUnwatch);
  });

  return {
    io,
    watchedOrderIds,
    async close() {
      feeds.close();
      stopResending();
      fleet.close();
      await io.close();
    },
  };
}
