/**
 * The pipeline on a 3-node JetStream cluster (streams, the outbox and the tracker's ownership
 * bucket with 3 replicas), as deploy/compose.yaml runs it: a fix and a status reach the
 * customer's socket (the view and the timeline line), in steady operation and after a node is killed (the LOCATIONS stream's
 * leader, or a follower), each on a cluster of its own. A consumer left on the dead node stalls
 * without ending; the watchdog (consumer-watchdog.ts) restarts it, which takes seconds: the
 * waits are generous, and the time from the kill to the first view after it is reported
 * (a diagnostic, not an assertion).
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { after, before, describe, test, type TestContext } from "node:test";
import { EVENTS } from "../../../lib/realtime/events";
import { startBackbone, type Backbone } from "./backbone";
import { STREAMS } from "./subjects";
import { createApplication, type Application } from "../../create-application";
import type { CoreDeps } from "../../deps";
import { startOutboxPublisher, type OutboxPublisher } from "../../pipeline/outbox/outbox-publisher";
import { createTestDatabase, type TestDatabase } from "../../../testing/test-database";
import { startTestNatsCluster, type ClusterNode, type TestNatsCluster } from "../../../testing/test-nats-cluster";
import { openWatcher, waitFor, type Watcher } from "../../../testing/test-app";
import { startTracker, type Tracker } from "../../pipeline/tracker/tracker";

const ADMIN = "cluster-admin-Qm2vX9kLp4Rt8Wz3Nb6c7Yh5Jd0Fs1Ga";
/** Elections, reconnects and a stalled consumer's restart take seconds; seconds stretch on two busy cores. */
const RECOVERY_WAIT_MS = 90_000;

/** The application, its outbox and a tracker on a cluster of their own. */
interface Stack {
  cluster: TestNatsCluster;
  backbone: Backbone;
  tracker: Tracker;
  /** What the tracker and the application logged (printed when a test fails). */
  logs: string[];
  call<T = any>(method: string, url: string, body?: unknown, token?: string): Promise<{ status: number; body: T }>;
  watch(trackingUrl: string): Promise<Watcher>;
  close(): Promise<void>;
}

async function startStack(name: string): Promise<Stack> {
  const logs: string[] = [];
  const log = (source: string) => (message: string, error?: unknown) => {
    logs.push(`${new Date().toISOString()} [${source}] ${message}${error ? ` ${error instanceof Error ? error.message : JSON.stringify(error)}` : ""}`);
  };
  /** Undone in reverse order on close, or at once if a later step fails. */
  const closers: (() => unknown)[] = [];
  const close = async () => {
    for (const closer of closers.splice(0).reverse()) await closer();
  };
  try {
    const cluster = await startTestNatsCluster(3);
    closers.push(() => cluster.stop());
    const dataDir = mkdtempSync(path.join(tmpdir(), "lastmile-cluster-app-"));
    closers.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const backbone = await startBackbone({ natsUrl: cluster.url, dataDir, replicas: 3, name });
    closers.push(() => backbone.close());
    const db: TestDatabase = await createTestDatabase();
    closers.push(() => db.close());
    const outbox: OutboxPublisher = startOutboxPublisher({ prisma: db.prisma, js: backbone.js, nc: backbone.nc }, { log: log("outbox") });
    closers.push(() => outbox.stop());
    const core: CoreDeps = { prisma: db.prisma, js: backbone.js, jsm: backbone.jsm, nc: backbone.nc, outbox };
    const app: Application = createApplication({ core, adminToken: ADMIN, log: log("app") });
    closers.push(() => app.close());
    await new Promise<void>((resolve) => app.httpServer.listen(0, "127.0.0.1", resolve));
    const baseUrl = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
    const tracker: Tracker = await startTracker(core, { visibleStops: 3, replicas: 3, log: log("tracker") });
    closers.push(() => tracker.stop());
    return {
      cluster,
      backbone,
      tracker,
      logs,
      async call(method, url, body, token = ADMIN) {
        const response = await fetch(baseUrl + url, {
          method,
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        return { status: response.status, body: await response.json() };
      },
      async watch(trackingUrl) {
        const watcher = await openWatcher(baseUrl, trackingUrl.split("/").pop()!);
        closers.push(() => watcher.close());
        return watcher;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * The customer follows a driver through the cluster; `pick` names a node to kill half-way (null:
 * none). Resolves with the milliseconds from the kill to the first view delivered after it.
 */
async function followThrough(stack: Stack, pick: (leader: string | undefined, nodes: ClusterNode[]) => ClusterNode | null, label: string): Promise<number | null> {
  const { call } = stack;
  const driver = (await call<{ id: string; token: string }>("POST", "/api/drivers", { name: `Cluster ${label}` })).body;
  const order = (await call<{ id: string; trackingUrl: string }>("POST", "/api/orders", { customerName: "C", address: "1 Cluster Road", lat: 40.42, lng: -3.7, driverId: driver.id })).body;
  assert.equal((await call("POST", `/api/driver/orders/${order.id}/status`, { status: "picked_up" }, driver.token)).status, 200);
  const watcher = await stack.watch(order.trackingUrl);

  let seq = 0;
  // Fixes 5 s apart on the device clock, ending now: a plausible drive for the GPS filter.
  const startAt = Date.now() - 60_000;
  const postFix = async (lat: number) => {
    seq += 1;
    // A client retries on 503 (a stream's leader moving) as the driver app does.
    await waitFor(
      async () => {
        const response = await call("POST", "/api/driver/locations", { fixes: [{ lat, lng: -3.7, at: startAt + seq * 5_000, seq, accuracy: 5 }] }, driver.token);
        return response.status === 202;
      },
      RECOVERY_WAIT_MS,
      `fix ${seq} accepted`,
    );
    await watcher.waitForView((view) => view.driver?.lat === lat, RECOVERY_WAIT_MS);
  };

  await postFix(40.4101);
  await postFix(40.4102);

  const leader = (await stack.backbone.jsm.streams.info(STREAMS.locations)).cluster?.leader;
  const victim = pick(leader, stack.cluster.nodes);
  await victim?.kill();
  const killedAt = Date.now();
  if (victim) stack.logs.push(`${new Date(killedAt).toISOString()} [test] killed ${victim.name} (LOCATIONS leader: ${leader})`);
  await postFix(40.4103);
  const recoveryMs = victim ? Date.now() - killedAt : null;
  await postFix(40.4104);
  await waitFor(async () => (await call("POST", `/api/driver/orders/${order.id}/status`, { status: "arrived" }, driver.token)).status === 200, RECOVERY_WAIT_MS, "arrived accepted");
  await watcher.waitForView((view) => view.status === "arrived", RECOVERY_WAIT_MS);
  // The timeline line too: the relay read it from ORDERS after its leader moved.
  await waitFor(
    () =>
      watcher.events.some((raw) => {
        const [event, entry] = JSON.parse(raw) as [string, { kind?: string }];
        return event === EVENTS.orderEntry && entry.kind === "arrived";
      }),
    RECOVERY_WAIT_MS,
    "the arrived line of the timeline",
  );
  return recoveryMs;
}

/** Runs `body` on a stack of its own; reports the recovery time and what was logged (with the tracker's state if it fails). */
async function onOwnCluster(t: TestContext, name: string, body: (stack: Stack) => Promise<number | null>): Promise<void> {
  const stack = await startStack(name);
  try {
    const recoveryMs = await body(stack);
    if (recoveryMs !== null) t.diagnostic(`first view ${recoveryMs} ms after the kill`);
  } catch (error) {
    const last = await stack.backbone.jsm.streams.info(STREAMS.locations).then(
      (info) => info.state.last_seq,
      (reason: unknown) => String(reason),
    );
    const partitions = stack.tracker.owned().map((partition) => `${partition}:${stack.tracker.worker(partition)?.appliedSeq ?? "-"}`);
    t.diagnostic(`LOCATIONS last seq ${last}; owned partitions (applied seq): ${partitions.join(" ")}`);
    throw error;
  } finally {
    // What the takeover looked like: elections, reconnects, stalled consumers restarted.
    for (const line of stack.logs) t.diagnostic(line);
    await stack.close();
  }
}

describe("steady operation", () => {
  let stack: Stack;
  before(async () => (stack = await startStack("cluster-steady")));
  after(() => stack?.close());

  test("streams and the ownership bucket are replicated on three nodes", async () => {
    const { jsm } = stack.backbone;
    for (const name of [STREAMS.locations, STREAMS.orders, STREAMS.orderViews]) {
      const info = await jsm.streams.info(name);
      assert.equal(info.config.num_replicas, 3, `${name} has 3 replicas`);
      assert.equal((info.cluster?.replicas ?? []).length, 2, `${name} has a leader and two followers`);
    }
    const buckets = await jsm.streams.names().next();
    const ownership = buckets.find((name) => name.startsWith("KV_"));
    assert.ok(ownership, `the tracker's ownership bucket exists: ${buckets.join(", ")}`);
    assert.equal((await jsm.streams.info(ownership)).config.num_replicas, 3);
  });

  test("a fix and a status reach the customer's socket through the cluster", async () => {
    await followThrough(stack, () => null, "steady");
  });
});

test("fixes and a status still reach the customer after the LOCATIONS stream's leader is killed", async (t) => {
  await onOwnCluster(t, "cluster-leader", (stack) =>
    followThrough(
      stack,
      (leader, nodes) => {
        const node = nodes.find((candidate) => candidate.name === leader);
        assert.ok(node, `the LOCATIONS leader is known (${leader})`);
        return node;
      },
      "leader",
    ),
  );
});

test("… and after a follower is killed", async (t) => {
  await onOwnCluster(t, "cluster-follower", (stack) => followThrough(stack, (leader, nodes) => nodes.find((candidate) => candidate.name !== leader) ?? null, "follower"));
});
