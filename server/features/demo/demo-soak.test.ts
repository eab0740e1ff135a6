/**
 * Soak: the demo fleet drives a simulated working day on an accelerated clock
 * against the real pipeline (nats-server, PGlite, outbox, tracker, all in this process), and what
 * must follow open work rather than history (DESIGN.md, pipeline invariant 2) is sampled every
 * simulated hour as finished orders pile up:
 *
 * - route snapshot events (`drivers.<p>.<id>.route` on LOCATIONS): size, stops listed;
 * - stream bytes (LOCATIONS + ORDERS + ORDER_VIEWS) per order finished in the window;
 * - the tracker's memory: drivers and orders in its state, per-order view caches, the size of
 *   its checkpoints (its whole state, serialised);
 * - route_stops and outbox rows (and, for the record, the history tables per finished order);
 * - customers watching: every hour the demo's current tracking links are watched afresh (the
 *   previous hour's sockets leave); the relay's rooms, nats-server's consumers and the app
 *   connection's subscriptions must not grow;
 * - the process heap after a full GC (everything runs in this process);
 * - tracker start-up time, warm (from checkpoints) and cold (no checkpoint: open work from the
 *   database), at the start of the day and at its end (median of 3 each).
 *
 * A "day" here: SOAK_HOURS (default 8) simulated hours, SOAK_DRIVERS (default 6) vans at
 * 12 m/s in Madrid, one GPS fix every 10 simulated seconds while driving, 8 s at each door,
 * routes of 6 stops loaded as the last one is delivered: about 600 finished orders. The clock
 * steps as fast as the machine goes (a few minutes of wall time on 2 busy cores) and the day
 * ends at real "now" (clock.ts says why). The series are printed at the end.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { DeliverPolicy } from "@nats-io/jetstream";
import { TRACKER_PARTITIONS } from "../../../lib/domain/partition";
import { ZLocationEvent, ZRouteEvent } from "../../../lib/schemas/events";
import { STREAMS, subjects } from "../../platform/backbone/subjects";
import { collectGarbage } from "../../../testing/collect-garbage";
import { startTestApp, waitFor, type Watcher } from "../../../testing/test-app";
import type { FleetState } from "../../pipeline/tracker/fleet-state";
import { simulatedClock } from "../../platform/clock";
import { startDemo, type Demo } from "./demo";
import { DEMO_STOPS_PER_ROUTE } from "./demo-plan";

const HOUR_MS = 3_600_000;
const DAY_HOURS = Number(process.env.SOAK_HOURS ?? 8);
const DRIVERS = Number(process.env.SOAK_DRIVERS ?? 6);
const TICK_MS = 10_000;
const ROUTE_SUBJECTS = "drivers.*.*.route";

/** Late against early: sizes per finished order may drift this much (noise), not grow with the day. */
const FLAT_FACTOR = 1.5;
const STARTUP_RUNS = 3;

interface Sample {
  hour: number;
  wallS: number;
  finished: number;
  openStops: number;
  outbox: number;
  /** LOCATIONS + ORDERS + ORDER_VIEWS bytes. */
  streamBytes: number;
  /** Stream bytes added in this window per order finished in it: all three, then each stream. */
  bytesPerFinished: number | null;
  locationsPerFinished: number | null;
  ordersPerFinished: number | null;
  viewsPerFinished: number | null;
  /** order_events and eta_predictions rows added in the window per finished order (history, kept by design). */
  eventRowsPerFinished: number | null;
  etaRowsPerFinished: number | null;
  routeEvents: number;
  routeMaxBytes: number;
  routeMeanBytes: number;
  routeMaxStops: number;
  trackerDrivers: number;
  trackerOrders: number;
  viewCache: number;
  checkpointBytes: number;
  watchers: number;
  relayRooms: number;
  natsConsumers: number;
  natsSubscriptions: number;
  heapMiB: number;
}

interface Startup {
  when: string;
  finished: number;
  warmMs: number;
  coldMs: number;
  ordersAfter: number;
}

test("a simulated day of the demo fleet: sizes follow open work, not history", { timeout: 30 * 60_000 }, async () => {
  assert.ok(DAY_HOURS >= 4 && DRIVERS >= 1, "SOAK_HOURS ≥ 4 (early and late windows), SOAK_DRIVERS ≥ 1");
  const t = await startTestApp();
  const dataDir = mkdtempSync(path.join(tmpdir(), "lastmile-soak-"));
  const dayMs = DAY_HOURS * HOUR_MS;
  const clock = simulatedClock({ startAt: Date.now() - dayMs });
  const driverNames = Array.from({ length: DRIVERS }, (_, index) => `Soak driver ${index + 1}`);
  const wallStart = performance.now();
  let demoRuns = 0;
  const demoErrors: string[] = [];
  const resumeDemo = () =>
    startDemo(t.core, {
      dataDir,
      clock,
      tickMs: TICK_MS,
      driverNames,
      seed: 8_000 + demoRuns++,
      log: (message, error) => demoErrors.push(`${message} ${error instanceof Error ? error.message : String(error ?? "")}`),
    });

  const queries = {
    finished: () => t.db.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM orders WHERE status IN ('delivered', 'failed')`,
    route_stops: () => t.db.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM route_stops`,
    outbox: () => t.db.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM outbox`,
    order_events: () => t.db.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM order_events`,
    eta_predictions: () => t.db.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM eta_predictions`,
    checkpoint_bytes: () => t.db.prisma.$queryRaw<{ n: bigint | null }[]>`SELECT sum(length(state::text))::bigint AS n FROM tracker_checkpoints`,
  };
  const count = async (what: keyof typeof queries): Promise<number> => {
    const [row] = await queries[what]();
    return Number(row?.n ?? 0);
  };
  const streamBytes = async () => {
    const [locations, orders, views] = await Promise.all([STREAMS.locations, STREAMS.orders, STREAMS.orderViews].map(async (stream) => (await t.core.jsm.streams.info(stream)).state.bytes));
    return { locations: locations!, orders: orders!, views: views!, total: locations! + orders! + views! };
  };

  /** Route snapshots stored since the last call: their sizes and the stops they list. */
  let routeSeqRead = 0;
  let routeMessagesRead = 0;
  const readNewRouteEvents = async (): Promise<{ bytes: number; stops: number; left: number }[]> => {
    const info = await t.core.jsm.streams.info(STREAMS.locations, { subjects_filter: ROUTE_SUBJECTS });
    const stored = Object.values(info.state.subjects ?? {}).reduce((sum, n) => sum + n, 0);
    let wanted = stored - routeMessagesRead;
    const events: { bytes: number; stops: number; left: number }[] = [];
    if (wanted <= 0) return events;
    const consumer = await t.core.js.consumers.get(STREAMS.locations, {
      filter_subjects: ROUTE_SUBJECTS,
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: routeSeqRead + 1,
    });
    while (wanted > 0) {
      const batch = await consumer.fetch({ max_messages: Math.min(wanted, 500), expires: 5_000 });
      let got = 0;
      for await (const message of batch) {
        const event = ZRouteEvent.parse(message.json());
        events.push({ bytes: message.data.length, stops: event.stops.length, left: event.left.length });
        routeSeqRead = message.seq;
        got++;
        wanted--;
        if (wanted === 0) break;
      }
      if (got === 0) throw new Error(`route events: ${wanted} stored but not delivered`);
    }
    await consumer.delete().catch(() => undefined);
    routeMessagesRead += events.length;
    return events;
  };

  const trackerMemory = () => {
    const tracker = t.tracker!;
    let viewCache = 0;
    for (const partition of tracker.owned()) viewCache += tracker.worker(partition)?.lastContentSize() ?? 0;
    return { ...tracker.sizes(), viewCache };
  };

  /** Customers watching the demo's freshest links this hour; replaced every hour. */
  let watchers: Watcher[] = [];
  const watchCurrentLinks = async (links: readonly string[]) => {
    for (const watcher of watchers) watcher.close();
    watchers = [];
    for (const link of links) {
      const token = /^\/track\/([^/?#]+)$/.exec(link)?.[1];
      assert.ok(token, `a demo tracking link: ${link}`);
      const watcher = await t.watch(token);
      assert.ok("data" in watcher.ack, `watching ${link}: ${JSON.stringify(watcher.ack)}`);
      watchers.push(watcher);
    }
  };
  const monitor = t.nats.monitor!;
  const natsCounts = async () => ({
    consumers: (await monitor.consumers()).length,
    subscriptions: (await monitor.subscriptions("lastmile")).length,
  });

  const samples: Sample[] = [];
  type Totals = { finished: number; bytes: Awaited<ReturnType<typeof streamBytes>>; eventRows: number; etaRows: number };
  const totals = async (): Promise<Totals> => ({
    finished: await count("finished"),
    bytes: await streamBytes(),
    eventRows: await count("order_events"),
    etaRows: await count("eta_predictions"),
  });
  let previous: Totals;
  const sample = async (hour: number, links: readonly string[]) => {
    const now = await totals();
    const [openStops, outbox, checkpointBytes, routes, nats] = [await count("route_stops"), await count("outbox"), await count("checkpoint_bytes"), await readNewRouteEvents(), await natsCounts()];
    const memory = trackerMemory();
    const done = now.finished - previous.finished;
    const perDone = (delta: number) => (done > 0 ? Math.round((delta / done) * 10) / 10 : null);
    collectGarbage();
    samples.push({
      hour,
      wallS: Math.round((performance.now() - wallStart) / 1000),
      finished: now.finished,
      openStops,
      outbox,
      streamBytes: now.bytes.total,
      bytesPerFinished: done > 0 ? Math.round((now.bytes.total - previous.bytes.total) / done) : null,
      locationsPerFinished: done > 0 ? Math.round((now.bytes.locations - previous.bytes.locations) / done) : null,
      ordersPerFinished: done > 0 ? Math.round((now.bytes.orders - previous.bytes.orders) / done) : null,
      viewsPerFinished: done > 0 ? Math.round((now.bytes.views - previous.bytes.views) / done) : null,
      eventRowsPerFinished: perDone(now.eventRows - previous.eventRows),
      etaRowsPerFinished: perDone(now.etaRows - previous.etaRows),
      routeEvents: routes.length,
      routeMaxBytes: Math.max(0, ...routes.map((event) => event.bytes)),
      routeMeanBytes: routes.length ? Math.round(routes.reduce((sum, event) => sum + event.bytes, 0) / routes.length) : 0,
      routeMaxStops: Math.max(0, ...routes.map((event) => event.stops + event.left)),
      trackerDrivers: memory.drivers,
      trackerOrders: memory.orders,
      viewCache: memory.viewCache,
      checkpointBytes,
      watchers: watchers.length,
      relayRooms: t.app.relay.watchedOrderIds().length,
      natsConsumers: nats.consumers,
      natsSubscriptions: nats.subscriptions,
      heapMiB: Math.round((process.memoryUsage().heapUsed / 2 ** 20) * 10) / 10,
    });
    previous = now;
    await watchCurrentLinks(links);
  };

  /**
   * The demo paused and everything applied, the tracker is stopped and started again: warm
   * (from its checkpoints, the normal restart), then cold (checkpoints deleted: open work read
   * from the database). Each time: until every partition is owned and caught up.
   */
  const startups: Startup[] = [];
  const measureStartup = async (when: string, demo: Demo | null) => {
    await demo?.stop();
    await waitFor(async () => (await count("outbox")) === 0 && t.tracker!.isCaughtUp(), 30_000, "outbox drained, tracker caught up");
    // Let the projection writer take a checkpoint of everything applied.
    const restart = async (cold: boolean) => {
      await t.stopTracker();
      if (cold) await t.db.prisma.$executeRaw`DELETE FROM tracker_checkpoints`;
      const startedAt = performance.now();
      await t.startTracker();
      return performance.now() - startedAt;
    };
    const warm: number[] = [];
    const cold: number[] = [];
    for (let run = 0; run < STARTUP_RUNS; run++) {
      warm.push(await restart(false));
      cold.push(await restart(true));
    }
    startups.push({ when, finished: await count("finished"), warmMs: median(warm), coldMs: median(cold), ordersAfter: t.tracker!.sizes().orders });
  };

  try {
    let demo = await resumeDemo();
    await measureStartup("start of day", demo);
    const demoFileBytesAtStart = statSync(path.join(dataDir, "demo.json")).size;
    demo = await resumeDemo();
    previous = await totals();
    await readNewRouteEvents();
    await watchCurrentLinks(demo.trackingUrls);

    for (let hour = 1; hour <= DAY_HOURS; hour++) {
      await waitFor(() => clock.elapsed() >= hour * HOUR_MS, 10 * 60_000, `simulated hour ${hour}`);
      if (hour === DAY_HOURS) await demo.stop();
      await sample(hour, hour === DAY_HOURS ? [] : demo.trackingUrls);
    }
    const dayEndedAt = clock.now();
    assert.ok(dayEndedAt <= Date.now(), "the simulated day ended no later than real now: no fix was dated in the future");
    assert.ok(demo.trackingUrls.length <= DRIVERS * 2, `the demo keeps ${demo.trackingUrls.length} tracking links (≤ 2 per driver)`);
    const demoFileBytesAtEnd = statSync(path.join(dataDir, "demo.json")).size;
    assert.ok(demoFileBytesAtEnd <= demoFileBytesAtStart * 1.2, `demo.json ${demoFileBytesAtStart} → ${demoFileBytesAtEnd} bytes`);

    // Every fix of the day was plausible to the GPS filter: each van's position in the tracker is
    // its last fix of the day (a rejected "future" or "jump" fix would leave it behind).
    await waitFor(() => t.tracker!.isCaughtUp(), 30_000, "the tracker to catch up with the day");
    const tracker = t.tracker!;
    const vans = tracker.owned().flatMap((partition) => {
      const state = tracker.worker(partition)?.state;
      return state ? driverIdsOf(state).map((id) => ({ id, acceptedAt: state.driverOf(id)?.position?.at ?? 0 })) : [];
    });
    assert.equal(vans.filter((van) => van.acceptedAt > 0).length, DRIVERS, "every van has a position in the tracker");
    // A van left behind says which side stopped: its last fix on LOCATIONS against the tracker's
    // last accepted one (the GPS filter refused the later ones, or they never came), and the demo's errors.
    const demoErrorsSoFar = `demo errors so far: ${demoErrors.length}${demoErrors.length ? ` (${demoErrors.slice(0, 3).join("; ")})` : ""}`;
    const secondsBeforeEnd = (at: number) => `${Math.round((dayEndedAt - at) / 1000)} s before the day's end`;
    for (const van of vans) {
      if (dayEndedAt - van.acceptedAt <= 2 * TICK_MS + 8_000) continue;
      const lastSent = await t.core.jsm.streams.getMessage(STREAMS.locations, { last_by_subj: subjects.driverLocation(van.id) }).catch(() => null);
      const sent = lastSent ? ZLocationEvent.parse(lastSent.json()) : null;
      const why = !sent
        ? "no fix of it on LOCATIONS"
        : sent.at > van.acceptedAt
          ? `its last fix on LOCATIONS is ${secondsBeforeEnd(sent.at)} (received ${secondsBeforeEnd(sent.receivedAt)}): the tracker refused or did not apply the fixes after ${secondsBeforeEnd(van.acceptedAt)}`
          : "its last fix on LOCATIONS is the one the tracker accepted: the demo stopped sending";
      assert.fail(`van ${van.id}: last accepted fix ${secondsBeforeEnd(van.acceptedAt)}; ${why}; ${demoErrorsSoFar}`);
    }

    await measureStartup("end of day", null);
    const consumersAfterRestarts = (await natsCounts()).consumers;

    // The figures, for the note.
    const ticks = demo.stats;
    console.log(
      `\nsoak: ${DAY_HOURS} simulated hours (${new Date(clock.now() - dayMs).toISOString()} → ${new Date(dayEndedAt).toISOString()}), ` +
        `${DRIVERS} drivers, tick ${TICK_MS / 1000} s, ${samples.at(-1)!.finished} orders finished, ` +
        `${Math.round((performance.now() - wallStart) / 1000)} s wall; last demo run: ${ticks.ticks} ticks, ${ticks.routesLoaded} routes; ` +
        `demo.json ${demoFileBytesAtStart} → ${demoFileBytesAtEnd} B; demo errors: ${demoErrors.length}`,
    );
    const columns = <K extends keyof Sample>(keys: K[]) => samples.map((row) => Object.fromEntries(keys.map((key) => [key, row[key]])));
    console.log("streams and route snapshots (bytes; per finished order = this window's growth / orders finished in it):");
    console.table(
      columns([
        "hour",
        "wallS",
        "finished",
        "streamBytes",
        "bytesPerFinished",
        "locationsPerFinished",
        "ordersPerFinished",
        "viewsPerFinished",
        "routeEvents",
        "routeMeanBytes",
        "routeMaxBytes",
        "routeMaxStops",
      ]),
    );
    console.log("open work, memory and tables:");
    console.table(
      columns([
        "hour",
        "openStops",
        "outbox",
        "trackerDrivers",
        "trackerOrders",
        "viewCache",
        "checkpointBytes",
        "watchers",
        "relayRooms",
        "natsConsumers",
        "natsSubscriptions",
        "heapMiB",
        "eventRowsPerFinished",
        "etaRowsPerFinished",
      ]),
    );
    console.log(`tracker start-up (median of ${STARTUP_RUNS}; until all ${TRACKER_PARTITIONS} partitions are owned and caught up):`);
    console.table(startups);
    console.log(`nats-server consumers after ${4 * STARTUP_RUNS} tracker restarts: ${consumersAfterRestarts}`);

    // --- Route snapshots: bounded by the open stops of one route, whatever the day's history.
    const early = samples.slice(1, 1 + Math.max(1, Math.floor(DAY_HOURS / 4)));
    const late = samples.slice(-Math.max(1, Math.floor(DAY_HOURS / 4)));
    const max = (rows: Sample[], key: keyof Sample) => Math.max(...rows.map((row) => Number(row[key] ?? 0)));
    for (const row of samples) {
      assert.ok(row.routeMaxStops <= DEMO_STOPS_PER_ROUTE, `hour ${row.hour}: a route event lists ${row.routeMaxStops} stops (open + left), more than a route has`);
    }
    assert.ok(max(late, "routeMaxBytes") <= FLAT_FACTOR * max(early, "routeMaxBytes"), "largest route event: late ≤ 1.5 × early");
    assert.ok(max(late, "routeMeanBytes") <= FLAT_FACTOR * max(early, "routeMeanBytes"), "mean route event: late ≤ 1.5 × early");

    // --- Stream bytes per finished order: the early windows (the first, when routes are loaded
    // but few delivered, aside) against the last ones.
    const perFinished = (rows: Sample[]) => {
      const index = samples.indexOf(rows[0]!);
      const before = samples[index - 1]!;
      const last = rows.at(-1)!;
      return (last.streamBytes - before.streamBytes) / (last.finished - before.finished);
    };
    const earlyPerFinished = perFinished(early);
    const latePerFinished = perFinished(late);
    assert.ok(latePerFinished <= FLAT_FACTOR * earlyPerFinished, `stream bytes per finished order: early ${Math.round(earlyPerFinished)}, late ${Math.round(latePerFinished)}`);

    // --- Memory and tables follow open work: at most one route of open stops per van.
    const openBound = DRIVERS * DEMO_STOPS_PER_ROUTE;
    for (const row of samples) {
      assert.ok(row.openStops <= openBound, `hour ${row.hour}: ${row.openStops} route_stops rows`);
      assert.ok(row.trackerDrivers <= DRIVERS, `hour ${row.hour}: ${row.trackerDrivers} drivers in the tracker`);
      assert.ok(row.trackerOrders <= openBound, `hour ${row.hour}: ${row.trackerOrders} orders in the tracker's memory`);
      assert.ok(row.viewCache <= 2 * openBound, `hour ${row.hour}: ${row.viewCache} view cache entries`);
      assert.ok(row.outbox <= 4 * DRIVERS, `hour ${row.hour}: ${row.outbox} outbox rows waiting`);
    }
    assert.ok(max(late, "checkpointBytes") <= FLAT_FACTOR * max(early, "checkpointBytes"), "checkpoint bytes: late ≤ 1.5 × early");
    for (const row of samples) assert.ok(row.relayRooms <= row.watchers, `hour ${row.hour}: ${row.relayRooms} relay rooms for ${row.watchers} watched links`);
    assert.ok(max(late, "natsConsumers") <= max(early, "natsConsumers"), "nats-server consumers: no more late than early");
    // One ordered consumer per partition (the relay keeps none), however often the tracker restarted (12 times here).
    assert.ok(consumersAfterRestarts <= TRACKER_PARTITIONS + 2, `${consumersAfterRestarts} consumers on nats-server after the restarts`);
    assert.ok(max(late, "natsSubscriptions") <= max(early, "natsSubscriptions"), "the app connection's subscriptions: no more late than early");
    assert.ok(max(late, "heapMiB") <= FLAT_FACTOR * max(early, "heapMiB"), "heap after GC: late ≤ 1.5 × early");
    assert.equal(await count("outbox"), 0, "the outbox is empty once the day is over");

    // --- Start-up: open work only, so no slower after the day than before it.
    const [first, last] = [startups[0]!, startups[1]!];
    assert.ok(last.warmMs <= 2 * first.warmMs + 1_000, `warm start-up ${first.warmMs} → ${last.warmMs} ms`);
    assert.ok(last.coldMs <= 2 * first.coldMs + 1_000, `cold start-up ${first.coldMs} → ${last.coldMs} ms`);
    assert.ok(last.ordersAfter <= openBound, `after the day the tracker starts with ${last.ordersAfter} orders (open stops only)`);
    assert.equal(demoErrors.length, 0, `the demo ran without errors: ${demoErrors.slice(0, 3).join("; ")}`);
  } finally {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)]!);
}

/** The drivers a partition's state knows (its snapshot lists them). */
function driverIdsOf(state: FleetState): string[] {
  return state.snapshot().drivers.map((driver) => driver.id);
}
