/**
 * Issue 8's creation numbers, on PGlite and a nats-server child: the time to create 2,000 orders
 * for 200 drivers through the API functions (each call returns once its events are on
 * JetStream), and what one creation on a 200-stop route publishes (events and bytes).
 * Before the outbox: 120 s, and 202 events / 1.6 MiB for one creation.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startBackbone } from "../server/backbone/backbone";
import { STREAMS } from "../server/backbone/subjects";
import { startDatabase } from "../server/db/start-database";
import { createDriver } from "../server/drivers/create-driver";
import { createOrder } from "../server/orders/create-order";
import { startOutboxPublisher } from "../server/outbox/outbox-publisher";

const DRIVERS = 200;
const ORDERS = 2_000;
const LONG_ROUTE = 200;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "lastmile-bench-"));
  const database = await startDatabase({ dataDir });
  const backbone = await startBackbone({ dataDir });
  const outbox = startOutboxPublisher({ prisma: database.prisma, js: backbone.js });
  const core = { prisma: database.prisma, outbox };
  const streamState = async () => {
    const [locations, orders] = await Promise.all([backbone.jsm.streams.info(STREAMS.locations), backbone.jsm.streams.info(STREAMS.orders)]);
    return { messages: locations.state.messages + orders.state.messages, bytes: locations.state.bytes + orders.state.bytes };
  };
  try {
    const drivers = [];
    for (let index = 0; index < DRIVERS; index++) drivers.push(await createDriver(core, { name: `Driver ${index}` }));
    const started = performance.now();
    for (let index = 0; index < ORDERS; index++) {
      await createOrder(core, { customerName: `Customer ${index}`, address: `${index} Bench Street`, lat: 40.4 + (index % 100) * 1e-3, lng: -3.7, driverId: drivers[index % DRIVERS]!.id });
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(`${ORDERS} orders for ${DRIVERS} drivers: ${seconds.toFixed(1)} s (${((seconds * 1000) / ORDERS).toFixed(1)} ms per order, events on JetStream before each returns)`);

    const long = await createDriver(core, { name: "Long route" });
    for (let index = 0; index < LONG_ROUTE - 1; index++) {
      await createOrder(core, { customerName: `Long ${index}`, address: `${index} Long Street, Madrid`, lat: 40.4 + index * 1e-4, lng: -3.7, driverId: long.id });
    }
    const before = await streamState();
    const oneStarted = performance.now();
    await createOrder(core, { customerName: "The 200th", address: "200 Long Street, Madrid", lat: 40.42, lng: -3.7, driverId: long.id });
    const oneMs = performance.now() - oneStarted;
    const afterState = await streamState();
    console.log(
      `one creation on a ${LONG_ROUTE}-stop route: ${afterState.messages - before.messages} events, ${afterState.bytes - before.bytes} bytes stored (${((afterState.bytes - before.bytes) / 1024).toFixed(1)} KiB, with JetStream's per-message overhead), ${oneMs.toFixed(0)} ms`,
    );
  } finally {
    await outbox.stop();
    await backbone.close();
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
