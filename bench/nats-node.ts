/**
 * What one nats-server node carries, for the capacity model (docs/capacity-model.md): a
 * nats-server started here, and
 * 1. JetStream acknowledged publish of fix-sized messages (256 in flight, one client): what
 *    the LOCATIONS stream can store per node;
 * 2. core publish with fan-out by interest, the relay's pattern: view-sized messages (the size
 *    of a real order view) published round-robin to `orders.<id>.view` of ORDERS orders, two
 *    subscriber connections (two "relays") each subscribed to WATCHED_SHARE/2 of the orders one
 *    subject each, the rest unwatched. Counted by nats-server (/varz in_msgs, out_msgs) with its
 *    CPU time from /proc, so the figure is per node: messages in + out per CPU-second;
 * 3. on a 3-node cluster (three nats-servers on this machine): acknowledged publish into a stream
 *    with 1 and with 3 replicas, and view-sized core publishes into a 3-replica stream (as the
 *    tracker's views go into ORDER_VIEWS: no ack), counted as the stream stores them. One stream
 *    has one leader, so this is the ceiling of ONE stream, whatever the cluster's size.
 *
 *   node --import tsx bench/nats-node.ts [seconds=5]
 *
 * Client and server share this machine's 2 cores: the rates are a floor for a dedicated node.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import { connectNats } from "../server/platform/backbone/backbone";
import { findFreePort, startNatsServer } from "../server/platform/backbone/nats-server-process";
import { startTestNatsCluster } from "../testing/test-nats-cluster";
import { jetStreamPublishRate } from "./load/baselines";

const SECONDS = Number(process.argv[2] ?? 5);
const ORDERS = 10_000;
const WATCHED_SHARE = 0.5;
/** The size of a real order view (384 bytes on average in relay-interest-share.test.ts): the text here is filler. */
const VIEW_LIKE = JSON.stringify({ orderId: "00000000-0000-0000-0000-000000000000", version: 123456, filler: "x".repeat(320) });

const CLOCK_TICKS = 100;
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

const storeDir = mkdtempSync(path.join(tmpdir(), "lastmile-nats-bench-"));
const server = await startNatsServer({ storeDir, monitorPort: await findFreePort() });
const varz = async () => (await (await fetch(`${server.monitorUrl}/varz`)).json()) as { in_msgs: number; out_msgs: number; mem: number };

const jetStreamRate = await jetStreamPublishRate(server.url, SECONDS);

const subscribers: NatsConnection[] = [];
let delivered = 0;
const watched = Math.floor(ORDERS * WATCHED_SHARE);
for (let relay = 0; relay < 2; relay++) {
  const nc = await connectNats(server.url, `bench-relay-${relay}`);
  for (let order = relay; order < watched; order += 2) nc.subscribe(`orders.${order}.view`, { callback: () => void delivered++ });
  await nc.flush();
  subscribers.push(nc);
}
const publisher = await connectNats(server.url, "bench-tracker");
const memWithSubscriptions = (await varz()).mem;

const before = { varz: await varz(), cpu: cpuSeconds(server.pid) };
const started = performance.now();
const deadline = started + SECONDS * 1000;
let published = 0;
while (performance.now() < deadline) {
  for (let burst = 0; burst < 1000; burst++) publisher.publish(`orders.${published++ % ORDERS}.view`, VIEW_LIKE);
  await publisher.flush();
}
const publishSeconds = (performance.now() - started) / 1000;
for (const nc of subscribers) await nc.flush();
await new Promise((resolve) => setTimeout(resolve, 500));
const after = { varz: await varz(), cpu: cpuSeconds(server.pid) };
const routed = after.varz.in_msgs - before.varz.in_msgs + (after.varz.out_msgs - before.varz.out_msgs);
const natsCpu = after.cpu - before.cpu;

console.log(
  JSON.stringify({
    seconds: SECONDS,
    jetStreamAckedPublishPerSecond: Math.round(jetStreamRate),
    core: {
      orders: ORDERS,
      watchedOrders: watched,
      subscriptions: watched,
      viewBytes: VIEW_LIKE.length,
      publishedPerSecond: Math.round(published / publishSeconds),
      deliveredPerSecond: Math.round(delivered / publishSeconds),
      natsInPlusOutPerSecond: Math.round(routed / publishSeconds),
      natsCpuShare: Number((natsCpu / publishSeconds).toFixed(2)),
      natsMessagesPerCpuSecond: Math.round(routed / natsCpu),
      natsMemMiB: Number((memWithSubscriptions / 1024 / 1024).toFixed(1)),
    },
  }),
);
await publisher.close();
for (const nc of subscribers) await nc.close();
await server.stop();
rmSync(storeDir, { recursive: true, force: true });

/** Acknowledged publishes per second into a fresh stream with `replicas`, 256 in flight. */
async function ackedRate(nc: NatsConnection, replicas: number): Promise<number> {
  const jsm = await jetstreamManager(nc);
  const name = `BENCH_R${replicas}`;
  await jsm.streams.add({ name, subjects: [`bench.r${replicas}.>`], num_replicas: replicas });
  const js = jetstream(nc);
  let acked = 0;
  const started = performance.now();
  const until = started + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: 256 }, async (_, worker) => {
      for (let index = 0; performance.now() < until; index++) {
        await js.publish(`bench.r${replicas}.${(worker * 7 + index) % 64}`, VIEW_LIKE);
        acked++;
      }
    }),
  );
  const rate = acked / ((performance.now() - started) / 1000);
  await jsm.streams.delete(name);
  return rate;
}

/** Core publishes into a 3-replica stream (no ack, as views go into ORDER_VIEWS): messages it stored per second. */
async function storedRate(nc: NatsConnection): Promise<number> {
  const jsm = await jetstreamManager(nc);
  await jsm.streams.add({ name: "BENCH_VIEWS", subjects: ["bench.views.>"], num_replicas: 3 });
  const started = performance.now();
  const until = started + SECONDS * 1000;
  let sent = 0;
  while (performance.now() < until) {
    for (let burst = 0; burst < 500; burst++) nc.publish(`bench.views.${sent++ % ORDERS}.view`, VIEW_LIKE);
    await nc.flush();
  }
  // What the stream stored in the window, and after it until it stops growing.
  let stored = (await jsm.streams.info("BENCH_VIEWS")).state.messages;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = (await jsm.streams.info("BENCH_VIEWS")).state.messages;
    if (now === stored) break;
    stored = now;
  }
  const rate = stored / ((performance.now() - started) / 1000);
  console.log(JSON.stringify({ coreIntoR3Stream: { sent, stored, lostShare: Number((1 - stored / sent).toFixed(3)) } }));
  await jsm.streams.delete("BENCH_VIEWS");
  return rate;
}

const cluster = await startTestNatsCluster(3);
const clusterNc = await connectNats(cluster.url, "bench-cluster");
const r1 = await ackedRate(clusterNc, 1);
const r3 = await ackedRate(clusterNc, 3);
const viewsStored = await storedRate(clusterNc);
console.log(
  JSON.stringify({
    cluster: {
      nodes: 3,
      viewBytes: VIEW_LIKE.length,
      ackedPublishPerSecondR1: Math.round(r1),
      ackedPublishPerSecondR3: Math.round(r3),
      coreIntoR3StreamStoredPerSecond: Math.round(viewsStored),
    },
  }),
);
await clusterNc.close();
await cluster.stop();
process.exit(0);
