/**
 * What watching costs nats-server: N sockets each watching its own order through the relay,
 * measured on nats-server's monitoring endpoint (resident memory from /varz, consumers from
 * /jsz, the app connection's subscriptions from /connz) before, while and after they watch.
 *
 *   node --import tsx bench/relay-fanout.ts [watchers=2000]
 *
 * The tracker is not started (views come from the database); orders are written straight to
 * the database so the figure is the relay's alone.
 */
import { randomUUID } from "node:crypto";
import { generateToken, hashToken } from "../server/platform/auth/tokens";
import { openWatcher, startTestApp, waitFor, type Watcher } from "../testing/test-app";

const watcherCount = Number(process.argv[2] ?? 2_000);
const CONCURRENCY = 50;

const t = await startTestApp({ tracker: false });
const monitor = t.nats.monitor;
if (!monitor) throw new Error("the test nats-server has no monitoring port");

const orders = Array.from({ length: watcherCount }, (_, index) => ({ id: randomUUID(), token: generateToken(), index }));
for (let start = 0; start < orders.length; start += 500) {
  await t.core.prisma.order.createMany({
    data: orders.slice(start, start + 500).map((order) => ({
      id: order.id,
      customerName: `Bench ${order.index}`,
      address: `${order.index} Bench Street`,
      lat: 48.8 + (order.index % 100) / 1000,
      lng: 2.3 + Math.floor(order.index / 100) / 1000,
      trackingTokenHash: hashToken(order.token),
    })),
  });
}

const snapshot = async (label: string) => {
  // Let nats-server settle (consumer creation is asynchronous to the watch ack).
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const [mem, consumers, subs] = await Promise.all([monitor.memoryBytes(), monitor.consumers(), monitor.subscriptions("lastmile")]);
  return { label, memMiB: mem / 1024 / 1024, mem, consumers: consumers.length, subscriptions: subs.length };
};

const before = await snapshot("no watchers");
const rows = [before];
/** A second round tells per-watcher cost from nats-server's one-time growth (API buffers, GC). */
const rounds: { watchMs: number; watching: Awaited<ReturnType<typeof snapshot>>; left: Awaited<ReturnType<typeof snapshot>> }[] = [];
for (let round = 1; round <= 2; round++) {
  const watchers: Watcher[] = [];
  const started = Date.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < orders.length) {
        const order = orders[next++]!;
        const watcher = await openWatcher(t.baseUrl, order.token, 30_000);
        if (!("data" in watcher.ack)) throw new Error(`watch failed: ${JSON.stringify(watcher.ack)}`);
        watchers.push(watcher);
      }
    }),
  );
  const watchMs = Date.now() - started;
  const watching = await snapshot(`round ${round}: ${watcherCount} watching`);
  for (const watcher of watchers) watcher.close();
  await waitFor(() => t.app.relay.io.of("/").sockets.size === 0, 30_000, "every socket to be gone");
  const left = await snapshot(`round ${round}: all left`);
  rows.push(watching, left);
  rounds.push({ watchMs, watching, left });
}
await t.close();

console.table(rows.map(({ mem: _mem, ...row }) => ({ ...row, memMiB: Number(row.memMiB.toFixed(1)) })));
for (const [index, { watchMs, watching, left }] of rounds.entries()) {
  const base = index === 0 ? before : rounds[index - 1]!.left;
  console.log(
    JSON.stringify({
      round: index + 1,
      watchers: watcherCount,
      watchSeconds: watchMs / 1000,
      natsMemPerWatcherKiB: Number(((watching.mem - base.mem) / watcherCount / 1024).toFixed(2)),
      consumersWhileWatching: watching.consumers - before.consumers,
      subscriptionsWhileWatching: watching.subscriptions - before.subscriptions,
      consumersAfterLeaving: left.consumers - before.consumers,
      subscriptionsAfterLeaving: left.subscriptions - before.subscriptions,
    }),
  );
}
process.exit(0);
