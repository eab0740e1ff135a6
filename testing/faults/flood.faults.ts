/**
 * One anonymous client floods the real server process (security issue, finding 2): two
 * websockets of ~1 MB frames, four connections of ~1 MB sign-in bodies, four long-polling
 * sessions of 38,000-packet payloads — while 20 drivers post fixes at 1 Hz and a customer
 * watches an order. Before the edge limits this pushed customer reads to 15 s (a 10 ms
 * baseline), fenced all 16 tracker partitions and took the server from ~970 MB to ~1.8 GB.
 *
 * Asserted, against a quiet baseline measured in the same run: a customer's read stays under
 * 100 ms at the median while the flood runs (the bound), every read is answered, the
 * watcher keeps getting live views, no partition is fenced, and the server's memory does not
 * balloon. The numbers themselves are the benchmark's (bench/flood-probe.ts).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { percentile, probeCustomerReads, startFlood } from "../flood-client";
import { startProbeFleet } from "../probe-fleet";
import { useFaultServer } from "./fault-server";

const PHASE_MS = 8_000;
const env = useFaultServer("flood");

test("one client flooding with oversize frames, bodies and packet storms does not stall anyone's tracking", async () => {
  const { server } = env;
  const fleet = await startProbeFleet(server.baseUrl, server.adminToken, 20);
  const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.child.pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
  const fenced = () => server.lines.filter((line) => line.msg.includes("fenced")).length;
  try {
    const quiet = await probeCustomerReads(server.baseUrl, fleet.watchedToken, PHASE_MS / 2);
    const rssBefore = rssMb();
    const fencedBefore = fenced();
    const viewsBefore = fleet.viewsReceived();

    const flood = startFlood(server.baseUrl, { websockets: 2, signIns: 4, pollers: 4 });
    let rssPeak = rssBefore;
    const rssTimer = setInterval(() => (rssPeak = Math.max(rssPeak, rssMb())), 250);
    const flooded = await probeCustomerReads(server.baseUrl, fleet.watchedToken, PHASE_MS);
    clearInterval(rssTimer);
    const floodedViews = fleet.viewsReceived() - viewsBefore;
    await flood.stop();

    const summary = `quiet p50 ${percentile(quiet.latencies, 50).toFixed(1)} ms; flooded p50 ${percentile(flooded.latencies, 50).toFixed(1)} ms, p99 ${percentile(flooded.latencies, 99).toFixed(1)} ms over ${flooded.latencies.length} reads; ${floodedViews} live views; ${flood.sent()} attack frames; RSS ${rssBefore.toFixed(0)} → peak ${rssPeak.toFixed(0)} MB`;
    console.log(`flood: ${summary}`);
    assert.ok(flood.sent() > 50, `the flood ran (${flood.sent()} frames and bodies sent)`);
    assert.equal(flooded.failures, 0, `every customer read answered 200 during the flood: ${summary}`);
    assert.ok(percentile(flooded.latencies, 50) < 100, `a customer's read under 100 ms at the median during the flood: ${summary}`);
    assert.ok(floodedViews >= PHASE_MS / 1000 / 2, `the watcher kept getting live views: ${summary}`);
    assert.equal(fenced() - fencedBefore, 0, `no tracker partition fenced: ${summary}`);
    assert.ok(rssPeak - rssBefore < 300, `memory did not balloon: ${summary}`);
  } finally {
    fleet.stop();
  }
});
