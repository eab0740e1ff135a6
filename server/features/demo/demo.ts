/**
 * The demo fleet: a few drivers who pick up their parcels and drive their routes, posting GPS
 * and statuses through the same functions the API uses, so a newcomer watches the real
 * pipeline move. Tracking links are kept in DATA_DIR/demo.json (tokens are stored hashed).
 *
 * Time comes from a Clock (clock.ts): real time unless a test passes a simulated one. What the
 * demo holds is bounded whatever it runs for: its drivers, one route of open stops each in the
 * database, and the last few tracking links in demo.json.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { haversineMeters, moveToward, bearingDegrees, type LatLng } from "../../../lib/domain/geo";
import type { CoreDeps } from "../../deps";
import { createDriver } from "../drivers/create-driver";
import { ingestFixes } from "../../pipeline/ingest/post-locations";
import { createOrder } from "../orders/create-order";
import { updateOrderStatus } from "../orders/update-order-status";
import { realClock, type Clock } from "../../platform/clock";
import { DEMO_CENTER, DEMO_DRIVER_NAMES, DEMO_STOPS_PER_ROUTE, planStops, seededRandom } from "./demo-plan";

const TICK_MS = 1_000;
const SPEED_METERS_PER_SECOND = 12;
/** Time at the door, arrived → delivered. */
const DWELL_MS = 8_000;
const ARRIVAL_RADIUS_METERS = 15;
/** Tracking links kept in demo.json and printed at start-up, per driver. */
const LINKS_PER_DRIVER = 2;

interface DemoFile {
  drivers: { id: string; name: string }[];
  trackingUrls: string[];
}

interface SimulatedDriver {
  id: string;
  position: LatLng;
  seq: number;
  /** Clock time at which the driver leaves the door they are at. */
  dwellUntil: number;
}

export interface DemoOptions {
  dataDir: string;
  log: (message: string, error?: unknown) => void;
  /** Default: real time. */
  clock?: Clock;
  /** Clock time between two steps of a driver (one GPS fix each while driving); default 1 s. */
  tickMs?: number;
  /** The fleet when demo.json has none yet; default DEMO_DRIVER_NAMES. */
  driverNames?: readonly string[];
  /** Seed of the stops' generator; default the clock's time. */
  seed?: number;
}

export interface Demo {
  /** The freshest tracking links (at most LINKS_PER_DRIVER per driver). */
  readonly trackingUrls: string[];
  /** Ticks run and ticks begun late because the previous one overran (never queued up). */
  readonly stats: { ticks: number; overruns: number; routesLoaded: number };
  stop(): Promise<void>;
}

export async function startDemo(core: CoreDeps, options: DemoOptions): Promise<Demo> {
  const clock = options.clock ?? realClock;
  const tickMs = options.tickMs ?? TICK_MS;
  const stepMeters = (SPEED_METERS_PER_SECOND * tickMs) / 1000;
  const file = path.join(options.dataDir, "demo.json");
  const saved: DemoFile | null = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as DemoFile) : null;
  const random = seededRandom(options.seed ?? clock.now());
  const demoFile: DemoFile = saved ?? { drivers: [], trackingUrls: [] };
  const stats = { ticks: 0, overruns: 0, routesLoaded: 0 };

  if (demoFile.drivers.length === 0) {
    for (const name of options.driverNames ?? DEMO_DRIVER_NAMES) {
      const driver = await createDriver(core, { name });
      demoFile.drivers.push({ id: driver.id, name });
    }
  }

  const fleet: SimulatedDriver[] = [];
  for (const [index, driver] of demoFile.drivers.entries()) {
    const last = await core.prisma.driverLocation.findUnique({ where: { driverId: driver.id } });
    const start = last ?? { lat: DEMO_CENTER.lat + 0.01 * Math.sin(index * 1.7), lng: DEMO_CENTER.lng + 0.012 * Math.cos(index * 1.7) };
    fleet.push({ id: driver.id, position: { lat: start.lat, lng: start.lng }, seq: clock.now(), dwellUntil: 0 });
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
    demoFile.trackingUrls = [...watchable, ...demoFile.trackingUrls].slice(0, demoFile.drivers.length * LINKS_PER_DRIVER);
    writeFileSync(file, JSON.stringify(demoFile, null, 2));
    stats.routesLoaded += 1;
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
      if (clock.now() >= driver.dwellUntil) await updateOrderStatus(core, driver.id, target.id, { status: "delivered", deliveredTo: { kind: "customer" } });
      return;
    }
    const distance = haversineMeters(driver.position, target);
    const heading = bearingDegrees(driver.position, target);
    driver.position = distance <= stepMeters ? { lat: target.lat, lng: target.lng } : moveToward(driver.position, target, stepMeters);
    driver.seq += 1;
    await ingestFixes(core.js, driver.id, [{ ...driver.position, at: clock.now(), seq: driver.seq, accuracy: 8, speed: SPEED_METERS_PER_SECOND, heading }], "demo");
    if (haversineMeters(driver.position, target) <= ARRIVAL_RADIUS_METERS) {
      await updateOrderStatus(core, driver.id, target.id, { status: "arrived" });
      driver.dwellUntil = clock.now() + DWELL_MS;
    }
  };

  // Every driver needs a route before the first links are printed.
  for (const driver of fleet) if (!(await nextStop(driver))) await loadNewRoute(driver);
  writeFileSync(file, JSON.stringify(demoFile, null, 2));

  // One tick at a time: the next is scheduled when this one ends, tickMs after this one began
  // (at once if it overran), so a slow database delays the fleet instead of queueing ticks up.
  let isRunning = true;
  let current: Promise<void> = Promise.resolve();
  let cancel = () => {};
  const tick = async () => {
    const startedAt = clock.now();
    stats.ticks += 1;
    for (const driver of fleet) {
      // On shutdown NATS may already be gone: stop at once rather than time out driver by driver.
      if (!isRunning) break;
      await step(driver).catch((error: unknown) => options.log(`demo driver ${driver.id} stalled this tick`, error));
    }
    if (!isRunning) return;
    const wait = startedAt + tickMs - clock.now();
    if (wait <= 0) stats.overruns += 1;
    cancel = clock.schedule(Math.max(0, wait), run);
  };
  const run = () => {
    current = tick();
  };
  cancel = clock.schedule(tickMs, run);

  return {
    get trackingUrls() {
      return demoFile.trackingUrls;
    },
    stats,
    async stop() {
      isRunning = false;
      cancel();
      await current;
    },
  };
}
