/**
 * `tsx bench/flood-probe.ts`: can one anonymous client stall live tracking for everyone?
 *
 * The production bundle runs as its own process (its own nats-server, PGlite) with 20 drivers
 * posting fixes at 1 Hz and a customer's socket watching one order. A probe reads a customer's
 * order (`GET /api/track/<token>`) in a loop, first quietly (the baseline, same run), then while
 * one client floods (testing/flood-client.ts: two websockets of ~1 MB frames, four
 * connections POSTing ~1 MB sign-in bodies, four long-polling sessions of 38,000-packet
 * payloads). It prints both phases' p50/p99 and their ratio, the live views the watcher got,
 * the partitions the tracker fenced and the server's RSS. FLOOD_PHASE_MS sets a phase's length.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { percentile, probeCustomerReads, startFlood, type ProbeResult } from "../testing/flood-client";
import { startProbeFleet } from "../testing/probe-fleet";
import { startServerProcess } from "../testing/server-process";
import { startTestNats } from "../testing/test-nats";

const PHASE_MS = Number(process.env.FLOOD_PHASE_MS ?? 10_000);
const DRIVERS = 20;

const nats = await startTestNats({ monitoring: false });
const dataDir = mkdtempSync(path.join(tmpdir(), "lastmile-flood-"));
const server = await startServerProcess({ dataDir, natsUrl: nats.server.url });
const fleet = await startProbeFleet(server.baseUrl, server.adminToken, DRIVERS);

const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.child.pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
const fenced = () => server.lines.filter((line) => line.msg.includes("fenced")).length;

await new Promise((resolve) => setTimeout(resolve, 3_000));
let views = fleet.viewsReceived();
const quiet = await probeCustomerReads(server.baseUrl, fleet.watchedToken, PHASE_MS);
const quietViews = fleet.viewsReceived() - views;
const rssBefore = rssMb();
const fencedBefore = fenced();

const flood = startFlood(server.baseUrl, { websockets: 2, signIns: 4, pollers: 4 });
views = fleet.viewsReceived();
let rssPeak = rssBefore;
const rssTimer = setInterval(() => (rssPeak = Math.max(rssPeak, rssMb())), 500);
const flooded = await probeCustomerReads(server.baseUrl, fleet.watchedToken, PHASE_MS);
const floodedViews = fleet.viewsReceived() - views;
clearInterval(rssTimer);
await flood.stop();

const row = (name: string, run: ProbeResult, liveViews: number) =>
  `| ${name} | ${run.latencies.length} | ${percentile(run.latencies, 50).toFixed(1)} | ${percentile(run.latencies, 99).toFixed(1)} | ${run.failures} | ${liveViews} |`;
console.log(`flood probe: ${DRIVERS} drivers at 1 Hz, one watched order, ${PHASE_MS / 1000} s per phase; the flood sent ${flood.sent()} frames and bodies`);
console.log("| phase | reads | p50 ms | p99 ms | failed reads | live views to the watcher |");
console.log("| --- | --- | --- | --- | --- | --- |");
console.log(row("quiet (baseline)", quiet, quietViews));
console.log(row("one client flooding", flooded, floodedViews));
console.log(`p50 under flood / quiet p50: ${(percentile(flooded.latencies, 50) / percentile(quiet.latencies, 50)).toFixed(2)}×`);
console.log(`partitions fenced during the flood: ${fenced() - fencedBefore}`);
console.log(`server RSS: ${rssBefore.toFixed(0)} MB before, ${rssPeak.toFixed(0)} MB peak during the flood`);

fleet.stop();
server.child.kill("SIGTERM");
await server.exited;
await nats.stop();
rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
