/**
 * The live path measured like the bench: a small simulated day of the bench's
 * city world (bench/eta-world.ts, the same code as bench/eta-accuracy.ts) replayed through the
 * real pipeline — drivers, orders and routes through the API, each phone's posts of fixes to
 * /api/driver/locations, arrivals and deliveries to /api/driver/orders/<id>/status, a missed
 * stop moved to the end with PUT /api/drivers/<id>/route — on a real nats-server and PGlite, the
 * server on a simulated clock. The clock moves to each moment something is heard and on only
 * once the tracker has applied and published everything posted (Tracker.caughtUp), so the run is
 * deterministic. At the end the dispatch ETA scoreboard (GET /api/admin/eta-scoreboard, what the
 * dashboard shows) must give the offline replay's shares of the same world, scored the same way
 * (windowShownAt), within 2 points: at 3 stops and at 10 minutes.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { partitionOf } from "../../../lib/domain/partition";
import type { TEtaScoreboard } from "../../../lib/schemas/eta-scoreboard";
import { DAY, HOUR, heardEvents, knownRoute, MIDNIGHT, replayWorld, scoreboardShare, simulateWorld, WORLDS, type DriverDay } from "../../../bench/eta-world";
import { settableClock } from "../../platform/clock";
import { startTestApp, type Driver, type TestApp } from "../../../testing/test-app";

/** Small enough for ~2–3 min here, large enough that 2 points are a few arrivals (n is printed). */
const WORLD = { ...WORLDS.city!, drivers: 8, days: 1 };
const SEED = 20_250_611;
const TOLERANCE = 0.02;

/** One thing the server hears, at one moment of the simulated day, for one driver. */
type Step = { at: number; driver: number; order: number; run: () => Promise<unknown> };

let t: TestApp;
const clock = settableClock(MIDNIGHT);

before(async () => {
  t = await startTestApp({ clock });
});

after(async () => {
  await t?.close();
});

test("a simulated day through the real pipeline scores as the offline bench does, within 2 points", { timeout: 8 * 60_000 }, async () => {
  const startedAt = performance.now();
  const simulated = simulateWorld(WORLD, SEED);
  const offline = replayWorld(simulated);

  const drivers: Driver[] = [];
  for (let index = 0; index < WORLD.drivers; index++) drivers.push(await t.createDriver({ name: `Driver ${String(index + 1).padStart(2, "0")}` }));
  const partitions = [...new Set(drivers.map((driver) => partitionOf(driver.id)))];

  for (let dayIndex = 0; dayIndex < WORLD.days; dayIndex++) {
    // The day's orders and routes, before anyone starts (the earliest start is 7:15).
    clock.set(MIDNIGHT + dayIndex * DAY + 6 * HOUR);
    const steps: Step[] = [];
    for (let index = 0; index < WORLD.drivers; index++) {
      const day = simulated.simulatedDays[index]?.[dayIndex];
      const driver = drivers[index]!;
      if (!day) continue;
      const orderIds: string[] = [];
      for (const [stopIndex, stop] of day.stops.entries()) {
        const order = await t.createOrder({ lat: stop.position.lat, lng: stop.position.lng, address: `Stop ${stopIndex + 1}`, customerName: `Customer ${index + 1}.${stopIndex + 1}` });
        orderIds.push(order.id);
      }
      await t.setRoute(driver.id, orderIds);
      steps.push(...driverSteps(index, driver, day, orderIds));
    }
    // Time order; at one moment each driver's things in the bench's order (its stable sort, driver by driver).
    steps.sort((a, b) => a.at - b.at || a.driver - b.driver || a.order - b.order);
    for (let i = 0; i < steps.length;) {
      const at = Math.round(steps[i]!.at);
      clock.set(at);
      for (; i < steps.length && Math.round(steps[i]!.at) === at; i++) await steps[i]!.run();
      // Everything heard at this moment applied, its views and predictions made at this moment.
      await t.tracker!.caughtUp(partitions);
    }
  }
  // Graceful stop: the projection writer flushes every prediction and settlement.
  await t.stopTracker();

  const from = new Date(MIDNIGHT - DAY).toISOString();
  const to = new Date(MIDNIGHT + (WORLD.days + 1) * DAY).toISOString();
  const answer = await t.admin<TEtaScoreboard>("GET", `/api/admin/eta-scoreboard?from=${from}&to=${to}&tzOffsetMinutes=0`);
  assert.equal(answer.status, 200, answer.text);
  const live = { stops3: { inside: 0, total: 0 }, minutes10: { inside: 0, total: 0 }, arrivals: 0 };
  for (const row of answer.body.rows) {
    live.arrivals += row.arrivals;
    for (const checkpoint of ["stops3", "minutes10"] as const) {
      live[checkpoint].inside += row[checkpoint].inside;
      live[checkpoint].total += row[checkpoint].total;
    }
  }
  const bench = { stops3: scoreboardShare(offline.scoredStops, "stops3"), minutes10: scoreboardShare(offline.scoredStops, "minutes10") };
  const share = ({ inside, total }: { inside: number; total: number }) => (total === 0 ? NaN : inside / total);
  const line = (what: string, figures: typeof bench) =>
    `${what}: at 3 stops ${figures.stops3.inside}/${figures.stops3.total} (${(100 * share(figures.stops3)).toFixed(1)} %), at 10 min ${figures.minutes10.inside}/${figures.minutes10.total} (${(100 * share(figures.minutes10)).toFixed(1)} %)`;
  const arrivals = simulated.simulatedDays.flat().reduce((sum, day) => sum + day.stops.length, 0);
  console.log(`world ${WORLD.name} ${WORLD.drivers} drivers × ${WORLD.days} day(s), seed ${SEED}: ${arrivals} arrivals, ${live.arrivals} scored by the pipeline`);
  console.log(line("offline bench", bench));
  console.log(line("pipeline scoreboard", live));
  const offlineWindows = offline.scoredStops.reduce((sum, stop) => sum + stop.predictions.length, 0);
  console.log(`windows recorded: offline ${offlineWindows}, eta_predictions ${await t.core.prisma.etaPrediction.count()}`);
  console.log(`took ${((performance.now() - startedAt) / 1000).toFixed(0)} s`);

  assert.ok(bench.stops3.total >= 50 && bench.minutes10.total >= 50, "enough arrivals for a comparison");
  for (const checkpoint of ["stops3", "minutes10"] as const) {
    const difference = Math.abs(share(live[checkpoint]) - share(bench[checkpoint]));
    assert.ok(difference <= TOLERANCE, `${checkpoint}: pipeline ${share(live[checkpoint]).toFixed(3)} vs bench ${share(bench[checkpoint]).toFixed(3)}`);
  }
});

/**
 * A driver's day as API calls, each at the moment the bench's server hears it: the missed stop
 * moved to the end of the route first (the bench's route is moved from that moment on), then its
 * posts, arrivals and finishes in the bench's order; every order picked up right after the
 * day's first post (the bench starts the first leg at the day's first fix).
 */
function driverSteps(index: number, driver: Driver, day: DriverDay, orderIds: readonly string[]): Step[] {
  const steps: Step[] = [];
  let order = 0;
  const add = (at: number, run: () => Promise<unknown>) => steps.push({ at, driver: index, order: order++, run });
  const orderOf = (stopIndex: number) => orderIds[stopIndex]!;
  const skip = day.skip;
  if (skip) add(skip.at, () => t.setRoute(driver.id, knownRoute(day, skip.at).map(orderOf)));
  let isPickedUp = false;
  for (const event of heardEvents(day)) {
    if (event.kind === "post") {
      const fixes = event.post.fixes.map((fix) => ({
        lat: fix.lat,
        lng: fix.lng,
        at: fix.at,
        seq: fix.seq ?? undefined,
        accuracy: fix.accuracy ?? undefined,
        speed: fix.speed ?? undefined,
      }));
      add(event.at, () => t.postFixes(driver.token, fixes));
      if (!isPickedUp) {
        isPickedUp = true;
        for (const id of orderIds) add(event.at, () => t.setStatus(driver.token, id, "picked_up"));
      }
    } else {
      const stopIndex = day.stops.indexOf(event.stop);
      add(event.at, () => t.setStatus(driver.token, orderOf(stopIndex), event.kind === "arrival" ? "arrived" : "delivered"));
    }
  }
  return steps;
}
