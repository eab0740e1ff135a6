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
 * subscription is only a wake-up, and the entries themselves are read from the stream. In the
 * usual case the wake-up's event is the order's newest: one STREAM.MSG.GET `last_by_subj`. Else
 * (two wake-ups pending, a reconnect, a dropped duplicate) the events after the last one read in
 * order are read with `next_by_subj`, which on nats-server 2.9 steps through every message stored
 * since (~1.5 ms of its CPU per 10,000): kept for those cases, since at 10,000 watched orders
 * reading every event that way saturated nats-server. Why not the
 * other ways: the publisher cannot put its ack's sequence into the message it publishes (the
 * ack comes after), a second "announce" publish after the ack is lost when the publisher dies
 * between the two, and the stream's RePublish (whose copies carry `Nats-Sequence`) cannot be
 * added to an existing stream on nats-server 2.9 ("can not change RePublish"). Reading from the
 * stream also means only what JetStream stored reaches a page (a duplicate the outbox sends
 * again after a crash wakes the feed up and finds nothing new), with no gap: each sequence once,
 * in stream order except an event stored just before one taken from the end whose wake-up came
 * second (the page merges entries by sequence);
 * after a NATS reconnect, or any missed wake-up, the next read starts from the last one read in
 * order.
 *
 * When a feed is ready: its subscriptions are active on nats-server (a flush after subscribing)
 * and its baseline is read (the order's newest sequence then): what came before is the page's
 * own history read (order:history, after the watch's ack), what comes after reaches the room.
 */
import type { JetStreamManager, StoredMsg } from "@nats-io/jetstream";
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

/** A wake-up whose event is not in the stream yet is read again after this, doubling. */
const NOT_STORED_RETRY_MS = { first: 20, max: 2_000 };
/** Reads of a wake-up's message before it is taken for a dropped duplicate (~6.5 s in all with NOT_STORED_RETRY_MS). */
const MAX_NOT_STORED_TRIES = 9;
/** Reads from the stream's end for a wake-up before the order's events are read in order (see catchUp). */
const CHEAP_TRIES = 2;
/** Events handed from the stream's end before the order's events are read in order again. */
const MAX_UNVERIFIED = 32;

/** A wake-up whose message the stream did not have yet when read (see catchUp). */
class WakeUpNotStoredYet extends Error {
  constructor(readonly msgId: string) {
    super(`the stream has not stored ${msgId} yet`);
  }
}

export interface OrderFeedHandlers {
  onView(orderId: string, message: Msg): void;
  /** An order event, each sequence once per room lifetime; in stream order but for the rare case in the header. */
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
  /** Every event of the order up to this sequence was handed over, in stream order. */
  verifiedSeq: number;
  /** Sequences above verifiedSeq handed over from the stream's end (takeNewest); bound: MAX_UNVERIFIED. */
  handedUnverified: Set<number>;
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
  const readLast = async (orderId: string) => deps.jsm.streams.getMessage(STREAMS.orders, { last_by_subj: subjects.orderEvents(orderId) });

  const ensureReady = (feed: OrderFeed): Promise<void> => {
    feed.ready ??= (async () => {
      await deps.nc.flush();
      const last = await readLast(feed.orderId);
      feed.lastSeq = Math.max(feed.lastSeq, last?.seq ?? 0);
      feed.verifiedSeq = Math.max(feed.verifiedSeq, feed.lastSeq);
      feed.readyEpoch = ++epoch;
    })().catch((error: unknown) => {
      feed.ready = null;
      throw error;
    });
    return feed.ready;
  };

  const handOver = (feed: OrderFeed, message: StoredMsg): void => {
    feed.lastSeq = Math.max(feed.lastSeq, message.seq);
    const parsed = ZOrderEvent.safeParse(parseJsonOrNull(message.string()));
    if (parsed.success && parsed.data.orderId === feed.orderId) handlers.onEvent(feed.orderId, message.seq, parsed.data);
    else {
      log(`skipping malformed order event ${message.seq} of ${feed.orderId}`, parsed.error?.message);
      countMalformed("relay", "order_event");
    }
  };

  /**
   * The usual wake-up: its event is the order's newest one above what was handed over, read with
   * `last_by_subj` (cheap on nats-server 2.9, where `next_by_subj` from an older sequence steps
   * through every message stored since: ~1.5 ms of its CPU 10,000 messages back). "taken": handed
   * over; "not-newest": a later event is the newest (read in order now); "not-seen": nothing above
   * what was handed over (not stored yet, a dropped duplicate, or stored before one taken here).
   */
  const takeNewest = async (feed: OrderFeed, target: string): Promise<"taken" | "not-newest" | "not-seen"> => {
    const last = await readLast(feed.orderId);
    if (feed.isClosed || !last || last.seq <= feed.lastSeq) return "not-seen";
    if (last.header?.get("Nats-Msg-Id") !== target) return "not-newest";
    handOver(feed, last);
    if (last.seq > feed.verifiedSeq) feed.handedUnverified.add(last.seq);
    return "taken";
  };

  /**
   * Reads the order's events after `verifiedSeq` in stream order, handing over those not handed
   * yet, until `target` (a msgID; null: the stream's end) or MAX_READS_PER_ROUND. Returns whether
   * the target was read.
   */
  const scan = async (feed: OrderFeed, target: string | null): Promise<boolean> => {
    for (let reads = 0; reads < MAX_READS_PER_ROUND && !feed.isClosed; reads++) {
      const message = await readNext(feed.orderId, feed.verifiedSeq);
      if (feed.isClosed) return false;
      if (!message) {
        // Everything stored was read: what was handed from the stream's end is in order now.
        feed.handedUnverified.clear();
        feed.verifiedSeq = Math.max(feed.verifiedSeq, feed.lastSeq);
        return target === null;
      }
      feed.verifiedSeq = message.seq;
      if (!feed.handedUnverified.delete(message.seq)) handOver(feed, message);
      if (reads === MAX_READS_PER_ROUND - 1) feed.isCatchUpWanted = true;
      if (target !== null && message.header?.get("Nats-Msg-Id") === target) return true;
    }
    return false;
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
        const newest = target !== null && feed.handedUnverified.size < MAX_UNVERIFIED ? await takeNewest(feed, target) : "not-newest";
        if (newest === "taken") continue;
        // Not seen: most often not stored yet, read again soon from the end; once, after
        // CHEAP_TRIES, the order's events are read in order (a dropped duplicate, or an event
        // stored before one taken from the end whose wake-up came second, is found there).
        const isTargetRead = newest === "not-newest" || feed.failures === CHEAP_TRIES ? await scan(feed, target) : false;
        if (!isTargetRead && target !== null && !feed.isCatchUpWanted && !feed.isClosed) throw new WakeUpNotStoredYet(target);
      }
      feed.failures = 0;
    })()
      .catch((error: unknown) => {
        // Read again soon (or at the next wake-up or reconnect).
        // A wake-up never stored is a duplicate JetStream dropped (an outbox re-send): its entry was read before.
        if (error instanceof WakeUpNotStoredYet && feed.failures >= MAX_NOT_STORED_TRIES) {
          feed.failures = 0;
          return;
        }
        const retry = error instanceof WakeUpNotStoredYet ? NOT_STORED_RETRY_MS : RETRY_MS;
        const delay = Math.min(retry.max, retry.first * 2 ** feed.failures++);
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
      verifiedSeq: 0,
      handedUnverified: new Set(),
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
