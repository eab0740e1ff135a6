/**
 * Three real app processes (server/index.ts: API, ingest, outbox, tracker, relay), one
 * nats-server started here and one PostgreSQL database (a fresh one on the machine's server at
 * 127.0.0.1:5432, or DATABASE_URL's server, dropped afterwards; skipped, saying why, when none
 * answers). Drivers and orders are created through A; every customer watches on B; drivers post
 * fixes and statuses round-robin through A, B and C, retrying on 5xx and connection errors as
 * the driver app does (the same request again, same seq). Midway B is killed with SIGKILL.
 *
 * Checked:
 * - customers on B see a fix posted to C;
 * - for every watcher (which reconnects to another process when B dies), views never go back:
 *   versions of pushed frames never decrease, and as the browser shows them (newest version
 *   wins) stops away never goes up and the status never goes back; each ends on "delivered";
 * - the survivors own all 16 tracker partitions within seconds (read from the KV bucket
 *   `tracker_ownership`): the takeover time is printed;
 * - every acknowledged fix is on LOCATIONS exactly once (bitset over each driver's seqs) and
 *   every acknowledged status on ORDERS exactly once;
 * - the trackers applied every message exactly once: every checkpoint the apps wrote (sampled
 *   while they ran, and the final ones after a graceful stop) equals replaying the partition's
 *   messages once in order (reference-replay.ts), and each driver's `fixesApplied` equals the
 *   fixes it posted; every view any process published equals the reference view at its version.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, describe, test } from "node:test";
import type { Subscription } from "@nats-io/transport-node";
import { outcomeOf } from "../../lib/driver/retry-policy";
import { partitionOf, TRACKER_PARTITIONS } from "../../lib/domain/partition";
import type { OrderStatus } from "../../lib/domain/order-status";
import type { TOrderView } from "../../lib/schemas/order-view";
import { startBackbone, type Backbone } from "../platform/backbone/backbone";
import { STREAMS, subjects } from "../platform/backbone/subjects";
import { KvBucket } from "./tracker/kv-bucket";
import { assignPartitions } from "./tracker/partition-leases";
import { OWNERSHIP_BUCKET } from "./tracker/tracker";
import type { FleetSnapshot } from "./tracker/fleet-state";
import { startAppProcess, stopAppProcesses, type AppProcess } from "../../testing/app-processes";
import { comparable, firstDifference, replayPartitions, type SampledCheckpoint } from "../../testing/reference-replay";
import { readStream } from "../../testing/read-stream";
import { openWatcher, waitFor, type Watcher } from "../../testing/test-app";
import { createServerTestDatabase, postgresProblem, type TestDatabase } from "../../testing/test-database";
import { startTestNats, type TestNats } from "../../testing/test-nats";

const serverUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
/** Test drivers per tracker member (by the partitions each owns at the start): every process, the victim included, tracks some. */
const DRIVERS_PER_MEMBER = 2;
const STOPS_PER_DRIVER = 4;
/** Fixes on the way to each stop, and again between "arrived" and "delivered". */
const FIXES_PER_LEG = 4;
/** Pause between a driver's requests, so the stream still flows when B dies and after the takeover. */
const PACE_MS = 200;
/** B dies once this share of the stream is acknowledged. */
const KILL_AT = 0.3;
const VISIBLE_STOPS = 3;
const STATUS_RANK: Record<OrderStatus, number> = { created: 0, assigned: 1, picked_up: 2, arrived: 3, delivered: 4, failed: 4, cancelled: 4 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let nats: TestNats | null = null;
let backbone: Backbone | null = null;
let db: TestDatabase | null = null;
const apps: AppProcess[] = [];
const watches: OrderWatch[] = [];

after(async () => {
  for (const watch of watches) watch.close();
  await stopAppProcesses(apps, 5_000);
  await backbone?.close().catch(() => undefined);
  await nats?.stop().catch(() => undefined);
  await db?.close().catch(() => undefined);
});

/** Tracker ownership as the KV bucket holds it: live members and each partition's lease holder. */
async function readOwnership(bucket: KvBucket): Promise<{ members: string[]; leases: Map<number, string> }> {
  const members: string[] = [];
  for (const key of await bucket.keys("members.")) if (await bucket.get(key)) members.push(key.slice("members.".length));
  const leases = new Map<number, string>();
  for (const key of await bucket.keys("leases.")) {
    const entry = await bucket.get(key);
    if (entry) leases.set(Number(key.slice("leases.".length)), entry.value);
  }
  return { members: members.sort(), leases };
}

/** Every partition held by a live member, and every live member holding some. */
function isFullyOwned(ownership: { members: string[]; leases: Map<number, string> }, memberCount: number): boolean {
  if (ownership.members.length !== memberCount || ownership.leases.size !== TRACKER_PARTITIONS) return false;
  const holders = new Set(ownership.leases.values());
  return [...holders].every((member) => ownership.members.includes(member)) && holders.size === memberCount;
}

type Sent = { via: string; status: number; body: any; retries: number };

/** A client of the whole deployment: each request goes to the next process in turn; 5xx, 429 and connection errors are retried on the next one (same request). */
class Client {
  private turn: number;
  retries = 0;
  constructor(
    private readonly targets: readonly AppProcess[],
    start: number,
  ) {
    this.turn = start;
  }

  async send(method: string, path: string, body: unknown, token: string, deadlineMs = 60_000): Promise<Sent> {
    const deadline = Date.now() + deadlineMs;
    const payload = JSON.stringify(body);
    let retries = 0;
    for (;;) {
      const target = this.targets[this.turn++ % this.targets.length]!;
      let status: number | "network-error" = "network-error";
      let text = "";
      try {
        const response = await fetch(`${target.baseUrl}${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: payload,
          signal: AbortSignal.timeout(15_000),
        });
        status = response.status;
        text = await response.text();
      } catch {
        status = "network-error";
      }
      const outcome = outcomeOf(status);
      if (outcome === "done") return { via: target.name, status: status as number, body: JSON.parse(text), retries };
      if (outcome !== "retry") throw new Error(`${method} ${path} via ${target.name}: ${status} ${text}`);
      retries++;
      this.retries++;
      if (Date.now() > deadline) throw new Error(`${method} ${path}: still failing after ${retries} attempts (last ${status} ${text})`);
      await sleep(Math.min(100 * retries, 500));
    }
  }
}

type Connection = { via: string; watcher: Watcher; framesBeforeAck: number };

/** One customer's tracking page: watches on B; when its connection drops, reconnects to the next process that answers. */
class OrderWatch {
  readonly connections: Connection[] = [];
  private isClosed = false;
  private reconnecting: Promise<void> | null = null;

  constructor(
    readonly orderId: string,
    private readonly token: string,
    private readonly targets: readonly AppProcess[],
    /** Which process after the lost one to try first (spreads reconnects as a balancer would). */
    private readonly skip: number,
  ) {}

  async open(target: AppProcess): Promise<void> {
    const watcher = await openWatcher(target.baseUrl, this.token, 5_000);
    if (!("data" in watcher.ack)) throw new Error(`watch via ${target.name}: ${JSON.stringify(watcher.ack)}`);
    this.connections.push({ via: target.name, watcher, framesBeforeAck: watcher.views.length });
    watcher.socket.on("disconnect", () => {
      if (!this.isClosed) this.reconnecting = this.reconnect(target);
    });
  }

  private async reconnect(lost: AppProcess): Promise<void> {
    let index = this.targets.indexOf(lost) + this.skip;
    for (let attempt = 0; !this.isClosed; attempt++) {
      index++;
      const target = this.targets[index % this.targets.length]!;
      try {
        await this.open(target);
        return;
      } catch {
        await sleep(Math.min(100 * (attempt + 1), 500));
      }
    }
  }

  /** Every view received, in arrival order, with how it came. */
  received(): { view: TOrderView; isAck: boolean; via: string; connection: number }[] {
    return this.connections.flatMap((connection, index) => {
      const frames = connection.watcher.views.map((view) => ({ view, isAck: false, via: connection.via, connection: index }));
      const ack = { view: (connection.watcher.ack as { data: TOrderView }).data, isAck: true, via: connection.via, connection: index };
      return [...frames.slice(0, connection.framesBeforeAck), ack, ...frames.slice(connection.framesBeforeAck)];
    });
  }

  /** What the tracking page shows after each view: the client keeps a view only if its version is newer. */
  shown(): TOrderView[] {
    const shown: TOrderView[] = [];
    for (const { view } of this.received()) if (!shown.length || view.version > shown.at(-1)!.version) shown.push(view);
    return shown;
  }

  current(): TOrderView | null {
    return this.shown().at(-1) ?? null;
  }

  isConnected(): boolean {
    return this.connections.at(-1)?.watcher.socket.connected ?? false;
  }

  async settled(): Promise<void> {
    await this.reconnecting;
  }

  close(): void {
    this.isClosed = true;
    for (const connection of this.connections) connection.watcher.close();
  }
}

type DriverPlan = {
  id: string;
  token: string;
  partition: number;
  orders: { id: string; token: string }[];
  /** seq → the fix posted (lat, lng) and which process acknowledged it. */
  fixes: Map<number, { lat: number; lng: number; via: string }>;
  statuses: { orderId: string; status: string; via: string; isChanged: boolean }[];
};

describe("three app processes", () => {
  test("customers on B follow drivers posting through A, B and C; kill -9 of B: takeover within seconds, every update applied exactly once", { timeout: 180_000 }, async (t) => {
    const problem = await postgresProblem(serverUrl);
    if (problem) {
      console.log(`# skipped: ${problem}`);
      t.skip(problem);
      return;
    }
    const testStartedAt = Date.now();
    nats = await startTestNats();
    backbone = await startBackbone({ natsUrl: nats.server.url, dataDir: nats.storeDir, name: "multi-process-test" });
    db = await createServerTestDatabase(serverUrl);
    const adminToken = randomBytes(32).toString("base64url");

    const launchedAt = Date.now();
    const started = await Promise.all(["A", "B", "C"].map((name) => startAppProcess({ name, natsUrl: nats!.server.url, databaseUrl: db!.connectionString, adminToken })));
    apps.push(...started);
    const [a, b, c] = started as [AppProcess, AppProcess, AppProcess];
    const bucket = await KvBucket.open(backbone, OWNERSHIP_BUCKET, { ttlMs: 5_000 });
    // Settled: the balanced assignment every member computes (not a moment of a rebalance under way).
    const initial = await waitFor(
      async () => {
        const ownership = await readOwnership(bucket);
        const target = assignPartitions(ownership.members, TRACKER_PARTITIONS);
        return isFullyOwned(ownership, 3) && [...target].every(([partition, member]) => ownership.leases.get(partition) === member) ? ownership : null;
      },
      30_000,
      "the three processes to share the 16 partitions",
    );
    // Every partition's first start wrote its checkpoint before consuming (on an empty stream: from seq 0).
    await waitFor(async () => (await db!.prisma.trackerCheckpoint.count()) === TRACKER_PARTITIONS, 30_000, "16 first checkpoints");
    assert.equal((await backbone.jsm.streams.info(STREAMS.locations)).state.last_seq, 0, "nothing on LOCATIONS before the test's input");
    console.log(`# 3 app processes listening and sharing the 16 tracker partitions ${Date.now() - launchedAt} ms after launch`);

    // Every view any process publishes, as nats-server delivers it.
    const published: { view: TOrderView; at: number }[] = [];
    const viewSub: Subscription = backbone.nc.subscribe(subjects.allOrderViews, {
      callback: (error, message) => {
        if (!error) published.push({ view: message.json<TOrderView>(), at: Date.now() });
      },
    });
    // Every checkpoint row version the apps write, sampled while they run.
    const sampled = new Map<string, SampledCheckpoint>();
    const sampleCheckpoints = async () => {
      const rows = await db!.prisma.trackerCheckpoint.findMany();
      for (const row of rows) {
        const key = `${row.partition}@${row.appliedSeq}`;
        if (!sampled.has(key)) sampled.set(key, { partition: row.partition, appliedSeq: Number(row.appliedSeq), state: row.state as unknown as FleetSnapshot });
      }
    };
    let isSampling = true;
    const sampler = (async () => {
      while (isSampling) {
        await sampleCheckpoints().catch(() => undefined);
        await sleep(200);
      }
    })();

    // Drivers through A, until each tracker member owns DRIVERS_PER_MEMBER of them.
    const admin = async (method: string, path: string, body: unknown) => {
      const response = await fetch(`${a.baseUrl}${path}`, { method, headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" }, body: JSON.stringify(body) });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
      return JSON.parse(text) as any;
    };
    const perMember = new Map(initial.members.map((member) => [member, 0]));
    const drivers: DriverPlan[] = [];
    for (let created = 0; drivers.length < DRIVERS_PER_MEMBER * 3; created++) {
      assert.ok(created < 200, "200 drivers without filling every member's share");
      const driver = await admin("POST", "/api/drivers", { name: `Driver ${created}` });
      const partition = partitionOf(driver.id as string);
      const member = initial.leases.get(partition)!;
      if (perMember.get(member)! >= DRIVERS_PER_MEMBER) continue;
      perMember.set(member, perMember.get(member)! + 1);
      drivers.push({ id: driver.id, token: driver.token, partition, orders: [], fixes: new Map(), statuses: [] });
    }
    for (const [index, driver] of drivers.entries()) {
      for (let stop = 0; stop < STOPS_PER_DRIVER; stop++) {
        const order = await admin("POST", "/api/orders", {
          customerName: `Customer ${index}-${stop}`,
          address: `${stop + 1} Rue du Test`,
          lat: 48.85 + index * 0.01 + (stop + 1) * 0.001,
          lng: 2.35,
          driverId: driver.id,
        });
        driver.orders.push({ id: order.id, token: /\/track\/([^/?#]+)$/.exec(order.trackingUrl as string)![1]! });
      }
    }

    // Customers: every one on B.
    for (const driver of drivers) {
      for (const order of driver.orders) {
        const watch = new OrderWatch(order.id, order.token, started, watches.length % 2);
        await watch.open(b);
        watches.push(watch);
      }
    }

    // Each driver: picks up every order, then per stop fixes, "arrived", fixes, "delivered".
    const fixClock = Date.now() - 15 * 60_000;
    const nextFix = (driver: DriverPlan, index: number) => {
      const seq = driver.fixes.size + 1;
      return { seq, lat: Number((48.85 + index * 0.01 + seq * 0.00003).toFixed(7)), lng: 2.35, at: fixClock + seq * 2_000, accuracy: 5 };
    };
    const postFix = async (client: Client, driver: DriverPlan, index: number, onlyVia?: AppProcess) => {
      const fix = nextFix(driver, index);
      const sent = onlyVia
        ? await new Client([onlyVia], 0).send("POST", "/api/driver/locations", { fixes: [fix] }, driver.token)
        : await client.send("POST", "/api/driver/locations", { fixes: [fix] }, driver.token);
      assert.equal(sent.body.accepted + sent.body.duplicates, 1);
      driver.fixes.set(fix.seq, { lat: fix.lat, lng: fix.lng, via: sent.via });
      return fix;
    };
    const setStatus = async (client: Client, driver: DriverPlan, orderId: string, status: string) => {
      const sent = await client.send("POST", `/api/driver/orders/${orderId}/status`, { status }, driver.token);
      assert.equal(sent.body.status, status);
      driver.statuses.push({ orderId, status, via: sent.via, isChanged: sent.body.isChanged as boolean });
    };
    const clients = drivers.map((_, index) => new Client(started, index));

    // Phase 1: pick-ups, then one fix per driver through C; B's customers must see it.
    await Promise.all(
      drivers.map(async (driver, index) => {
        for (const order of driver.orders) await setStatus(clients[index]!, driver, order.id, "picked_up");
      }),
    );
    await Promise.all(
      drivers.map(async (driver, index) => {
        const fix = await postFix(clients[index]!, driver, index, c);
        await Promise.all(
          driver.orders.map((order) => {
            const watch = watches.find((candidate) => candidate.orderId === order.id)!;
            return watch.connections[0]!.watcher.waitForView((view) => view.driver?.lat === fix.lat && view.driver.lng === fix.lng, 15_000);
          }),
        );
      }),
    );
    console.log(`# customers on B saw each driver's fix posted to C (${drivers.length} drivers, ${watches.length} watchers)`);

    // Phase 2: the stream, round-robin through A, B, C; B is killed once half of it is acknowledged.
    const opsPerDriver = STOPS_PER_DRIVER * (2 * FIXES_PER_LEG + 2);
    const totalOps = opsPerDriver * drivers.length;
    let acknowledged = 0;
    let killedAt = 0;
    let killSignal: () => void = () => undefined;
    const halfway = new Promise<void>((resolve) => {
      killSignal = resolve;
    });
    const stream = Promise.all(
      drivers.map(async (driver, index) => {
        const client = clients[index]!;
        for (const order of driver.orders) {
          for (const status of ["arrived", "delivered"]) {
            for (let leg = 0; leg < FIXES_PER_LEG; leg++) {
              await postFix(client, driver, index);
              if (++acknowledged >= totalOps * KILL_AT) killSignal();
              await sleep(PACE_MS);
            }
            await setStatus(client, driver, order.id, status);
            if (++acknowledged >= totalOps * KILL_AT) killSignal();
            await sleep(PACE_MS);
          }
        }
      }),
    );

    await halfway;
    const before = await readOwnership(bucket);
    killedAt = Date.now();
    const lastSeqAtKill = (await backbone.jsm.streams.info(STREAMS.locations)).state.last_seq;
    b.kill("SIGKILL");
    await b.exited;
    const acknowledgedAtKill = acknowledged;
    // Takeover: poll the ownership bucket until the two survivors hold every partition.
    let ownership = before;
    while (!isFullyOwned(ownership, 2)) {
      assert.ok(Date.now() - killedAt < 30_000, `the survivors own every partition within 30 s: ${JSON.stringify([...ownership.leases])}`);
      await sleep(50);
      ownership = await readOwnership(bucket);
    }
    const takeoverMs = Date.now() - killedAt;
    const acknowledgedAtTakeover = acknowledged;
    const victim = before.members.find((member) => !ownership.members.includes(member))!;
    const victimPartitions = [...before.leases].filter(([, member]) => member === victim).map(([partition]) => partition);
    const victimDrivers = drivers.filter((driver) => victimPartitions.includes(driver.partition));
    assert.equal(victimDrivers.length, DRIVERS_PER_MEMBER, "the killed process tracked its share of the test's drivers");
    console.log(
      `# kill -9 of B after ${acknowledgedAtKill}/${totalOps} updates acknowledged: B owned partitions [${victimPartitions.sort((x, y) => x - y).join(", ")}] (${victimDrivers.length} test drivers); A and C owned all 16 partitions ${takeoverMs} ms later (lease TTL 5 s, renewals every 1 s)`,
    );

    await stream;
    assert.ok(acknowledgedAtTakeover < totalOps, "fixes and statuses still came in after the takeover");
    // When B's drivers' customers first saw an update sent after the kill.
    const victimOrders = new Set(victimDrivers.flatMap((driver) => driver.orders.map((order) => order.id)));
    const resumed = published.find(({ view }) => victimOrders.has(view.orderId) && view.version > lastSeqAtKill);
    assert.ok(resumed, "B's drivers' customers saw updates sent after the kill");
    const resumedMs = resumed.at - killedAt;
    const streamDoneAt = Date.now();
    // Every customer ends on "delivered", connected (the ones of B to A or C).
    // Checked after the streams and checkpoints, which say more about why, should it fail.
    const watchersSettled = await waitFor(() => watches.every((watch) => watch.isConnected() && watch.current()?.status === "delivered"), 30_000, "every watcher to show delivered").then(
      () => null,
      (error: unknown) => error,
    );
    await Promise.all(watches.map((watch) => watch.settled()));
    const settledMs = Date.now() - streamDoneAt;

    // Graceful stop of the survivors: their final checkpoints cover everything they applied.
    isSampling = false;
    await sampler;
    await sampleCheckpoints();
    for (const watch of watches) watch.close();
    await stopAppProcesses([a, c], 20_000);
    assert.deepEqual([a.child.exitCode, c.child.exitCode], [0, 0], `survivors stopped cleanly:\n${a.output()}\n${c.output()}`);
    viewSub.unsubscribe();
    const finals = (await db.prisma.trackerCheckpoint.findMany()).map((row) => ({ partition: row.partition, appliedSeq: Number(row.appliedSeq), state: row.state as unknown as FleetSnapshot }));
    for (const final of finals) sampled.set(`${final.partition}@${final.appliedSeq}`, final);

    // 1. Ingest: every acknowledged fix on LOCATIONS exactly once (bitset over each driver's seqs).
    const locations = await readStream(backbone.jsm, STREAMS.locations);
    locations.forEach((message, index) => assert.equal(message.seq, index + 1, "LOCATIONS has no holes"));
    let fixesChecked = 0;
    for (const driver of drivers) {
      const seen = new Uint8Array(driver.fixes.size + 1);
      for (const message of locations) {
        if (message.subject !== subjects.driverLocation(driver.id)) continue;
        const seq = (message.data as { seq: number }).seq;
        assert.ok(seq >= 1 && seq <= driver.fixes.size, `driver ${driver.id}: fix seq ${seq} was never acknowledged`);
        assert.equal(seen[seq], 0, `driver ${driver.id}: fix seq ${seq} stored twice`);
        seen[seq] = 1;
      }
      for (let seq = 1; seq <= driver.fixes.size; seq++) assert.equal(seen[seq], 1, `driver ${driver.id}: acknowledged fix seq ${seq} not on LOCATIONS`);
      fixesChecked += driver.fixes.size;
    }

    // 2. Every acknowledged status on ORDERS exactly once, in order.
    const orderEvents = await readStream(backbone.jsm, STREAMS.orders);
    let statusesChecked = 0;
    for (const driver of drivers) {
      for (const order of driver.orders) {
        const changes = orderEvents
          .filter((message) => message.subject === subjects.orderEvents(order.id) && (message.data as { type: string }).type === "order.status_changed")
          .map((message) => (message.data as { to: string }).to);
        const acknowledgedStatuses = driver.statuses.filter((status) => status.orderId === order.id).map((status) => status.status);
        assert.deepEqual(changes, ["picked_up", "arrived", "delivered"], `order ${order.id}: status events on ORDERS`);
        assert.deepEqual(acknowledgedStatuses, ["picked_up", "arrived", "delivered"], `order ${order.id}: statuses acknowledged`);
        statusesChecked += acknowledgedStatuses.length;
      }
    }

    // 3. The trackers: every checkpoint = its partition's messages applied once, in order; every published view = the reference view at its version.
    const replay = replayPartitions(locations, [...sampled.values()], { maxStops: VISIBLE_STOPS, maxMinutes: null });
    assert.deepEqual(replay.mismatches, [], "checkpoints equal the exactly-once replay");
    for (const final of finals) {
      assert.ok(
        final.appliedSeq >= (replay.lastSeq.get(final.partition) ?? 0),
        `partition ${final.partition}: final checkpoint at ${final.appliedSeq} covers its last message ${replay.lastSeq.get(final.partition)}`,
      );
      assert.equal(firstDifference(replay.finalState.get(final.partition) ?? { drivers: [], orders: [] }, final.state), null, `partition ${final.partition}: final state`);
    }
    assert.equal(finals.length, TRACKER_PARTITIONS);
    const applied = new Map(finals.flatMap((final) => final.state.drivers.map((driver) => [driver.id, driver.fixesApplied] as const)));
    for (const driver of drivers) assert.equal(applied.get(driver.id), driver.fixes.size, `driver ${driver.id}: fixes applied in the final checkpoint`);
    let viewsChecked = 0;
    for (const { view } of published) {
      const expected = replay.expectedViews.get(`${view.orderId}@${view.version}`);
      assert.ok(expected, `view of ${view.orderId} at version ${view.version}: no message of that sequence changes it`);
      assert.equal(firstDifference(expected, comparable(view)), null, `view of ${view.orderId} at version ${view.version}`);
      viewsChecked++;
    }

    if (watchersSettled) throw watchersSettled;
    // 4. What each customer saw: frames never older, stops away never up, status never back, ends delivered.
    let viewsSeen = 0;
    let reconnected = 0;
    for (const watch of watches) {
      const received = watch.received();
      viewsSeen += received.length;
      if (watch.connections.length > 1) reconnected++;
      // Pushed frames never go back, on one connection or across reconnects. An ack may be older
      // than a frame that overtook it on its own connection (the relay joins the room first), but a
      // reconnect's ack (the stored view) is never older than anything the earlier connections got.
      let newestFrame = 0;
      for (const [index, entry] of received.entries()) {
        if (entry.isAck) {
          const earlier = received.filter((other) => other.connection < entry.connection).map((other) => other.view.version);
          assert.ok(entry.view.version >= Math.max(0, ...earlier), `${watch.orderId}: ack on reconnect v${entry.view.version} older than v${Math.max(...earlier)}`);
        } else {
          assert.ok(entry.view.version >= newestFrame, `${watch.orderId}: frame ${index} v${entry.view.version} after v${newestFrame}`);
          newestFrame = entry.view.version;
        }
      }
      const shown = watch.shown();
      let stopsAway = Number.POSITIVE_INFINITY;
      let rank = 0;
      for (const view of shown) {
        assert.ok(STATUS_RANK[view.status] >= rank, `${watch.orderId}: status went back to ${view.status}`);
        rank = STATUS_RANK[view.status];
        if (view.stopsAway !== null) {
          assert.ok(view.stopsAway <= stopsAway, `${watch.orderId}: stops away went up to ${view.stopsAway} from ${stopsAway}`);
          stopsAway = view.stopsAway;
        }
      }
      const last = shown.at(-1)!;
      assert.equal(last.status, "delivered");
      assert.equal(last.stopsAway, null);
      assert.equal(last.driver, null);
      const stored = await backbone.jsm.streams.getMessage(STREAMS.orderViews, { last_by_subj: subjects.orderView(watch.orderId) });
      assert.equal(last.version, stored!.json<TOrderView>().version, `${watch.orderId}: the watcher ends on the stored view`);
    }
    const movedWatchers = watches.filter((watch) => watch.connections.length > 1);
    assert.equal(movedWatchers.length, watches.length, "every watcher of B reconnected elsewhere");

    const fromC = drivers.reduce((sum, driver) => sum + [...driver.fixes.values()].filter((fix) => fix.via === "C").length, 0);
    const retries = clients.reduce((sum, client) => sum + client.retries, 0);
    console.log(
      `# after the kill: ${totalOps - acknowledgedAtTakeover} updates acknowledged after the takeover; first view of B's drivers from an update sent after the kill ${resumedMs} ms after the kill; stream done ${streamDoneAt - killedAt} ms after the kill; every watcher on "delivered" ${settledMs} ms after the last update`,
    );
    console.log(
      `# exactly once: ${fixesChecked} fixes (seq bitsets, ${fromC} posted through C) and ${statusesChecked} statuses on the streams; ${locations.length} LOCATIONS messages replayed; ${replay.checkpointsChecked} checkpoints (${finals.length} final) equal the replay; ${viewsChecked} published views equal the replay at their version`,
    );
    console.log(
      `# customers: ${watches.length} watchers, ${reconnected} reconnected from B to ${[...new Set(movedWatchers.map((watch) => watch.connections.at(-1)!.via))].join("/")}, ${viewsSeen} views received, monotonic; clients retried ${retries} requests; test took ${Date.now() - testStartedAt} ms`,
    );
  });
});
