/**
 * The order feeds against a real nats-server: each event reaches the room once, read in the
 * usual case from the stream's end (one `last_by_subj` per event, never a `next_by_subj` that
 * steps through everything stored since); an event stored before one already taken from the
 * end, whose wake-up comes second, is still found; a duplicate the stream dropped hands nothing.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import { after, before, test } from "node:test";
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import type { TOrderEvent } from "../../../lib/schemas/events";
import { connectNats, splitNatsUrl } from "../../platform/backbone/backbone";
import { ensureStreams } from "../../platform/backbone/streams";
import { subjects } from "../../platform/backbone/subjects";
import { startTestNats, type TestNats } from "../../../testing/test-nats";
import { waitFor } from "../../../testing/test-app";
import { startOrderFeeds, type OrderFeeds } from "./order-feeds";
import { ORDER_ROOM_PREFIX } from "./order-rooms";

let nats: TestNats;
/** The feeds' connection: `noEcho`, so what it publishes itself stores an event without a wake-up. */
let feedNc: NatsConnection;
let otherNc: NatsConnection;
let js: JetStreamClient;
let feedJs: JetStreamClient;
let feedJsm: JetStreamManager;
const reads = { last: 0, next: 0 };

before(async () => {
  nats = await startTestNats({ monitoring: false });
  const { server, user, pass } = splitNatsUrl(nats.server.url);
  feedNc = await connect({ servers: server, user, pass, noEcho: true });
  otherNc = await connectNats(nats.server.url);
  feedJsm = await jetstreamManager(feedNc);
  await ensureStreams(feedJsm, 1);
  js = jetstream(otherNc);
  feedJs = jetstream(feedNc);
  // Counts the stream reads the feeds make (the real calls, passed through).
  const getMessage = feedJsm.streams.getMessage.bind(feedJsm.streams);
  feedJsm.streams.getMessage = (stream, query) => {
    if ("last_by_subj" in query) reads.last++;
    else reads.next++;
    return getMessage(stream, query);
  };
});

after(async () => {
  await feedNc?.close();
  await otherNc?.close();
  await nats?.stop();
});

function watch(orderId: string): { feeds: OrderFeeds; handed: number[]; stages: (number | null)[] } {
  const rooms = new EventEmitter();
  const handed: number[] = [];
  const stages: (number | null)[] = [];
  const feeds = startOrderFeeds(
    { nc: feedNc, jsm: feedJsm },
    rooms,
    {
      onView: () => undefined,
      onEvent(_orderId, seq, event) {
        handed.push(seq);
        stages.push(event.type === "order.progress" ? event.stopsAway : null);
      },
    },
    () => undefined,
  );
  rooms.emit("create-room", ORDER_ROOM_PREFIX + orderId);
  return { feeds, handed, stages };
}

const progress = (orderId: string, stopsAway: number): string => JSON.stringify({ type: "order.progress", orderId, at: Date.now(), stage: "stops_away", stopsAway } satisfies TOrderEvent);

test("each event once, in order, read from the stream's end: no next_by_subj while every wake-up's event is the newest", async () => {
  const orderId = randomUUID();
  // Other orders' events in between, as on a busy stream.
  const noise = async () => {
    for (let index = 0; index < 50; index++) await js.publish(subjects.orderEvents(randomUUID()), progress("other", 1));
  };
  await js.publish(subjects.orderEvents(orderId), progress(orderId, 9), { msgID: randomUUID() });
  const { feeds, handed, stages } = watch(orderId);
  await feeds.ready(orderId);
  const before = { ...reads };
  const stored: number[] = [];
  for (let stopsAway = 8; stopsAway >= 0; stopsAway--) {
    await noise();
    stored.push((await js.publish(subjects.orderEvents(orderId), progress(orderId, stopsAway), { msgID: randomUUID() })).seq);
    await waitFor(() => handed.length === stored.length, 10_000, `event ${stored.length} handed over`);
  }
  assert.deepEqual(handed, stored, "every event after the baseline, once, in stream order");
  assert.deepEqual(stages, [8, 7, 6, 5, 4, 3, 2, 1, 0]);
  assert.equal(reads.next - before.next, 0, "no next_by_subj read");
  assert.ok(reads.last - before.last >= stored.length, "read from the end");
  feeds.close();
});

test("an event stored before one taken from the end, whose wake-up comes second, still reaches the room; a dropped duplicate hands nothing", async () => {
  const orderId = randomUUID();
  const { feeds, handed } = watch(orderId);
  await feeds.ready(orderId);
  // Stored with no wake-up to the feeds (their own connection does not echo to itself)...
  const earlierId = randomUUID();
  const earlier = await feedJs.publish(subjects.orderEvents(orderId), progress(orderId, 5), { msgID: earlierId });
  // ...then a later event whose wake-up arrives first: taken from the end.
  const later = await js.publish(subjects.orderEvents(orderId), progress(orderId, 4), { msgID: randomUUID() });
  await waitFor(() => handed.includes(later.seq), 10_000, "the later event handed over");
  assert.deepEqual(handed, [later.seq]);
  // The earlier event's wake-up, late: the same msgID again, which the stream drops as a duplicate.
  const again = await js.publish(subjects.orderEvents(orderId), progress(orderId, 5), { msgID: earlierId });
  assert.equal(again.duplicate, true);
  await waitFor(() => handed.includes(earlier.seq), 10_000, "the earlier event found in order");
  assert.deepEqual(handed, [later.seq, earlier.seq], "each once (the page merges entries by sequence)");

  // A duplicate of the later one: nothing more, and the feed goes on.
  const laterAgain = await js.publish(subjects.orderEvents(orderId), progress(orderId, 4), { msgID: "x" + later.seq });
  assert.equal(laterAgain.duplicate, false);
  await waitFor(() => handed.length === 3, 10_000, "a new event handed over");
  assert.deepEqual(handed, [later.seq, earlier.seq, laterAgain.seq]);
  feeds.close();
});

test("events of one order from two connections at once: each once, all of them", async () => {
  const orderId = randomUUID();
  const secondNc = await connectNats(nats.server.url);
  const secondJs = jetstream(secondNc);
  const { feeds, handed } = watch(orderId);
  await feeds.ready(orderId);
  const stored: number[] = [];
  for (let round = 0; round < 30; round++) {
    const acks = await Promise.all([
      js.publish(subjects.orderEvents(orderId), progress(orderId, 2), { msgID: randomUUID() }),
      secondJs.publish(subjects.orderEvents(orderId), progress(orderId, 1), { msgID: randomUUID() }),
    ]);
    stored.push(...acks.map((ack) => ack.seq));
  }
  await waitFor(() => handed.length >= stored.length, 10_000, `all ${stored.length} events handed over (${handed.length} so far)`);
  assert.deepEqual(
    [...handed].sort((a, b) => a - b),
    [...stored].sort((a, b) => a - b),
    "each once",
  );
  feeds.close();
  await secondNc.close();
});
