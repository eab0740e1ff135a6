/**
 * The load benchmark: the production server on its own nats-server and database,
 * a simulated fleet with a socket per order, HTTP load from autocannon, and probe fixes timed to
 * a customer's socket. Every figure is printed beside a baseline measured in the same run
 * (JetStream's own acknowledged publish rate; a minimal NATS → Socket.IO relay) and written to
 * bench/results/ as JSON and Markdown.
 *
 * Sizes: BENCH_DRIVERS (200) drivers with BENCH_ORDERS_PER_DRIVER (10) picked-up orders each,
 * every order watched; BENCH_SECONDS (10) per load phase; BENCH_PHASES to run only some phases;
 * BENCH_RAMP the fleet sizes tried for the largest fleet within the targets.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { startNatsServer } from "../server/platform/backbone/nats-server-process";
import { jetStreamPublishRate, minimalHttpIngestRate, minimalRelayLatency } from "./load/baselines";
import { BenchApi, Probe, seedFleet, watchInThread } from "./load/fleet";
import { loadIngest } from "./load/ingest-load";
import { processCpuSeconds, processRssBytes, startServerUnderTest, type ServerUnderTest } from "./load/server-under-test";
import { eventLoopDelayMs, scrapeMetrics, settledHeapBytes, viewsPerAcceptedFix } from "./load/server-metrics";
import { round, summarize, type LatencySummary } from "./load/stats";

const DRIVERS = Number(process.env.BENCH_DRIVERS ?? 200);
const ORDERS_PER_DRIVER = Number(process.env.BENCH_ORDERS_PER_DRIVER ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/**
 * The fleet ramp: sizes in drivers at 1 Hz (BENCH_RAMP) after the seeded fleet's own 1 Hz phase;
 * drivers beyond the seeded fleet have one picked-up order watched by RAMP_WATCHERS_PER_DRIVER
 * sockets. It stops once probes are lost or fixes refused; the figure is the largest size within
 * the targets (TARGETS).
 */
const RAMP = (process.env.BENCH_RAMP ?? "500,1000,1500,2000").split(",").map(Number);
const RAMP_WATCHERS_PER_DRIVER = 5;
const TARGETS = { p99Ms: 50, stallMs: 100, acceptedShare: 0.95 };
/** BENCH_PHASES=ingest1,ingest50,quarter,fleet,ramp runs only those phases (to profile one); all by default. */
const PHASES = process.env.BENCH_PHASES?.split(",").map((phase) => phase.trim());
const isPhaseOn = (phase: string) => !PHASES || PHASES.includes(phase);
const ADMIN_TOKEN = "bench-admin-token-0123456789abcdef0123456789abcdef";

/** The longest an /api/health request took while `until` ran: a stalled event loop shows here. */
async function sampleStalls(server: ServerUnderTest, until: Promise<unknown>): Promise<number> {
  let isDone = false;
  void until.then(() => (isDone = true));
  let worst = 0;
  while (!isDone) {
    const started = performance.now();
    await fetch(`${server.baseUrl}/api/health`).catch(() => null);
    worst = Math.max(worst, performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return worst;
}

interface RampStep {
  drivers: number;
  watchers: number;
  /** Of the sockets this step added: server heap and nats-server RSS each (null: none added). */
  heapPerSocketKiB: number | null;
  natsPerSocketKiB: number | null;
  phase: Phase | null;
  isWithinTargets: boolean;
}

interface Phase {
  name: string;
  /** Saturated phases compare with JetStream's own rate and the minimal HTTP ingest; rate-capped ones do not. */
  isSaturated: boolean;
  fixesPerRequest: number;
  acceptedFixesPerSecond?: number;
  requestsPerSecond?: number;
  non2xx?: number;
  errors?: number;
  latency?: LatencySummary;
  probesLost?: number;
  drainMs?: number | null;
  worstHealthMs: number;
  /** The server's own event-loop delay over the phase (its /metrics): the stall figure. */
  eventLoopDelayMs: { max: number; p99: number };
  /** This process's own event-loop delay (it receives every watcher's frames): part of each probe's time. */
  benchLoopDelayMs: { max: number; p99: number };
  serverCpuPercent: number;
  /** Order views the relay emitted per accepted fix: the fan-out each fix costs (an order's view is skipped when unchanged). */
  viewsPerFix: number;
  /** The rest of the machine in the same seconds: nats-server, and this process (load generator and watchers). */
  natsCpuPercent: number;
  benchCpuPercent: number;
  serverRssMiB: number;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "lastmile-load-"));
  const nats = await startNatsServer({ storeDir: path.join(dataDir, "nats") });
  const server = await startServerUnderTest({ natsUrl: nats.url, dataDir: path.join(dataDir, "app"), adminToken: ADMIN_TOKEN, env: { DATABASE_URL: process.env.DATABASE_URL ?? "" } });
  const api = new BenchApi(server.baseUrl, ADMIN_TOKEN);
  const phases: Phase[] = [];
  const log = (line: string) => console.log(line);

  try {
    log(`machine: ${cpus().length} cores; database: ${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"}`);
    const publishRate = await jetStreamPublishRate(nats.url, 5);
    log(`baseline: JetStream acknowledged publish, one client: ${Math.round(publishRate)}/s`);
    const minimalIngest = {
      oneFix: (await minimalHttpIngestRate(nats.url, 5, 64, 1)).fixesPerSecond,
      fiftyFixes: (await minimalHttpIngestRate(nats.url, 5, 16, 50)).fixesPerSecond,
    };
    log(`baseline: minimal Node HTTP ingest: ${Math.round(minimalIngest.oneFix)} fixes/s (1 per request), ${Math.round(minimalIngest.fiftyFixes)} fixes/s (50 per request)`);
    const relayFloor = await minimalRelayLatency(nats.url, 200);
    log(`baseline: minimal relay (NATS → Socket.IO) p50 ${relayFloor.p50.toFixed(2)} ms, p99 ${relayFloor.p99.toFixed(2)} ms`);

    const probe = await Probe.start(api);
    const idle: number[] = [];
    for (let index = 0; index < 50; index++) {
      const latency = await probe.measure();
      if (latency !== null) idle.push(latency);
    }
    log(`idle server: fix → socket p50 ${summarize(idle).p50.toFixed(2)} ms`);

    const seeded = await seedFleet(api, DRIVERS, ORDERS_PER_DRIVER, "Bench");
    const ordersPerSecond = seeded.orders / seeded.orderSeconds;
    log(`seeded ${DRIVERS} drivers × ${ORDERS_PER_DRIVER} orders: ${ordersPerSecond.toFixed(0)} orders/s created with assignment`);
    const rssBefore = server.rssBytes();
    const heapBefore = await settledHeapBytes(server.baseUrl, ADMIN_TOKEN);
    const watchers = await watchInThread(
      server.baseUrl,
      seeded.drivers.flatMap((driver) => driver.orderTokens),
    );
    const heapPerSocket = ((await settledHeapBytes(server.baseUrl, ADMIN_TOKEN)) - heapBefore) / watchers.count;
    const rssPerSocket = (server.rssBytes() - rssBefore) / watchers.count;
    log(`${watchers.count} watching sockets: +${(heapPerSocket / 1024).toFixed(1)} KiB server heap, +${(rssPerSocket / 1024).toFixed(1)} KiB RSS each`);

    const runPhase = async (
      name: string,
      fixesPerRequest: number,
      load: () => Promise<{ fixesPerSecond: number; requestsPerSecond: number; non2xx: number; errors: number } | null>,
      probeEveryMs: number | null,
    ): Promise<Phase> => {
      const metricsBefore = await scrapeMetrics(server.baseUrl, ADMIN_TOKEN);
      const benchLoop = monitorEventLoopDelay({ resolution: 10 });
      benchLoop.enable();
      const windowStartUs = process.hrtime.bigint() / 1000n;
      const cpuBefore = server.cpuSeconds();
      const natsCpuBefore = processCpuSeconds(nats.pid);
      const benchCpuBefore = process.cpuUsage();
      const started = performance.now();
      const work = load();
      const [result, stalls, probes] = await Promise.all([work, sampleStalls(server, work), probeEveryMs ? probe.run(probeEveryMs, work) : null]);
      // Drain: how long until a fix sent right after the load reaches its customer.
      const metricsAfter = await scrapeMetrics(server.baseUrl, ADMIN_TOKEN);
      const loopDelay = eventLoopDelayMs(metricsAfter);
      benchLoop.disable();
      const drainMs = await probe.measure(30_000);
      const elapsed = (performance.now() - started) / 1000;
      const phase: Phase = {
        name,
        isSaturated: !/quarter|1 Hz/.test(name),
        fixesPerRequest,
        ...(result ? { acceptedFixesPerSecond: result.fixesPerSecond, requestsPerSecond: result.requestsPerSecond, non2xx: result.non2xx, errors: result.errors } : {}),
        ...(probes ? { latency: summarize(probes.latencies), probesLost: probes.lost } : {}),
        drainMs,
        worstHealthMs: stalls,
        eventLoopDelayMs: loopDelay,
        viewsPerFix: viewsPerAcceptedFix(metricsBefore, metricsAfter),
        benchLoopDelayMs: { max: benchLoop.max / 1e6, p99: benchLoop.percentile(99) / 1e6 },
        serverCpuPercent: ((server.cpuSeconds() - cpuBefore) / elapsed) * 100,
        natsCpuPercent: ((processCpuSeconds(nats.pid) - natsCpuBefore) / elapsed) * 100,
        benchCpuPercent: (((usage) => (usage.user + usage.system) / 1e6)(process.cpuUsage(benchCpuBefore)) / elapsed) * 100,
        serverRssMiB: server.rssBytes() / 2 ** 20,
      };
      log(`${name}: ${JSON.stringify(phase)}`);
      // The same monotonic clock as the server's CPU profile: profile-summary can cut this phase out.
      if (process.env.BENCH_PROFILE) log(`profile window: tsx bench/load/profile-summary.ts <file> ${windowStartUs} ${process.hrtime.bigint() / 1000n}`);
      phases.push(phase);
      return phase;
    };

    const drivers = seeded.drivers;
    const saturated = isPhaseOn("ingest1") ? await runPhase("ingest, 1 fix per request, saturated", 1, () => loadIngest({ baseUrl: server.baseUrl, drivers, seconds: SECONDS }), null) : null;
    if (isPhaseOn("ingest50"))
      await runPhase("ingest, 50 fixes per request, saturated", 50, () => loadIngest({ baseUrl: server.baseUrl, drivers, seconds: SECONDS, fixesPerRequest: 50, connections: 16 }), null);
    if (saturated && isPhaseOn("quarter")) {
      const quarter = Math.max(1, Math.round((saturated.requestsPerSecond ?? 0) / 4));
      await runPhase(`quarter of max load (${quarter} fixes/s)`, 1, () => loadIngest({ baseUrl: server.baseUrl, drivers, seconds: SECONDS, rate: quarter, connections: 16 }), 100);
    }
    const fleetPhase = isPhaseOn("fleet")
      ? await runPhase(
          `fleet at 1 Hz (${DRIVERS} fixes/s, ${watchers.count} watchers)`,
          1,
          () => loadIngest({ baseUrl: server.baseUrl, drivers, seconds: SECONDS, rate: DRIVERS, connections: 16 }),
          100,
        )
      : null;

    // The ramp: the seeded fleet's 1 Hz phase first, then more drivers at 1 Hz, each watched by
    // several sockets, until the server no longer keeps up.
    const isWithinTargets = (phase: Phase, size: number) =>
      (phase.latency?.p99 ?? Infinity) <= TARGETS.p99Ms &&
      phase.probesLost === 0 &&
      phase.eventLoopDelayMs.max <= TARGETS.stallMs &&
      (phase.acceptedFixesPerSecond ?? 0) >= size * TARGETS.acceptedShare;
    const ramp: RampStep[] = fleetPhase
      ? [{ drivers: DRIVERS, watchers: watchers.count, heapPerSocketKiB: heapPerSocket / 1024, natsPerSocketKiB: null, phase: fleetPhase, isWithinTargets: isWithinTargets(fleetPhase, DRIVERS) }]
      : [];
    const rampDrivers = [...drivers];
    const rampWatchers = [watchers];
    for (const size of isPhaseOn("ramp") ? RAMP.filter((size) => size > DRIVERS) : []) {
      if (size > rampDrivers.length) {
        const added = await seedFleet(api, size - rampDrivers.length, 1, `Ramp ${size}`);
        rampDrivers.push(...added.drivers);
        const heapBeforeSockets = await settledHeapBytes(server.baseUrl, ADMIN_TOKEN);
        const natsRssBefore = processRssBytes(nats.pid);
        const tokens = added.drivers.flatMap((driver) => Array.from({ length: RAMP_WATCHERS_PER_DRIVER }, () => driver.orderTokens[0]!));
        const opened = await watchInThread(server.baseUrl, tokens);
        rampWatchers.push(opened);
        const heapPerSocketKiB = ((await settledHeapBytes(server.baseUrl, ADMIN_TOKEN)) - heapBeforeSockets) / tokens.length / 1024;
        const natsPerSocketKiB = (processRssBytes(nats.pid) - natsRssBefore) / tokens.length / 1024;
        log(`ramp ${size}: +${tokens.length} sockets, +${heapPerSocketKiB.toFixed(1)} KiB server heap and +${natsPerSocketKiB.toFixed(1)} KiB nats-server RSS each`);
        ramp.push({ drivers: size, watchers: 0, heapPerSocketKiB, natsPerSocketKiB, phase: null, isWithinTargets: false });
      } else {
        ramp.push({ drivers: size, watchers: 0, heapPerSocketKiB: null, natsPerSocketKiB: null, phase: null, isWithinTargets: false });
      }
      const step = ramp.at(-1)!;
      step.watchers = rampWatchers.reduce((sum, open) => sum + open.count, 0);
      const fleetNow = rampDrivers.slice(0, size);
      step.phase = await runPhase(
        `ramp: ${size} drivers at 1 Hz, ${step.watchers} watchers`,
        1,
        () => loadIngest({ baseUrl: server.baseUrl, drivers: fleetNow, seconds: SECONDS, rate: size, connections: 32 }),
        100,
      );
      step.isWithinTargets = isWithinTargets(step.phase, size);
      log(`ramp ${size}: ${step.isWithinTargets ? "within" : "outside"} the targets`);
      // Latency over target on a busy machine may recover at the next size; lost probes or refused fixes do not.
      if ((step.phase.probesLost ?? 0) > 0 || (step.phase.acceptedFixesPerSecond ?? 0) < size * TARGETS.acceptedShare) break;
    }

    await Promise.all(rampWatchers.map((open) => open.close()));
    probe.close();

    const report = {
      date: new Date().toISOString(),
      cores: cpus().length,
      database: process.env.DATABASE_URL ? "PostgreSQL" : "PGlite",
      fleet: { drivers: DRIVERS, ordersPerDriver: ORDERS_PER_DRIVER, watchers: watchers.count },
      baselines: { jetStreamPublishPerSecond: publishRate, minimalHttpIngest: minimalIngest, minimalRelay: relayFloor },
      idleLatency: summarize(idle),
      ordersCreatedPerSecond: ordersPerSecond,
      serverRssPerWatcherKiB: rssPerSocket / 1024,
      serverHeapPerWatcherKiB: heapPerSocket / 1024,
      phases,
      ramp: ramp.map(({ phase, ...step }) => ({ ...step, phase: phase?.name ?? null })),
    };
    writeReport(report);
  } finally {
    await server.stop();
    await nats.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function writeReport(report: {
  date: string;
  cores: number;
  database: string;
  fleet: { drivers: number; ordersPerDriver: number; watchers: number };
  baselines: { jetStreamPublishPerSecond: number; minimalHttpIngest: { oneFix: number; fiftyFixes: number }; minimalRelay: LatencySummary };
  idleLatency: LatencySummary;
  ordersCreatedPerSecond: number;
  serverRssPerWatcherKiB: number;
  serverHeapPerWatcherKiB: number;
  phases: Phase[];
  ramp: (Omit<RampStep, "phase"> & { phase: string | null })[];
}): void {
  const dir = path.join(import.meta.dirname, "results");
  mkdirSync(dir, { recursive: true });
  const stamp = report.date.slice(0, 19).replace(/[:T]/g, "-");
  writeFileSync(path.join(dir, `load-${stamp}.json`), JSON.stringify(report, null, 2) + "\n");
  const base = report.baselines;
  const ms = (value: number | undefined | null) => (value === undefined || value === null ? "–" : `${round(value, 1)} ms`);
  const lines = [
    `# Load benchmark — ${report.date.slice(0, 10)}`,
    "",
    `${report.cores} cores, ${report.database}; fleet: ${report.fleet.drivers} drivers × ${report.fleet.ordersPerDriver} picked-up orders, ${report.fleet.watchers} watching sockets.`,
    "",
    `Baselines in the same run: JetStream acknowledged publish from one client **${Math.round(base.jetStreamPublishPerSecond)}/s**; ` +
      `a minimal Node HTTP ingest (node:http, JSON.parse, an acknowledged publish per fix, nothing else; same load generator) **${Math.round(base.minimalHttpIngest.oneFix)} fixes/s** with 1 fix per request, **${Math.round(base.minimalHttpIngest.fiftyFixes)}/s** with 50; ` +
      `minimal relay (NATS → Socket.IO, no app logic) p50 ${ms(base.minimalRelay.p50)}, p99 ${ms(base.minimalRelay.p99)}.`,
    "",
    `Orders created through the API with assignment: ${round(report.ordersCreatedPerSecond, 0)}/s. Server heap per idle watching socket, read from /metrics without a forced GC (an upper bound; bench/socket-heap.ts measures it after forced GCs): ${round(report.serverHeapPerWatcherKiB, 1)} KiB (RSS ${round(report.serverRssPerWatcherKiB, 1)} KiB). Idle fix → socket p50 ${ms(report.idleLatency.p50)}.`,
    "",
    "| phase | accepted fixes/s | × JetStream baseline | × minimal HTTP ingest | fix → socket p50 / p95 / p99 | × relay floor (p99) | bench's own loop delay max | probes lost | drain after | worst event-loop delay (p99) | worst /api/health | CPU: server / nats / bench | server CPU per 1,000 fixes | views per fix | RSS |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...report.phases
      .map((phase) =>
        [
          phase.name,
          phase.acceptedFixesPerSecond === undefined ? "–" : String(Math.round(phase.acceptedFixesPerSecond)),
          phase.acceptedFixesPerSecond === undefined || !phase.isSaturated ? "–" : `${round(phase.acceptedFixesPerSecond / base.jetStreamPublishPerSecond, 2)}`,
          phase.acceptedFixesPerSecond === undefined || !phase.isSaturated
            ? "–"
            : `${round(phase.acceptedFixesPerSecond / (phase.fixesPerRequest === 50 ? base.minimalHttpIngest.fiftyFixes : base.minimalHttpIngest.oneFix), 2)}`,
          phase.latency ? `${ms(phase.latency.p50)} / ${ms(phase.latency.p95)} / ${ms(phase.latency.p99)}` : "–",
          phase.latency ? `${round(phase.latency.p99 / base.minimalRelay.p99, 1)}` : "–",
          phase.latency ? ms(phase.benchLoopDelayMs.max) : "–",
          phase.probesLost === undefined ? "–" : String(phase.probesLost),
          ms(phase.drainMs),
          `${ms(phase.eventLoopDelayMs.max)} (${ms(phase.eventLoopDelayMs.p99)})`,
          ms(phase.worstHealthMs),
          `${round(phase.serverCpuPercent, 0)} / ${round(phase.natsCpuPercent, 0)} / ${round(phase.benchCpuPercent, 0)} %`,
          // What a fix costs the server whatever else runs on the machine: the figure to compare across runs.
          phase.acceptedFixesPerSecond ? `${round((phase.serverCpuPercent * 10) / phase.acceptedFixesPerSecond, 2)} s` : "–",
          Number.isFinite(phase.viewsPerFix) ? `${round(phase.viewsPerFix, 1)}` : "–",
          `${round(phase.serverRssMiB, 0)} MiB`,
        ].join(" | "),
      )
      .map((row) => `| ${row} |`),
    "",
    ...rampSummary(report.ramp),
  ];
  writeFileSync(path.join(dir, `load-${stamp}.md`), lines.join("\n"));
  writeFileSync(path.join(dir, "latest.md"), lines.join("\n"));
  console.log("\n" + lines.join("\n"));
}

function rampSummary(ramp: (Omit<RampStep, "phase"> & { phase: string | null })[]): string[] {
  if (ramp.length === 0) return [];
  const held = ramp.filter((step) => step.isWithinTargets).at(-1);
  const heap = ramp.map((step) => step.heapPerSocketKiB).filter((value): value is number => value !== null);
  const nats = ramp.map((step) => step.natsPerSocketKiB).filter((value): value is number => value !== null);
  const kib = (values: number[]) => (values.length ? `${round(Math.max(...values), 1)} KiB` : "–");
  return [
    `Fleet ramp (drivers at 1 Hz; beyond the seeded fleet, each driver's order watched by ${RAMP_WATCHERS_PER_DRIVER} sockets; targets: fix → socket p99 ≤ ${TARGETS.p99Ms} ms, no probe lost, no event-loop stall over ${TARGETS.stallMs} ms, ≥ ${TARGETS.acceptedShare * 100} % of fixes accepted): ` +
      (held ? `**largest fleet within the targets: ${held.drivers} drivers, ${held.watchers} watching sockets**` : "**no size tried was within the targets**") +
      `; tried ${ramp.map((step) => `${step.drivers}${step.isWithinTargets ? " ✓" : " ✗"}`).join(", ")}. ` +
      `Per added watching socket (worst step): server heap ${kib(heap)}, nats-server RSS ${kib(nats)}.`,
    "",
  ];
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
