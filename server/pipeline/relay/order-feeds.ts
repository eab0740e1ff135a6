/**
 * Fan-out by interest (DESIGN.md invariant 5): the NATS side of the order rooms of ONE process.
 * A room's first watcher (Socket.IO's `create-room`) takes one core subscription for its order,
 * `orders.<id>.*` (its view and its events); its last watcher (`delete-room`) drops it. So
 * a process holds 1 subscription per order watched here, whatever the number of watchers, and
 * nats-server sends it nothing of orders nobody watches here. No JetStream consumer is kept.
 *
 * Views are taken as they come (they carry their own version). Timeline entries need their
 * ORDERS stream sequence (the page orders and dedupes entries by it, and resumes its history
 * after it), and a core message on a JetStream subject carries none: so the events
 * subscription is only a wake-up, and the entries themselves are read from the stream
 * (STREAM.MSG.GET `next_by_subj` after the last sequence handed to the room, one request per
 * event in the usual case: the read stops at the wake-up's own `Nats-Msg-Id`). Why not the
 * other ways: the publisher cannot put its ack's sequence into the message it publishes (the
 * ack comes after), a second "announce" publish after the ack is lost when the publisher dies
 * between the two, and the stream's RePublish (whose copies carry `Nats-Sequence`) cannot be
 * added to an existing stream on nats-server 2.9 ("can not change RePublish"). Reading from the
 * stream also means only what JetStream stored reaches a page (a duplicate the outbox sends
 * again after a crash wakes the feed up and finds nothing new), in stream order, with no gap:
 * after a NATS reconnect, or any missed wake-up, the next read starts from the room's last
 * sequence.
 *
 * When a feed is ready: its subscriptions are active on nats-server (a flush after subscribing)
 * and its baseline is read (the order's newest sequence then): what came before is the page's
 * own history read (order:history, after the watch's ack), what comes after reaches the room.
 */
import type { JetStreamManager } from "@nats-io/jetstream";
import type { Msg, NatsConnection, Subscription } from "@nats-io/transport-node";
import { ZOrderEvent, type TOrderEvent } from "../../../lib/schemas/events";
import { parseJsonOrNull } from "../../platform/backbone/parse-json";
import { STREAMS, subjects } from "../../platform/backbone/subjects";
import { countMalformed } from "../../platform/observability/malformed-messages";
import { ORDER_ROOM_PREFIX } from "./order-rooms";

/** Entries read per catch-up round of one order before others get their turn (another round follows). */
const MAX_READS_PER_ROUND = 64;
/** A failed read (no stream leader for a moment) is tried again after this, doubling. */
const RETRY_MS = { first: 250, max: 10_000 };

/** Reads of a wake-up's message before it is taken for a dropped duplicate (~8 s with RETRY_MS). */
const MAX_NOT_STORED_TRIES = 5;

/** A wake-up whose message the stream did not have yet when read (see catchUp). */
class WakeUpNotStoredYet extends Error {
  constructor(readonly msgId: string) {
    super(`the stream has not stored ${msgId} yet`);
  }
}

export interface OrderFeedHandlers {
  onView(orderId: string, message: Msg): void;
  /** An order event in stream order, each sequence once per room lifetime. */
  onEvent(orderId: string, seq: number, event: TOrderEvent): void;
}

export interface OrderFeeds {
  /**
   * Resolves once the order's feed is ready (see above); rejects when nats-server could not
   * be reached (the next call tries again). Resolves at once when the order has no room.
   */
  ready(orderId: string): Promise<void>;
  /** A number that grows each time a feed becomes ready; the feed's own, or 0 when not ready. */
  readyEpoch(orderId: string): number;
  /** The current epoch counter (compare with readyEpoch to tell a feed made ready since). */
  epoch(): number;
  /** Reads every feed's order from its last sequence (after a reconnect: wake-ups were lost). */
  catchUpAll(): void;
  /** Orders with a feed (tests). */
  orderIds(): string[];
  close(): void;
}

interface OrderFeed {
  readonly orderId: string;
  subscription: Subscription | null;
  ready: Promise<void> | null;
  readyEpoch: number;
  /** The newest ORDERS sequence of this order handed to the room (or the baseline). */
  lastSeq: number;
  /** The msgID of the newest wake-up not yet read; null: read until the stream has no more. */
  wakeUpMsgId: string | null;
  isCatchUpWanted: boolean;
  catchingUp: Promise<void> | null;
  /** Failed reads in a row, and the timer of the next try (cleared when the feed closes). */
  failures: number;
  retryTimer: NodeJS.Timeout | null;
  isClosed: boolean;
}

export function startOrderFeeds(
  deps: { nc: NatsConnection; jsm: JetStreamManager },
  adapter: { on(event: "create-room" | "delete-room", listener: (room: string) => void): unknown; off?(event: string, listener: (room: string) => void): unknown },
  handlers: OrderFeedHandlers,
  log: (message: string, error?: unknown) => void,
): OrderFeeds {
  /** One feed per order with a room here; bound: the order rooms (created and deleted with them). */
  const feeds = new Map<string, OrderFeed>();
  let epoch = 0;
  let isClosed = false;

  const readNext = async (orderId: string, afterSeq: number) =>
    deps.jsm.streams.getMessage(STREAMS.orders, { seq: afterSeq + 1, next_by_subj: subjects.orderEvents(orderId) } as unknown as { seq: number });

  const ensureReady = (feed: OrderFeed): Promise<void> => {
    feed.ready ??= (async () => {
      await deps.nc.flush();
      const last = await deps.jsm.streams.getMessage(STREAMS.orders, { last_by_subj: subjects.orderEvents(feed.orderId) });
      feed.lastSeq = Math.max(feed.lastSeq, last?.seq ?? 0);
      feed.readyEpoch = ++epoch;
    })().catch((error: unknown) => {
      feed.ready = null;
      throw error;
    });
    return feed.ready;
  };

  const catchUp = (feed: OrderFeed): void => {
    feed.isCatchUpWanted = true;
    if (feed.catchingUp || feed.isClosed) return;
    feed.catchingUp = (async () => {
      while (feed.isCatchUpWanted && !feed.isClosed) {
        feed.isCatchUpWanted = false;
        const target = feed.wakeUpMsgId;
        feed.wakeUpMsgId = null;
        await ensureReady(feed);
        let isTargetRead = target === null;
        for (let reads = 0; reads < MAX_READS_PER_ROUND && !feed.isClosed; reads++) {
          const message = await readNext(feed.orderId, feed.lastSeq);
          if (!message || feed.isClosed) break;
          feed.lastSeq = message.seq;
          const parsed = ZOrderEvent.safeParse(parseJsonOrNull(message.string()));
          if (parsed.success && parsed.data.orderId === feed.orderId) handlers.onEvent(feed.orderId, message.seq, parsed.data);
          else {
            log(`skipping malformed order event ${message.seq} of ${feed.orderId}`, parsed.error?.message);
            countMalformed("relay", "order_event");
          }
          if (reads === MAX_READS_PER_ROUND - 1) feed.isCatchUpWanted = true;
          if (target !== null && message.header?.get("Nats-Msg-Id") === target) {
            isTargetRead = true;
            break;
          }
        }
        // The wake-up reaches subscribers as the stream receives it, which may be before the stream
        // has stored it (a replicated stream stores on quorum): not found yet is read again soon.
        if (!isTargetRead && !feed.isCatchUpWanted && !feed.isClosed) throw new WakeUpNotStoredYet(target ?? "");
      }
      feed.failures = 0;
    })()
      .catch((error: unknown) => {
        // Read again from the same sequence, soon (or at the next wake-up or reconnect).
        // A wake-up never stored is a duplicate JetStream dropped (an outbox re-send): its entry was read before.
        if (error instanceof WakeUpNotStoredYet && feed.failures >= MAX_NOT_STORED_TRIES) {
          feed.failures = 0;
          return;
        }
        const delay = Math.min(RETRY_MS.max, RETRY_MS.first * 2 ** feed.failures++);
        if (!(error instanceof WakeUpNotStoredYet)) log(`reading the events of ${feed.orderId} failed; read again in ${delay} ms`, error);
        if (feed.isClosed || feed.retryTimer) return;
        const missing = error instanceof WakeUpNotStoredYet ? error.msgId : null;
        feed.retryTimer = setTimeout(() => {
          feed.retryTimer = null;
          feed.wakeUpMsgId = missing;
          catchUp(feed);
        }, delay);
        feed.retryTimer.unref();
      })
      .finally(() => {
        feed.catchingUp = null;
        if (feed.isCatchUpWanted && !feed.isClosed) catchUp(feed);
      });
  };

  const open = (orderId: string) => {
    if (isClosed || feeds.has(orderId)) return;
    const feed: OrderFeed = {
      orderId,
      subscription: null,
      ready: null,
      readyEpoch: 0,
      lastSeq: 0,
      wakeUpMsgId: null,
      isCatchUpWanted: false,
      catchingUp: null,
      failures: 0,
      retryTimer: null,
      isClosed: false,
    };
    // One subscription for both subjects of the order (`orders.<id>.view` and `.events`): a
    // subscription costs ~1 KiB here and on nats-server, per watched order.
    // A throw in a callback would kill the connection's read loop: nothing may escape.
    feed.subscription = deps.nc.subscribe(subjects.orderAll(orderId), {
      callback: (error, message) => {
        if (error) return log(`subscription of ${orderId} failed`, error);
        if (message.subject === subjects.orderView(orderId)) {
          try {
            handlers.onView(orderId, message);
          } catch (relayError) {
            log(`view on ${message.subject} could not be relayed`, relayError);
          }
        } else if (message.subject === subjects.orderEvents(orderId)) {
          // Not parsed: a wake-up. The entry, with its sequence, is read from the stream. With
          // two wake-ups pending the read goes to the stream's end (their order there may differ).
          feed.wakeUpMsgId = feed.isCatchUpWanted ? null : message.headers?.get("Nats-Msg-Id") || null;
          catchUp(feed);
        }
      },
    });
    feeds.set(orderId, feed);
    // Taken now, so a watch that awaits it finds it under way; a failure is retried by the watch.
    ensureReady(feed).catch(() => undefined);
  };

  const close = (orderId: string) => {
    const feed = feeds.get(orderId);
    if (!feed) return;
    feeds.delete(orderId);
    feed.isClosed = true;
    if (feed.retryTimer) clearTimeout(feed.retryTimer);
    feed.subscription?.unsubscribe();
  };

  const onCreate = (room: string) => {
    if (room.startsWith(ORDER_ROOM_PREFIX)) open(room.slice(ORDER_ROOM_PREFIX.length));
  };
  const onDelete = (room: string) => {
    if (room.startsWith(ORDER_ROOM_PREFIX)) close(room.slice(ORDER_ROOM_PREFIX.length));
  };
  adapter.on("create-room", onCreate);
  adapter.on("delete-room", onDelete);

  return {
    ready(orderId) {
      const feed = feeds.get(orderId);
      return feed ? ensureReady(feed) : Promise.resolve();
    },
    readyEpoch: (orderId) => feeds.get(orderId)?.readyEpoch ?? 0,
    epoch: () => epoch,
    catchUpAll() {
      for (const feed of feeds.values()) {
        feed.wakeUpMsgId = null;
        catchUp(feed);
      }
    },
    orderIds: () => [...feeds.keys()],
    close() {
      isClosed = true;
      adapter.off?.("create-room", onCreate);
      adapter.off?.("delete-room", onDelete);
      for (const orderId of [...feeds.keys()]) close(orderId);
    },
  };
}
