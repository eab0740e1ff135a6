/**
 * The live half of every watched order's timeline, for the whole process: ONE ordered consumer
 * on `orders.*.events` of the ORDERS stream (one filter subject string: nats-server 2.9
 * rejects arrays), started at the stream's newest sequence + 1 when the relay starts. Each
 * message goes to `onMessage` with its order id (read from the subject, so the caller can skip
 * orders nobody watches here before parsing anything) and its stream sequence. What came
 * before a watcher joined is read on demand (order:history); the browser drops the overlap by
 * sequence.
 *
 * If the consumer dies (deleted on the server, its stream recreated, an error) or stalls without
 * ending (its node died: consumer-watchdog.ts), the feed starts a new one from the sequence after
 * the last it delivered, with backoff: nothing is skipped.
 */
import { DeliverPolicy, type Consumer, type ConsumerMessages, type JetStreamClient, type JetStreamManager, type JsMsg } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import { watchConsumer, type ConsumerWatchdog } from "../backbone/consumer-watchdog";
import { STREAMS, subjects } from "../backbone/subjects";
import { orderIdOfSubject } from "./order-rooms";

/** Pull requests end after this long: the client notices a dead consumer within ~2 of them. */
const PULL_EXPIRES_MS = 5_000;
const RESTART_BACKOFF_MS = { first: 100, max: 5_000 };

export interface OrderEventFeed {
  /** Resolves once the start sequence is fixed: every event after it will be delivered. */
  ready: Promise<void>;
  /** The next stream sequence the feed will deliver (for tests and metrics). */
  nextSeq(): number;
  stop(): Promise<void>;
}

export function startOrderEventFeed(
  deps: { js: JetStreamClient; jsm: JetStreamManager; nc: Pick<NatsConnection, "isClosed" | "status"> },
  onMessage: (orderId: string, message: JsMsg) => void,
  log: (message: string, error?: unknown) => void,
): OrderEventFeed {
  let isStopped = false;
  let nextSeq = 0;
  let current: { consumer: Consumer; messages: ConsumerMessages } | null = null;
  let wakeUp: (() => void) | null = null;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        wakeUp = null;
        resolve();
      }, ms);
      timer.unref();
      wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const isDone = () => isStopped || deps.nc.isClosed();

  /** Consumes until the consumer ends; resolves with why it was given up, if it stalled. */
  const consumeOnce = async (): Promise<string | null> => {
    const consumer = await deps.js.consumers.get(STREAMS.orders, {
      filter_subjects: subjects.allOrderEvents,
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: nextSeq,
    });
    let messages: ConsumerMessages | null = null;
    let watchdog: ConsumerWatchdog | null = null;
    let stallReason: string | null = null;
    try {
      messages = await consumer.consume({ max_messages: 256, expires: PULL_EXPIRES_MS });
      current = { consumer, messages };
      if (isDone()) return null;
      const consumed = messages;
      // Deleted under us, or stuck on a dead node: start over from where we are.
      watchdog = watchConsumer({
        messages: consumed,
        connection: deps.nc,
        consumerInfo: () => consumer.info(),
        lastStoredSeq: async () => (await deps.jsm.streams.getMessage(STREAMS.orders, { last_by_subj: subjects.allOrderEvents }))?.seq ?? 0,
        deliveredSeq: () => nextSeq - 1,
        onStall: (reason) => {
          stallReason = reason;
          void consumed.close().catch(() => undefined);
        },
      });
      for await (const message of consumed) {
        nextSeq = message.seq + 1;
        const orderId = orderIdOfSubject(message.subject);
        if (!orderId) continue;
        try {
          onMessage(orderId, message);
        } catch (error) {
          // One bad message must not end the feed for every watcher of the process.
          log(`order event ${message.seq} on ${message.subject} could not be relayed`, error);
        }
      }
      return stallReason;
    } finally {
      watchdog?.stop();
      current = null;
      await messages?.close().catch(() => undefined);
      // Bounded: on a dead node the request would hold the restart back until it times out.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([consumer.delete().catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, 1_000)))]);
      clearTimeout(timer);
    }
  };

  const run = async () => {
    let failures = 0;
    while (!isDone() && nextSeq === 0) {
      try {
        const info = await deps.jsm.streams.info(STREAMS.orders);
        nextSeq = info.state.last_seq + 1;
      } catch (error) {
        log("order event feed: could not read the ORDERS stream, retrying", error);
        await pause(Math.min(RESTART_BACKOFF_MS.max, RESTART_BACKOFF_MS.first * 2 ** failures++));
      }
    }
    markReady();
    failures = 0;
    while (!isDone()) {
      const seqBefore = nextSeq;
      try {
        const stallReason = await consumeOnce();
        if (!isDone()) log(`order event feed ${stallReason ? `stalled (${stallReason})` : "ended"} at seq ${nextSeq}, restarting`);
      } catch (error) {
        if (!isDone()) log(`order event feed failed at seq ${nextSeq}, restarting`, error);
      }
      if (isDone()) break;
      failures = nextSeq > seqBefore ? 1 : failures + 1;
      await pause(Math.min(RESTART_BACKOFF_MS.max, RESTART_BACKOFF_MS.first * 2 ** (failures - 1)));
    }
  };
  const running = run();

  return {
    ready,
    nextSeq: () => nextSeq,
    async stop() {
      isStopped = true;
      markReady();
      wakeUp?.();
      await current?.messages.close().catch(() => undefined);
      await running;
    },
  };
}
