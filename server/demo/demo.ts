/**
 * The demo fleet: a few drivers who pick up their parcels and drive their routes, posting GPS
 * and statuses through the same functions the API uses, so a newcomer watches the real
 * pipeline move. Tracking links are kept in DATA_DIR/demo.json (tokens are stored hashed).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { haversineMeters, moveToward, bearingDegrees, type LatLng } from "../../lib/domain/geo";
import type { CoreDeps } from "../deps";
import { createDriver } from "../drivers/create-driver";
import { ingestFixes } from "../ingest/post-locations";
import { createOrder } from "../orders/create-order";
import { updateOrderStatus } from "../orders/update-order-status";
import { DEMO_CENTER, DEMO_DRIVER_NAMES, DEMO_STOPS_PER_ROUTE, planStops, seededRandom } from "./demo-plan";

const TICK_MS = 1_000;
const SPEED_METERS_PER_SECOND = 12;
const DWELL_TICKS = 8;
const ARRIVAL_RADIUS_METERS = 15;

interface DemoFile {
  drivers: { id: string; name: string }[];
  trackingUrls: string[];
}

interface SimulatedDriver {
  id: string;
  position: LatLng;
  seq: number;
  dwellTicksLeft: number;
}

export interface Demo {
  trackingUrls: string[];
  stop(): Promise<void>;
}

export async function startDemo(core: CoreDeps, options: { dataDir: string; log: (message: string, error?: unknown) => void }): Promise<Demo> {
  const file = path.join(options.dataDir, "demo.json");
  const saved: DemoFile | null = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as DemoFile) : null;
  const random = seededRandom(Date.now());
  const demoFile: DemoFile = saved ?? { drivers: [], trackingUrls: [] };

  if (demoFile.drivers.length === 0) {
    for (const name of DEMO_DRIVER_NAMES) {
      const driver = await createDriver(core, { name, trackerId: `demo-${name.toLowerCase()}` });
      demoFile.drivers.push({ id: driver.id, name });
    }
  }

  const fleet: SimulatedDriver[] = [];
  for (const [index, driver] of demoFile.drivers.entries()) {
    const last = await core.prisma.driverLocation.findUnique({ where: { driverId: driver.id } });
    const start = last ?? { lat: DEMO_CENTER.lat + 0.01 * Math.sin(index * 1.7), lng: DEMO_CENTER.lng + 0.012 * Math.cos(index * 1.7) };
    fleet.push({ id: driver.id, position: { lat: start.lat, lng: start.lng }, seq: Date.now(), dwellTicksLeft: 0 });
  }

  const loadNewRoute = async (driver: SimulatedDriver) => {
    const stops = planStops(random, driver.position, DEMO_STOPS_PER_ROUTE);
    const urls: string[] = [];
    for (const stop of stops) {
      const order = await createOrder(core, { ...stop, driverId: driver.id });
      urls.push(order.trackingUrl);
      await updateOrderStatus(core, driver.id, order.id, { status: "picked_up" });
    }
    // Keep the freshest links: the last stops of a route are the ones worth watching longest.
    // One customer soon close enough to see the driver, one who sees the count and ETA first.
    const watchable = [urls[2], urls.at(-1)].filter((url): url is string => url !== undefined);
    demoFile.trackingUrls = [...watchable, ...demoFile.trackingUrls].slice(0, DEMO_DRIVER_NAMES.length * 2);
    writeFileSync(file, JSON.stringify(demoFile, null, 2));
  };

  // route_stops holds open stops only (finished ones leave it): the next stop is the first one,
  // and a new route starts when none is left, so the demo's routes never grow.
  const nextStop = async (driver: SimulatedDriver) => {
    const stop = await core.prisma.routeStop.findFirst({ where: { driverId: driver.id }, orderBy: { position: "asc" }, include: { order: true } });
    return stop?.order ?? null;
  };

  const step = async (driver: SimulatedDriver) => {
    let target = await nextStop(driver);
    if (!target) {
      await loadNewRoute(driver);
      target = await nextStop(driver);
      if (!target) return;
    }
    if (target.status === "assigned") await updateOrderStatus(core, driver.id, target.id, { status: "picked_up" });
    if (target.status === "arrived") {
      driver.dwellTicksLeft -= 1;
      if (driver.dwellTicksLeft <= 0) await updateOrderStatus(core, driver.id, target.id, { status: "delivered", note: "Left with the customer" });
      return;
    }
    const distance = haversineMeters(driver.position, target);
    const heading = bearingDegrees(driver.position, target);
    driver.position = distance <= SPEED_METERS_PER_SECOND ? { lat: target.lat, lng: target.lng } : moveToward(driver.position, target, SPEED_METERS_PER_SECOND);
    driver.seq += 1;
    await ingestFixes(core.js, driver.id, [{ ...driver.position, at: Date.now(), seq: driver.seq, accuracy: 8, speed: SPEED_METERS_PER_SECOND, heading }], "demo");
    if (haversineMeters(driver.position, target) <= ARRIVAL_RADIUS_METERS) {
      await updateOrderStatus(core, driver.id, target.id, { status: "arrived" });
      driver.dwellTicksLeft = DWELL_TICKS;
    }
  };

  // Every driver needs a route before the first links are printed.
  for (const driver of fleet) if (!(await nextStop(driver))) await loadNewRoute(driver);
  writeFileSync(file, JSON.stringify(demoFile, null, 2));

  let isRunning = true;
  let current = Promise.resolve();
  const timer = setInterval(() => {
    current = current.then(async () => {
      if (!isRunning) return;
      for (const driver of fleet) {
        // On shutdown NATS may already be gone: stop at once rather than time out driver by driver.
        if (!isRunning) break;
        await step(driver).catch((error: unknown) => options.log(`demo driver ${driver.id} stalled this tick`, error));
      }
    });
  }, TICK_MS);

  return {
    trackingUrls: demoFile.trackingUrls,
    async stop() {
      isRunning = false;
      clearInterval(timer);
      await current;
    },
  };
}
