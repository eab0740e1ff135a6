/**
 * TRACKER_PARTITIONS past 16, on one real nats-server and one PGlite: a fresh installation
 * records its count on LOCATIONS; two trackers (each with its own NATS connection, as two
 * processes would have) share 64 partitions 32/32, and every driver's fixes, published under
 * its 64-partition subject, are applied by the owner of that partition; another count then
 * refuses to start while trackers run or tracker input waits in the outbox, and while
 * checkpoints exist unless TRACKER_PARTITIONS_FROM names the recorded count (then they are
 * deleted and the new count recorded). A stream from before the count was recorded counts as 16.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import { configureTrackerPartitions, partitionOf, TRACKER_PARTITIONS } from "../../../lib/domain/partition";
import { connectNats } from "../../platform/backbone/backbone";
import { STREAMS, subjects } from "../../platform/backbone/subjects";
import { waitFor } from "../../../testing/test-app";
import { createTestDatabase, type TestDatabase } from "../../../testing/test-database";
import { startTestBackbone } from "../../../testing/test-nats";
import { publishFix } from "../../../testing/tracker-input";
import { ensurePartitionCount, PartitionCountMismatch, recordedPartitionCount } from "./partition-count";
import { startTracker, type Tracker, type TrackerDeps } from "./tracker";

const PARTITIONS = 64;
const DRIVERS = 48;
const FIXES_PER_DRIVER = 3;

type Backbone = Awaited<ReturnType<typeof startTestBackbone>>;
let backbone: Backbone;
let db: TestDatabase;
const connections: NatsConnection[] = [];
const trackers: Tracker[] = [];
const started = new Set<number>();

const deps = () => ({ prisma: db.prisma, js: backbone.js, jsm: backbone.jsm });
const recorded = async () => recordedPartitionCount((await backbone.jsm.streams.info(STREAMS.locations)).config.description);

async function startOne(name: string): Promise<Tracker> {
  const nc = await connectNats(backbone.url, name);
  connections.push(nc);
  const trackerDeps: TrackerDeps = { prisma: db.prisma, js: jetstream(nc), jsm: await jetstreamManager(nc), nc };
  const tracker = await startTracker(trackerDeps, {
    visibleStops: 3,
    memberId: name,
    leaseTtlMs: 3_000,
    tickMs: 500,
    log: (message, error) => {
      if (process.env.TEST_VERBOSE) console.error(`[${name}] ${message}`, error ?? "");
    },
    hooks: { onPartitionStart: (partition) => started.add(partition) },
  });
  trackers.push(tracker);
  return tracker;
}

before(async () => {
  configureTrackerPartitions(PARTITIONS);
  backbone = await startTestBackbone();
  db = await createTestDatabase();
});

after(async () => {
  for (const tracker of trackers) await tracker.stop().catch(() => undefined);
  for (const nc of connections) await nc.close().catch(() => undefined);
  await backbone?.close();
  await db?.close();
  configureTrackerPartitions(TRACKER_PARTITIONS);
});

describe("64 tracker partitions", () => {
  test("a fresh installation records its configured count; the same count is kept", async () => {
    assert.equal(await recorded(), null, "a new stream records nothing yet");
    assert.equal(await ensurePartitionCount(deps(), PARTITIONS), "recorded");
    assert.equal(await recorded(), PARTITIONS);
    assert.equal(await ensurePartitionCount(deps(), PARTITIONS), "kept");
  });

  test("two trackers share the 64 partitions 32/32; each driver's fixes are applied by its partition's owner", async () => {
    const [a, b] = await Promise.all([startOne("tracker-a"), startOne("tracker-b")]);
    await waitFor(
      () => {
        const ownedA = a!.owned();
        const ownedB = b!.owned();
        const all = new Set([...ownedA, ...ownedB]);
        return ownedA.length === PARTITIONS / 2 && ownedB.length === PARTITIONS / 2 && all.size === PARTITIONS;
      },
      20_000,
      "64 partitions shared 32/32, none owned twice",
    );
    // A partition's first start begins at the stream's end: publish once every partition started.
    await waitFor(() => started.size === PARTITIONS, 20_000, "every partition's first start");

    const driverIds = Array.from({ length: DRIVERS }, () => randomUUID());
    const beyond16 = driverIds.filter((driverId) => partitionOf(driverId) >= 16);
    assert.ok(beyond16.length > DRIVERS / 2, `most drivers hash past partition 15 (${beyond16.length} of ${DRIVERS})`);
    const at = Date.now();
    for (let fix = 0; fix < FIXES_PER_DRIVER; fix++) {
      await Promise.all(driverIds.map((driverId) => publishFix(backbone.js, { driverId, lat: 48.8 + fix * 0.0001, lng: 2.3, at: at + fix * 1_000, seq: fix })));
    }
    for (const driverId of beyond16.slice(0, 3)) {
      const stored = await backbone.jsm.streams.getMessage(STREAMS.locations, { last_by_subj: subjects.driverLocation(driverId) });
      assert.equal(stored?.subject, `drivers.${partitionOf(driverId)}.${driverId}.location`);
    }

    const ownerOf = (driverId: string) => [a!, b!].find((tracker) => tracker.owned().includes(partitionOf(driverId)))!;
    await waitFor(
      () => driverIds.every((driverId) => ownerOf(driverId).worker(partitionOf(driverId))?.state?.driverOf(driverId)?.fixesApplied === FIXES_PER_DRIVER),
      20_000,
      "every driver's fixes applied by its partition's owner",
    );
    const perTracker = [a!, b!].map((tracker) => driverIds.filter((driverId) => ownerOf(driverId) === tracker).length);
    assert.ok(
      perTracker.every((count) => count > 0),
      `both trackers track drivers: ${perTracker.join("/")}`,
    );
    for (const driverId of driverIds) {
      const other = ownerOf(driverId) === a ? b! : a!;
      for (const partition of other.owned()) assert.equal(other.worker(partition)?.state?.driverOf(driverId), undefined, `driver ${driverId} only in its own partition`);
    }
  });

  test("another count refuses to start while trackers run, naming both counts and the way out", async () => {
    await assert.rejects(ensurePartitionCount(deps(), 16), (error: unknown) => {
      assert.ok(error instanceof PartitionCountMismatch);
      assert.equal(error.recorded, PARTITIONS);
      assert.match(error.message, /TRACKER_PARTITIONS=16, but this installation's fixes and tracker checkpoints are partitioned by 64/);
      assert.match(error.message, /2 tracker processes running/);
      assert.match(error.message, /Set TRACKER_PARTITIONS=64 to run as before/);
      return true;
    });
    assert.equal(await recorded(), PARTITIONS, "the recorded count is unchanged");
  });

  test("once every tracker stopped, checkpoints refuse unless the operator names the old count; queued tracker input always refuses", async () => {
    for (const tracker of trackers.splice(0)) await tracker.stop();
    await waitFor(async () => (await db.prisma.trackerCheckpoint.count()) > 0, 10_000, "checkpoints written by the graceful stops");
    await assert.rejects(ensurePartitionCount(deps(), 16), /tracker checkpoints? in the database would be mis-routed.*TRACKER_PARTITIONS=16 and TRACKER_PARTITIONS_FROM=64/);
    await assert.rejects(ensurePartitionCount(deps(), 16, { from: 32 }), /TRACKER_PARTITIONS_FROM=32 names another count than the recorded one/);
    const queued = await db.prisma.outboxMessage.create({ data: { id: randomUUID(), subject: `drivers.40.${randomUUID()}.route`, payload: "{}" } });
    await assert.rejects(ensurePartitionCount(deps(), 16, { from: PARTITIONS }), /1 tracker message waiting in the outbox/);
    await db.prisma.outboxMessage.delete({ where: { id: queued.id } });
    assert.equal(await recorded(), PARTITIONS, "nothing changed while refused");
    assert.ok((await db.prisma.trackerCheckpoint.count()) > 0, "no checkpoint deleted while refused");

    const logs: string[] = [];
    assert.equal(await ensurePartitionCount(deps(), 16, { from: PARTITIONS, log: (message) => logs.push(message) }), "changed");
    assert.equal(await recorded(), 16);
    assert.equal(await db.prisma.trackerCheckpoint.count(), 0, "the old count's checkpoints are deleted");
    assert.match(logs.join("\n"), /tracker partitions changed from 64 to 16: \d+ checkpoints? deleted/);
    assert.equal(await ensurePartitionCount(deps(), 16, { from: PARTITIONS }), "kept", "TRACKER_PARTITIONS_FROM left set changes nothing later");
  });

  test("a stream from before the count was recorded counts as 16", async () => {
    const info = await backbone.jsm.streams.info(STREAMS.locations);
    await backbone.jsm.streams.update(STREAMS.locations, { ...info.config, description: "" });
    await db.prisma.trackerCheckpoint.create({ data: { partition: 3, appliedSeq: 1n, state: {}, updatedAt: new Date() } });
    await assert.rejects(ensurePartitionCount(deps(), PARTITIONS), /TRACKER_PARTITIONS=64, but .* partitioned by 16/);
    assert.equal(await ensurePartitionCount(deps(), 16), "recorded");
    assert.equal(await recorded(), 16);
  });
});
