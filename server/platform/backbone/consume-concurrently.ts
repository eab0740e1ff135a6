/**
 * A durable consumer's messages handled side by side, at most `concurrency` at once; with
 * `keyOf`, messages of one key (an order) after each other, in stream order. A handler that
 * throws hands the message to `onError` (retry later, or give up). `stop()` stops taking
 * messages and waits for those in hand.
 */
import type { ConsumerMessages, JetStreamClient, JsMsg } from "@nats-io/jetstream";

export interface ConcurrentConsumerOptions {
  concurrency: number;
  /** Messages with the same key are handled one after the other (none: any order). */
  keyOf?: (message: JsMsg) => string;
  onError(message: JsMsg, error: unknown): void;
}

export async function consumeConcurrently(
  js: JetStreamClient,
  stream: string,
  name: string,
  handle: (message: JsMsg) => Promise<void>,
  options: ConcurrentConsumerOptions,
): Promise<{ stop(): Promise<void> }> {
  const { concurrency, keyOf, onError } = options;
  const consumer = await js.consumers.get(stream, name);
  const messages: ConsumerMessages = await consumer.consume({ max_messages: concurrency * 4 });
  const inFlight = new Set<Promise<void>>();
  /** The last task per key: at most one entry per message in flight, removed when it is the last. */
  const lastOfKey = new Map<string, Promise<void>>();
  const loop = (async () => {
    for await (const message of messages) {
      const key = keyOf?.(message);
      const previous = key === undefined ? undefined : lastOfKey.get(key);
      const task: Promise<void> = (previous ?? Promise.resolve())
        .then(() => handle(message))
        .catch((error: unknown) => onError(message, error))
        .finally(() => {
          inFlight.delete(task);
          if (key !== undefined && lastOfKey.get(key) === task) lastOfKey.delete(key);
        });
      if (key !== undefined) lastOfKey.set(key, task);
      inFlight.add(task);
      if (inFlight.size >= concurrency) await Promise.race(inFlight);
    }
    await Promise.allSettled(inFlight);
  })();
  return {
    async stop() {
      await messages.close();
      await loop;
    },
  };
}
