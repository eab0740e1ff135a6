/**
 * Three trackers in one process (each with its own NATS connection, as separate processes
 * would have) on one real nats-server and one PGlite: they share the 16 partitions with no
 * partition owned twice; one "dies" (stops renewing without releasing) mid-stream and the others
 * take its partitions within seconds; every message is applied exactly once in the state that
 * survives (a bitset over stream sequences per partition, plus each driver's count of applied
 * fixes); a view's version never goes back per order; finished orders leave memory.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import { partitionOf, TRACKER_PARTITIONS } from "../../../lib/domain/partition";
import type { TTrackedOrder } from "../../../lib/schemas/events";
import type { TOrderView } from "../../../lib/schemas/order-view";
import { connectNats } from "../../platform/backbone/backbone";
import { createTestDatabase, type TestDatabase } from "../../../testing/test-database";
import { startTestBackbone } from "../../../testing/test-nats";
import { waitFor } from "../../../testing/test-app";
import { AppliedLedger } from "../../../testing/applied-ledger";
import { publishFix, publishRoute } from "../../../testing/tracker-input";
import { startTracker, type Tracker, type TrackerDeps } from "./tracker";

const LEASE_TTL_MS = 3_000;
const TICK_MS = 500;
const DRIVERS = 24;
const STOPS = 3;

type Backbone = Awaited<ReturnType<typeof startTestBackbone>>;
let backbone: Backbone;
let db: TestDatabase;
const connections: NatsConnection[] = [];
const trackers = new Map<string, Tracker>();
const dead = new Set<string>();

const ledger = new AppliedLedger();
const views: TOrderView[] = [];
const fixesPublished = new Map<string, number>();
/** Fault injection: the next batch of this partition fails before its outputs go out. */
let failNextBatchOf: number | null = null;

const expect = (driverId: string, seq: number, what: string) => ledger.expect(driverId, seq, what);

async function startOne(name: string): Promise<Tracker> {
  const nc = await connectNats(backbone.url, name);
  connections.push(nc);
  const deps: TrackerDeps = { prisma: db.prisma, js: jetstream(nc), jsm: await jetstreamManager(nc), nc };
  const tracker = await startTracker(deps, {
    visibleStops: 3,
    memberId: name,
    leaseTtlMs: LEASE_TTL_MS,
    tickMs: TICK_MS,
    log: (message, error) => {
      if (process.env.TEST_VERBOSE) console.error(`[${name}] ${message}`, error ?? "");
    },
    hooks: {
      onPartitionStart: (partition, fromSeq, member) => ledger.start(partition, member, fromSeq),
      onApplied: (partition, seq, _kind, member) => ledger.apply(partition, member, seq),
      onView: (view) => views.push(view),
      beforePublish: (partition) => {
        if (partition !== failNextBatchOf) return;
        failNextBatchOf = null;
        throw new Error("injected: the batch's publish failed");
      },
    },
  });
  trackers.set(name, tracker);
  return tracker;
}

function live(): Tracker[] {
  return [...trackers.entries()].filter(([name]) => !dead.has(name)).map(([, tracker]) => tracker);
}

/** Each partition owned by exactly one live tracker (null while not so). */
function ownership(): Map<number, string> | null {
  const owners = new Map<number, string>();
  for (const tracker of live()) {
    for (const partition of tracker.owned()) {
      if (owners.has(partition)) return null;
      owners.set(partition, tracker.memberId);
    }
  }
  return owners.size === TRACKER_PARTITIONS ? owners : null;
}

/** Live owners have applied everything published to their partitions. */
function caughtUp(): boolean {
  for (const [partition, lastSeq] of ledger.lastPublished()) {
    const owner = live().find((tracker) => tracker.owned().includes(partition));
    const worker = owner?.worker(partition);
    if (!worker || worker.appliedSeq < lastSeq) return false;
  }
  return true;
}

const assertAppliedExactlyOnce = () => ledger.verify();

const driverIds = Array.from({ length: DRIVERS }, () => randomUUID());
const routes = new Map<string, TTrackedOrder[]>();
const deviceClock = new Map<string, number>();

async function fixRound(round: number): Promise<void> {
  await Promise.all(
    driverIds.map(async (driverId) => {
      const at = (deviceClock.get(driverId) ?? Date.now()) + 1_000;
      deviceClock.set(driverId, at);
      // ~11 m a second: every fix passes the GPS filter, so each driver's count of applied fixes is checkable.
      const seq = await publishFix(backbone.js, { driverId, lat: 48.8 + (fixesPublished.get(driverId) ?? 0) * 0.0001, lng: 2.3, at, seq: round });
      expect(driverId, seq, `fix ${round}`);
      fixesPublished.set(driverId, (fixesPublished.get(driverId) ?? 0) + 1);
    }),
  );
}

before(async () => {
  backbone = await startTestBackbone();
  db = await createTestDatabase();
});

after(async () => {
  for (const [name, tracker] of trackers) if (!dead.has(name)) await tracker.stop().catch(() => undefined);
  for (const nc of connections) await nc.close().catch(() => undefined);
  await backbone?.close();
  await db?.close();
});

describe("tracker partitions across three members", () => {
  test("three trackers share the 16 partitions, none owned twice", async () => {
    const started = Date.now();
    await Promise.all(["tracker-a", "tracker-b", "tracker-c"].map((name) => startOne(name)));
    const owners = await waitFor(
      () => {
        const current = ownership();
        return current && new Set(current.values()).size === 3 ? current : null;
      },
      15_000,
      "the partitions to be shared by the three",
    );
    // A partition's very first start begins at the stream's end (older work comes from the
    // database): wait for every partition to have started before publishing.
    await waitFor(() => ledger.startedPartitions() === TRACKER_PARTITIONS, 15_000, "every partition's first start");
    // Sharing converges over a few lease rounds (a member takes its share as others release theirs).
    let counts: number[] = [];
    await waitFor(
      () => {
        counts = [...trackers.values()].map((tracker) => tracker.owned().length).sort();
        return counts.join("/") === "5/5/6";
      },
      15_000,
      "the partitions to be balanced 5/5/6",
    ).catch((error: unknown) => {
      throw new Error(`not balanced: ${counts.join("/")} (${String(error)})`);
    });
    assert.equal(new Set(owners.values()).size, 3);
    console.log(`# 3 trackers owned all partitions ${Date.now() - started} ms after start`);
  });

  test("fixes and routes flow; one dies mid-stream; the others take over; every message applied once", async () => {
    for (const driverId of driverIds) {
      const stops = Array.from({ length: STOPS }, (_, index): TTrackedOrder => ({
        orderId: `${driverId.slice(0, 8)}-o${index}`,
        status: "picked_up",
        statusAt: Date.now() - 60_000,
        lat: 48.81 + index * 0.004,
        lng: 2.3,
        address: `${index} Rue Test`,
      }));
      routes.set(driverId, stops);
      expect(driverId, await publishRoute(backbone.js, driverId, stops), "route");
    }
    for (let round = 1; round <= 5; round++) await fixRound(round);

    const victim = [...trackers.values()][0]!;
    const victimPartitions = victim.owned();
    assert.ok(victimPartitions.length > 0);
    dead.add(victim.memberId);
    const diedAt = Date.now();
    await victim.abandon();
    let round = 6;
    let takeoverMs = 0;
    // Keep the stream flowing while the others notice and take over.
    for (;;) {
      await fixRound(round++);
      if (ownership()) {
        takeoverMs = Date.now() - diedAt;
        break;
      }
      assert.ok(Date.now() - diedAt < 20_000, "the dead member's partitions were taken over within 20 s");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    console.log(`# takeover of ${victimPartitions.length} partitions after a member stopped renewing: ${takeoverMs} ms (lease TTL ${LEASE_TTL_MS} ms)`);
    for (let extra = 0; extra < 5; extra++) await fixRound(round++);

    await waitFor(caughtUp, 20_000, "the live owners to apply everything");
    const { discarded } = assertAppliedExactlyOnce();
    console.log(`# ${discarded} messages applied by the dead member after its last checkpoint were replayed by their new owners`);
    for (const driverId of driverIds) {
      const owner = live().find((tracker) => tracker.owned().includes(partitionOf(driverId)))!;
      const state = owner.worker(partitionOf(driverId))!.state!;
      assert.equal(state.driverOf(driverId)?.fixesApplied, fixesPublished.get(driverId), `driver ${driverId}: fixes in the surviving state`);
    }
  });

  test("finished orders leave memory; versions never go back per order", async () => {
    // Deliver every stop, one at a time, with fixes in between.
    for (let index = 0; index < STOPS; index++) {
      await Promise.all(
        driverIds.map(async (driverId) => {
          const stops = routes.get(driverId)!;
          const [done, ...rest] = stops;
          routes.set(driverId, rest);
          expect(driverId, await publishRoute(backbone.js, driverId, rest, [{ ...done!, status: "delivered", statusAt: Date.now(), toDriverId: null }]), "delivery");
        }),
      );
      await fixRound(100 + index);
    }
    await waitFor(caughtUp, 20_000, "the live owners to apply the deliveries");
    await waitFor(() => live().every((tracker) => tracker.sizes().orders === 0), 5_000, "no order left in memory");
    const sizes = live().map((tracker) => tracker.sizes());
    assert.equal(
      sizes.reduce((sum, s) => sum + s.drivers, 0),
      DRIVERS,
      "drivers stay (bounded by the fleet)",
    );
    for (const tracker of live()) {
      for (const partition of tracker.owned()) assert.equal(tracker.worker(partition)?.lastContentSize(), 0, `partition ${partition}: view cache evicted`);
    }

    const byOrder = new Map<string, TOrderView[]>();
    for (const view of views) byOrder.set(view.orderId, [...(byOrder.get(view.orderId) ?? []), view]);
    assert.equal(byOrder.size, DRIVERS * STOPS);
    let republished = 0;
    for (const [orderId, list] of byOrder) {
      for (let index = 1; index < list.length; index++) {
        const previous = list[index - 1]!;
        const current = list[index]!;
        assert.ok(current.version >= previous.version, `${orderId}: version ${current.version} after ${previous.version}`);
        if (current.version === previous.version) {
          republished++;
          assert.equal(current.status, previous.status, `${orderId}: the same version is the same state`);
          assert.equal(current.stopsAway, previous.stopsAway);
        }
      }
      assert.equal(list.at(-1)?.status, "delivered", `${orderId}: last view delivered`);
    }
    console.log(`# ${views.length} views, ${republished} republished with an equal version after the takeover`);
    assertAppliedExactlyOnce();
  });

  test("a graceful stop hands its partitions over with a checkpoint, nothing replayed twice", async () => {
    const [leaving] = live();
    dead.add(leaving!.memberId);
    const started = Date.now();
    const before = assertAppliedExactlyOnce().discarded;
    await leaving!.stop();
    await waitFor(ownership, 10_000, "the last tracker to own every partition");
    console.log(`# graceful handover: ${Date.now() - started} ms`);
    await fixRound(200);
    await waitFor(caughtUp, 10_000, "the last tracker to apply the new fixes");
    for (const driverId of driverIds) {
      assert.equal(live()[0]!.worker(partitionOf(driverId))!.state!.driverOf(driverId)?.fixesApplied, fixesPublished.get(driverId), `driver ${driverId}: fixes after the handover`);
    }
    assert.equal(assertAppliedExactlyOnce().discarded, before, "a release checkpoints what it applied: nothing is replayed");
  });

  test("a batch that fails once is retried from the checkpoint: applied once, in order", async () => {
    const [survivor] = live();
    const partition = partitionOf(driverIds[0]!);
    failNextBatchOf = partition;
    await fixRound(300);
    await fixRound(301);
    await waitFor(() => failNextBatchOf === null, 10_000, "the injected failure to happen");
    await waitFor(caughtUp, 15_000, "the partition to restart and catch up");
    assertAppliedExactlyOnce();
    const state = survivor!.worker(partition)!.state!;
    assert.equal(state.driverOf(driverIds[0]!)?.fixesApplied, fixesPublished.get(driverIds[0]!));
    const restarts = ledger.sessionsOf(partition).filter((session) => session.member === survivor!.memberId);
    assert.ok(restarts.length >= 2, "the partition restarted after the failed batch");
  });
});
