/**
 * The outbox on real services (a nats-server of the test's own, a migrated PGlite): events exist
 * only for committed changes, a crash between publish and delete re-sends with the same msgID,
 * and publishers taking turns never reorder a subject.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { STREAMS, subjects } from "../../platform/backbone/subjects";
import { EventsNotPublishedYet } from "../../platform/domain-errors";
import { toApiError } from "../../platform/http/api-error";
import { createTestDatabase, type TestDatabase } from "../../../testing/test-database";
import { startTestBackbone } from "../../../testing/test-nats";
import { waitFor } from "../../../testing/test-app";
import { lastSeq, readStream } from "../../../testing/read-stream";
import { commitAndPublish } from "./commit-and-publish";
import { enqueue } from "./enqueue";
import { startOutboxPublisher, type OutboxPublisher } from "./outbox-publisher";

type Backbone = Awaited<ReturnType<typeof startTestBackbone>>;

describe("the transactional outbox", () => {
  let db: TestDatabase;
  let backbone: Backbone;
  const quiet = () => undefined;

  before(async () => {
    backbone = await startTestBackbone();
    db = await createTestDatabase();
  });
  after(async () => {
    await db?.close();
    await backbone?.close();
  });

  test("a rolled-back change leaves no outbox row and no event; a committed one is on JetStream before commitAndPublish returns", async () => {
    const outbox = startOutboxPublisher({ prisma: db.prisma, js: backbone.js }, { log: quiet });
    try {
      const orderId = randomUUID();
      const before = await lastSeq(backbone.jsm, STREAMS.orders);
      await assert.rejects(
        commitAndPublish({ prisma: db.prisma, outbox }, async (out) => {
          await out.enqueue(subjects.orderEvents(orderId), { type: "order.rated", orderId, at: Date.now(), rating: 5, comment: null }, `${orderId}:rolled-back`);
          throw new Error("the change fails after its event was enqueued");
        }),
        /the change fails/,
      );
      assert.equal(await db.prisma.outboxMessage.count(), 0, "no outbox row for a rolled-back change");
      outbox.nudge();
      await outbox.waitPublished([], 100);
      assert.equal(await lastSeq(backbone.jsm, STREAMS.orders), before, "no event on the stream");

      await commitAndPublish({ prisma: db.prisma, outbox }, async (out) => {
        await out.enqueue(subjects.orderEvents(orderId), { type: "order.rated", orderId, at: Date.now(), rating: 4, comment: null }, `${orderId}:committed`);
      });
      const published = await readStream(backbone.jsm, STREAMS.orders, before);
      assert.deepEqual(
        published.map((message) => [message.subject, (message.data as { rating: number }).rating]),
        [[subjects.orderEvents(orderId), 4]],
      );
      // The request answers once JetStream acknowledged; the row's DELETE follows it.
      await waitFor(async () => (await db.prisma.outboxMessage.count()) === 0, 10_000, "published rows are deleted");
    } finally {
      await outbox.stop();
    }
  });

  test("a row left by a crashed publisher is sent again by the next one with the same msgID; JetStream drops the repeat", async () => {
    const orderId = randomUUID();
    const subject = subjects.orderEvents(orderId);
    const msgId = `${orderId}:crash`;
    const payload = JSON.stringify({ type: "order.rated", orderId, at: Date.now(), rating: 3, comment: null });
    await db.prisma.$transaction((tx) => enqueue(tx, subject, payload, msgId));
    // The crashed publisher: it held the lease, published the row, and died before deleting it.
    await db.prisma.$executeRaw`INSERT INTO outbox_leases (name, holder, expires_at) VALUES ('publisher', 'crashed', (now() AT TIME ZONE 'UTC') + interval '1500 milliseconds')
      ON CONFLICT (name) DO UPDATE SET holder = 'crashed', expires_at = EXCLUDED.expires_at`;
    const first = await backbone.js.publish(subject, payload, { msgID: msgId });
    assert.equal(first.duplicate, false);

    const outbox = startOutboxPublisher({ prisma: db.prisma, js: backbone.js }, { leaseMs: 1_000, intervalMs: 100, log: quiet });
    try {
      assert.equal(await outbox.waitPublished([msgId], 300), false, "nobody publishes while the dead holder's lease runs");
      assert.equal(await outbox.waitPublished([msgId], 10_000), true, "the next publisher takes over once the lease expires");
      assert.deepEqual(outbox.stats, { published: 0, duplicates: 1, failures: 0 }, "JetStream reported the repeat as a duplicate");
      const onSubject = (await readStream(backbone.jsm, STREAMS.orders)).filter((message) => message.subject === subject);
      assert.equal(onSubject.length, 1, "the event is on the stream once");
      assert.equal(onSubject[0]!.seq, first.seq);
    } finally {
      await outbox.stop();
    }
  });

  test("publishers taking turns on one database never reorder a subject, and lose nothing", async () => {
    const orderIds = [randomUUID(), randomUUID(), randomUUID()];
    const driverIds = ["driver-order-a", "driver-order-b"];
    const streamsBefore = { orders: await lastSeq(backbone.jsm, STREAMS.orders), locations: await lastSeq(backbone.jsm, STREAMS.locations) };
    const options = { leaseMs: 400, intervalMs: 50, batchSize: 7, log: quiet };
    const everyPublisher: OutboxPublisher[] = [];
    const start = (holderId: string) => {
      const publisher = startOutboxPublisher({ prisma: db.prisma, js: backbone.js }, { ...options, holderId });
      everyPublisher.push(publisher);
      return publisher;
    };
    const publishers: OutboxPublisher[] = [start("p0")];
    const expected = new Map<string, number[]>();
    const ids: string[] = [];
    try {
      for (let round = 0; round < 30; round++) {
        await db.prisma.$transaction(async (tx) => {
          for (let index = 0; index < 10; index++) {
            const n = round * 10 + index;
            const subject = n % 5 < 3 ? subjects.orderEvents(orderIds[n % 3]!) : subjects.driverRoute(driverIds[n % 2]!);
            expected.set(subject, [...(expected.get(subject) ?? []), n]);
            ids.push(await enqueue(tx, subject, { n }, `order-test-${n}`));
          }
        });
        publishers.at(-1)!.nudge();
        // Processes come and go: every fifth round the newest publisher stops (lease handed over)
        // and another starts; every seventh a second one runs alongside, competing for the lease.
        if (round % 5 === 4) {
          await publishers.pop()!.stop();
          publishers.push(start(`p${round}`));
        }
        if (round % 7 === 6) publishers.unshift(start(`q${round}`));
      }
      assert.ok(publishers.length >= 2, "several publishers compete at the end");
      assert.equal(await publishers.at(-1)!.waitPublished(ids, 20_000), true, "everything is published");
    } finally {
      for (const publisher of publishers) await publisher.stop();
    }

    const published = [...(await readStream(backbone.jsm, STREAMS.orders, streamsBefore.orders)), ...(await readStream(backbone.jsm, STREAMS.locations, streamsBefore.locations))].sort(
      (a, b) => a.seq - b.seq,
    );
    for (const [subject, ns] of expected) {
      const seen = published.filter((message) => message.subject === subject).map((message) => (message.data as { n: number }).n);
      assert.deepEqual(seen, ns, `${subject}: every message once, in enqueue order`);
    }
    assert.equal(await db.prisma.outboxMessage.count(), 0);
    const holders = everyPublisher.filter((publisher) => publisher.stats.published > 0).map((publisher) => publisher.holderId);
    assert.ok(holders.length >= 3, `the lease changed hands (published by ${holders.join(", ")})`);
    assert.equal(
      everyPublisher.reduce((sum, publisher) => sum + publisher.stats.published, 0),
      ids.length,
      "each message stored once",
    );
  });

  test("a process without the lease hands its nudge to the holder: published at once, not on the holder's next tick", async () => {
    const slow = { intervalMs: 60_000, log: quiet };
    const holder = startOutboxPublisher({ prisma: db.prisma, js: backbone.js, nc: backbone.nc }, { ...slow, holderId: "holder" });
    const orderId = randomUUID();
    const rated = (rating: number) => ({ type: "order.rated", orderId, at: Date.now(), rating, comment: null });
    let other: OutboxPublisher | undefined;
    try {
      // The holder takes the lease by publishing before the other process exists: started
      // together, either could win it, and the test is about the one that did not.
      await commitAndPublish({ prisma: db.prisma, outbox: holder }, (out) => out.enqueue(subjects.orderEvents(orderId), rated(5), `${orderId}:holder`));
      other = startOutboxPublisher({ prisma: db.prisma, js: backbone.js, nc: backbone.nc }, { ...slow, holderId: "other" });
      const started = performance.now();
      await commitAndPublish({ prisma: db.prisma, outbox: other }, (out) => out.enqueue(subjects.orderEvents(orderId), rated(1), `${orderId}:other`), { waitMs: 5_000 });
      const elapsed = performance.now() - started;
      assert.deepEqual([holder.stats.published, other.stats.published], [2, 0], "the lease holder published both");
      assert.ok(elapsed < 5_000, `answered in ${elapsed.toFixed(0)} ms`);
    } finally {
      await other?.stop();
      await holder.stop();
    }
  });

  test("with NATS down the change stays committed: 503 + Retry-After, published once NATS is back", async () => {
    const outbox = startOutboxPublisher({ prisma: db.prisma, js: backbone.js }, { intervalMs: 100, publishTimeoutMs: 500, log: quiet });
    const orderId = randomUUID();
    const msgId = `${orderId}:outage`;
    try {
      await backbone.nats.server.stop();
      const caught = await commitAndPublish(
        { prisma: db.prisma, outbox },
        async (out) => {
          await out.enqueue(subjects.orderEvents(orderId), { type: "order.rated", orderId, at: Date.now(), rating: 2, comment: null }, msgId);
        },
        { waitMs: 1_000 },
      ).then(
        () => null,
        (failure: unknown) => failure,
      );
      assert.ok(caught instanceof EventsNotPublishedYet, "a domain error: saved, not yet published");
      // ...which the API answers with 503 and a Retry-After.
      const answer = toApiError(caught);
      assert.equal(answer?.status, 503);
      assert.ok(Number(answer?.headers["Retry-After"]) > 0, "Retry-After says when to retry");
      assert.equal(await db.prisma.outboxMessage.count({ where: { id: msgId } }), 1, "the change and its event are committed");

      await backbone.nats.restart();
      assert.equal(await outbox.waitPublished([msgId], 20_000), true, "published once NATS is back");
      const stored = await waitFor(() => backbone.jsm.streams.getMessage(STREAMS.orders, { last_by_subj: subjects.orderEvents(orderId) }), 10_000, "the event");
      assert.equal((stored.json() as { rating: number }).rating, 2);
    } finally {
      await outbox.stop();
    }
  });
});
