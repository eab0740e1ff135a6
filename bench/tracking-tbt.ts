/**
 * `npx tsx bench/tracking-tbt.ts`: the tracking page's long main-thread tasks while it loads, the
 * figure behind Lighthouse's total blocking time, measured directly and so far less noisy than a
 * Lighthouse score. Each load is a fresh Chromium context (nothing cached) at a phone's screen,
 * traced (CDP Tracing) from the navigation until the page is live over its socket and a second
 * more. As Lighthouse's mobile preset does (simulated throttling), each task of the renderer's main
 * thread is taken 4× longer, as on a phone's slower CPU; unlike Lighthouse, by its CPU time, which
 * other processes on a busy machine do not inflate. Per load:
 * - blocking: Σ (4 × task CPU time − 50 ms) from the page's first script on (Lighthouse's simulated
 *   slow 4G paints first, so its total blocking time counts every script's task);
 * - longest: the longest task so taken; long tasks: how many are over 50 ms;
 * - blocking from wall time: the same from wall-clock durations (inflated on a busy machine).
 *
 * `TBT_BASE=<other checkout>/dist/server.mjs` measures another build (it serves the pages built
 * beside it) against this one in the same sitting, alternating which goes first in each round,
 * and prints this build's medians over the other's. TBT_RUNS rounds (default 10); TBT_LABEL names
 * the results file, bench/results/tracking-tbt-<date>[-label].md. Pages: bench/tracking-fixture.ts.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { chromium, type Browser } from "@playwright/test";
import { startTrackingFixture, type TrackingFixture } from "./tracking-fixture";

const CHROME_PATH = process.env.CHROME_PATH ?? "/usr/bin/chromium";
const RUNS = Number(process.env.TBT_RUNS ?? 10);
const BLOCKING_THRESHOLD_MS = 50;
/** Lighthouse's mobile preset: a phone's CPU 4× slower than this one. */
const CPU_SLOWDOWN = 4;
/** Lighthouse's mobile preset: a Moto G Power's screen. */
const PHONE = { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true };

interface Load {
  /** Σ (4 × task CPU time − 50 ms) over the main thread's tasks from the page's first script on. */
  blockingMs: number;
  /** The longest such task, 4 × its CPU time. */
  longestMs: number;
  /** Tasks over 50 ms so counted. */
  longTasks: number;
  /** The same sum from wall-clock durations × 4 (what a quiet machine would show; inflated by a busy one). */
  wallBlockingMs: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { url?: string } };
}

const LIVE = `document.querySelector('[data-testid="connection-state"][data-state="live"]') !== null`;

/** The renderer's main thread: the CrRendererMain with the most task time (the page's, not a blank one's). */
function mainThreadTasks(events: TraceEvent[]): TraceEvent[] {
  const mains = new Set(events.filter((event) => event.name === "thread_name" && event.args?.name === "CrRendererMain").map((event) => `${event.pid}:${event.tid}`));
  const byThread = new Map<string, TraceEvent[]>();
  for (const event of events) {
    const thread = `${event.pid}:${event.tid}`;
    if (event.name !== "RunTask" || event.ph !== "X" || !mains.has(thread)) continue;
    byThread.set(thread, [...(byThread.get(thread) ?? []), event]);
  }
  const busiest = (tasks: TraceEvent[]) => tasks.reduce((sum, task) => sum + (task.dur ?? 0), 0);
  return [...byThread.values()].sort((a, b) => busiest(b) - busiest(a))[0] ?? [];
}

async function measureLoad(browser: Browser, url: string): Promise<Load> {
  const context = await browser.newContext(PHONE);
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await browser.startTracing(page, { categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "loading"] });
    await page.goto(url, { waitUntil: "load" });
    // Polled with bare CDP evaluations: Playwright's locators run its injected script in the page,
    // whose own work would show up as the page's tasks.
    const isLive = async () => (await cdp.send("Runtime.evaluate", { expression: LIVE, returnByValue: true })).result.value === true;
    const deadline = Date.now() + 60_000;
    while (!(await isLive())) {
      if (Date.now() > deadline) throw new Error(`${url} did not go live within a minute`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    // Work the first answers start (renders, the map's glide) lands in the next second.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const trace = JSON.parse((await browser.stopTracing()).toString("utf8")) as { traceEvents: TraceEvent[] };
    const tasks = mainThreadTasks(trace.traceEvents);
    const main = tasks[0];
    // Lighthouse's simulated slow 4G paints the server's HTML before any script has arrived, so its
    // total blocking time counts every task from the first script on; here the network is fast and
    // the first scripts run before the first paint. Counted from the first script's task (its part
    // before clipped off); durations in µs.
    const firstScript = trace.traceEvents.find((event) => event.name === "EvaluateScript" && main && event.pid === main.pid && event.args?.data?.url?.includes("/_next/static/"));
    const start = firstScript?.ts ?? 0;
    const counted = (duration: (task: TraceEvent) => number) =>
      tasks.filter((task) => task.ts + (task.dur ?? 0) > start).map((task) => (duration(task) * Math.min(1, (task.ts + (task.dur ?? 0) - start) / Math.max(1, task.dur ?? 1)) * CPU_SLOWDOWN) / 1000);
    const blocking = (durations: number[]) => durations.reduce((sum, duration) => sum + Math.max(0, duration - BLOCKING_THRESHOLD_MS), 0);
    const cpu = counted((task) => task.tdur ?? task.dur ?? 0);
    return {
      blockingMs: blocking(cpu),
      longestMs: Math.max(0, ...cpu),
      longTasks: cpu.filter((duration) => duration > BLOCKING_THRESHOLD_MS).length,
      wallBlockingMs: blocking(counted((task) => task.dur ?? 0)),
    };
  } finally {
    await context.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const sides: Array<{ name: string; bundle?: string }> = [{ name: "this build" }];
if (process.env.TBT_BASE) sides.unshift({ name: `base (${process.env.TBT_BASE})`, bundle: process.env.TBT_BASE });

const fixtures: TrackingFixture[] = [];
const browser = await chromium.launch({ executablePath: CHROME_PATH, args: ["--no-sandbox", "--disable-gpu"] });
try {
  for (const side of sides) fixtures.push(await startTrackingFixture({ bundle: side.bundle }));
  const pageNames = fixtures[0]!.pages.map((page) => page.name);
  /** loads[side][page] */
  const loads: Load[][][] = sides.map(() => pageNames.map(() => []));
  const loadBefore = loadavg();
  // Warm each server's page rendering once (its first request compiles nothing, but fills caches).
  for (const fixture of fixtures) for (const page of fixture.pages) await (await fetch(fixture.baseUrl + page.url)).text();
  for (let round = 0; round < RUNS; round++) {
    const order = round % 2 === 0 ? sides.map((_, index) => index) : sides.map((_, index) => index).reverse();
    for (let pageIndex = 0; pageIndex < pageNames.length; pageIndex++) {
      for (const sideIndex of order) {
        const fixture = fixtures[sideIndex]!;
        const load = await measureLoad(browser, fixture.baseUrl + fixture.pages[pageIndex]!.url);
        loads[sideIndex]![pageIndex]!.push(load);
        console.log(
          `round ${round + 1}, ${pageNames[pageIndex]}, ${sides[sideIndex]!.name}: blocking ${Math.round(load.blockingMs)} ms, longest ${Math.round(load.longestMs)} ms, from wall time ${Math.round(load.wallBlockingMs)} ms`,
        );
      }
    }
  }
  const loadAfter = loadavg();

  const lines = [
    "# The tracking page's long tasks while it loads (bench/tracking-tbt.ts)",
    "",
    `${new Date().toISOString()}; ${RUNS} rounds, each side once per page per round, alternating which goes first; phone screen, no cache; each main-thread task's time from a Chrome trace × ${CPU_SLOWDOWN}.`,
    `Load average before ${loadBefore.map((value) => value.toFixed(1)).join(" ")}, after ${loadAfter.map((value) => value.toFixed(1)).join(" ")} (${process.env.TBT_NOTE ?? "2 cores"}).`,
    "",
    "| page | build | blocking ms (Σ 4 × task CPU − 50), median | min–max | longest task ms, median | long tasks, median | blocking from wall time, median |",
    "| --- | --- | --- | --- | --- | --- | --- |",
  ];
  pageNames.forEach((pageName, pageIndex) => {
    sides.forEach((side, sideIndex) => {
      const runs = loads[sideIndex]![pageIndex]!;
      const blocking = runs.map((load) => load.blockingMs);
      lines.push(
        `| ${pageName} | ${side.name} | ${Math.round(median(blocking))} | ${Math.round(Math.min(...blocking))}–${Math.round(Math.max(...blocking))} | ${Math.round(median(runs.map((load) => load.longestMs)))} | ${median(runs.map((load) => load.longTasks))} | ${Math.round(median(runs.map((load) => load.wallBlockingMs)))} |`,
      );
    });
  });
  if (sides.length === 2) {
    lines.push("", "This build over the base, medians:", "");
    pageNames.forEach((pageName, pageIndex) => {
      const ratio = (pick: (load: Load) => number) => (median(loads[1]![pageIndex]!.map(pick)) / median(loads[0]![pageIndex]!.map(pick))).toFixed(2);
      lines.push(`- ${pageName}: blocking × ${ratio((load) => load.blockingMs)}, longest task × ${ratio((load) => load.longestMs)}, from wall time × ${ratio((load) => load.wallBlockingMs)}`);
    });
  }
  const report = [...lines, ""].join("\n");
  console.log(`\n${report}`);
  const dir = path.join(import.meta.dirname, "results");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `tracking-tbt-${new Date().toISOString().slice(0, 10)}${process.env.TBT_LABEL ? `-${process.env.TBT_LABEL}` : ""}.md`);
  writeFileSync(file, report);
  console.log(`written to ${path.relative(process.cwd(), file)}`);
} finally {
  await browser.close();
  for (const fixture of fixtures) await fixture.stop();
}
process.exit(0);
