/**
 * Three real tracker processes (server/pipeline/tracker/run-tracker.ts) on one nats-server started by the
 * test and one PostgreSQL database (a fresh one on the machine's server at 127.0.0.1:5432, or
 * DATABASE_URL's, dropped afterwards; skipped, saying why, when none answers). While fixes
 * stream in, the process owning most partitions is killed with SIGKILL: the others must own all
 * 16 partitions within seconds, and every published message must be applied exactly once in the
 * state that survives (bitset over stream sequences from the processes' traces, and each
 * driver's count of applied fixes in the final checkpoints). Prints takeover time, start-up
 * time and memory.
 */
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { after, before, describe, test } from "node:test";
import { partitionOf, TRACKER_PARTITIONS } from "../../../lib/domain/partition";
import type { TTrackedOrder } from "../../../lib/schemas/events";
import { AppliedLedger } from "../../../testing/applied-ledger";
import { waitFor } from "../../../testing/test-app";
import { createServerTestDatabase, postgresProblem, type TestDatabase } from "../../../testing/test-database";
import { startTestBackbone } from "../../../testing/test-nats";
import { publishFix, publishRoute } from "../../../testing/tracker-input";
import type { FleetSnapshot } from "./fleet-state";

const DRIVERS = 32;
const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
const serverUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

type Line = { type: string; at: number; member: string; [key: string]: unknown };
type Proc = { member: string; child: ChildProcess; ready: Line | null; stats: Line | null; exited: Promise<void>; stderr: string };

let backbone: Awaited<ReturnType<typeof startTestBackbone>> | null = null;
let db: TestDatabase | null = null;
const procs = new Map<string, Proc>();
const ledger = new AppliedLedger();
/** When each partition's sessions started (ms epoch), by member: for the takeover time. */
const startsAt: { partition: number; member: string; at: number }[] = [];

function spawnTracker(member: string): Proc {
  const child = spawn(process.execPath, ["--import", "tsx", "server/pipeline/tracker/run-tracker.ts"], {
    cwd: repoRoot,
    env: { ...process.env, NATS_URL: backbone!.url, DATABASE_URL: db!.connectionString, TRACKER_MEMBER_ID: member, TRACKER_TRACE: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const proc: Proc = { member, child, ready: null, stats: null, stderr: "", exited: new Promise((resolve) => child.once("exit", () => resolve())) };
  child.stderr?.on("data", (chunk: Buffer) => {
    proc.stderr = (proc.stderr + chunk.toString()).slice(-4_000);
    if (process.env.TEST_VERBOSE) process.stderr.write(chunk);
  });
  createInterface({ input: child.stdout! }).on("line", (text) => {
    const line = JSON.parse(text) as Line;
    if (line.type === "apply") ledger.apply(line.partition as number, line.member, line.seq as number);
    else if (line.type === "start") {
      ledger.start(line.partition as number, line.member, line.fromSeq as number);
      startsAt.push({ partition: line.partition as number, member: line.member, at: line.at });
    } else if (line.type === "ready") proc.ready = line;
    else if (line.type === "stats") proc.stats = line;
  });
  procs.set(member, proc);
  return proc;
}

function liveProcs(): Proc[] {
  return [...procs.values()].filter((proc) => proc.child.exitCode === null && proc.child.signalCode === null);
}

/** Each partition owned by exactly one live process, by their last stats. */
function ownedByLive(): Map<number, string> | null {
  const owners = new Map<number, string>();
  for (const proc of liveProcs()) {
    for (const partition of (proc.stats?.owned as number[] | undefined) ?? []) {
      if (owners.has(partition)) return null;
      owners.set(partition, proc.member);
    }
  }
  return owners.size === TRACKER_PARTITIONS ? owners : null;
}

before(async () => {
  if (await postgresProblem(serverUrl)) return;
  backbone = await startTestBackbone();
  db = await createServerTestDatabase(serverUrl);
});

after(async () => {
  for (const proc of procs.values()) if (proc.child.exitCode === null) proc.child.kill("SIGKILL");
  await Promise.all([...procs.values()].map((proc) => proc.exited));
  await backbone?.close();
  await db?.close();
});

describe("three tracker processes", () => {
  test("kill -9 of one during a stream of fixes: the others take over within seconds, every message applied once", async (t) => {
    const reason = await postgresProblem(serverUrl);
    if (reason) {
      console.log(`# skipped: ${reason}`);
      t.skip(reason);
      return;
    }
    const js = backbone!.js;
    const launchedAt = Date.now();
    for (const member of ["proc-1", "proc-2", "proc-3"]) spawnTracker(member);
    await waitFor(() => liveProcs().every((proc) => proc.ready), 60_000, "three tracker processes to be ready");
    await waitFor(
      () => {
        const owners = ownedByLive();
        return owners && new Set(owners.values()).size === 3 && ledger.startedPartitions() === TRACKER_PARTITIONS;
      },
      30_000,
      "the three processes to share and start every partition",
    );
    const startup = [...procs.values()].map((proc) => `${proc.ready!.startupMs as number}/${proc.ready!.sinceLaunchMs as number}`);
    console.log(
      `# start-up per process (tracker running / since launch incl. tsx): ${startup.join(", ")} ms; every partition shared and started ${Date.now() - launchedAt} ms after launching the three`,
    );

    const driverIds = Array.from({ length: DRIVERS }, () => randomUUID());
    const routes = new Map<string, TTrackedOrder[]>();
    const fixes = new Map<string, number>();
    const clock = new Map<string, number>();
    for (const driverId of driverIds) {
      const stops = Array.from({ length: 3 }, (_, index): TTrackedOrder => ({
        orderId: `${driverId.slice(0, 8)}-o${index}`,
        status: "picked_up",
        statusAt: Date.now() - 60_000,
        lat: 48.81 + index * 0.004,
        lng: 2.3,
        address: `${index} Rue Test`,
      }));
      routes.set(driverId, stops);
      ledger.expect(driverId, await publishRoute(js, driverId, stops), "route");
    }
    let round = 0;
    const fixRound = async () => {
      round++;
      await Promise.all(
        driverIds.map(async (driverId) => {
          const at = (clock.get(driverId) ?? Date.now()) + 1_000;
          clock.set(driverId, at);
          const n = fixes.get(driverId) ?? 0;
          ledger.expect(driverId, await publishFix(js, { driverId, lat: 48.8 + n * 0.0001, lng: 2.3, at, seq: round }), `fix ${round}`);
          fixes.set(driverId, n + 1);
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, 20));
    };
    for (let index = 0; index < 40; index++) await fixRound();

    const victim = [...procs.values()].sort((a, b) => ((b.stats?.owned as number[]).length ?? 0) - ((a.stats?.owned as number[]).length ?? 0))[0]!;
    const victimPartitions = victim.stats!.owned as number[];
    const killedAt = Date.now();
    victim.child.kill("SIGKILL");
    await victim.exited;
    // Fixes keep coming while the survivors notice.
    let takeoverMs: number | null = null;
    while (takeoverMs === null) {
      await fixRound();
      const restarted = victimPartitions.map((partition) => startsAt.find((start) => start.partition === partition && start.member !== victim.member && start.at >= killedAt));
      if (restarted.every(Boolean)) takeoverMs = Math.max(...restarted.map((start) => start!.at)) - killedAt;
      assert.ok(Date.now() - killedAt < 30_000, "the survivors took over within 30 s");
    }
    for (let index = 0; index < 40; index++) await fixRound();
    console.log(`# kill -9 of ${victim.member} (${victimPartitions.length} partitions): survivors started all of them ${takeoverMs} ms later (lease TTL 5 s, renew every 1 s)`);

    const lastPublished = ledger.lastPublished();
    await waitFor(
      () => {
        if (!ownedByLive()) return false;
        for (const [partition, lastSeq] of lastPublished) {
          const sessions = ledger.sessionsOf(partition);
          const applied = sessions.at(-1)?.applied.at(-1) ?? 0;
          if (applied < lastSeq) return false;
        }
        return true;
      },
      30_000,
      "the survivors to apply everything",
    );
    const { discarded, checked } = ledger.verify();
    console.log(`# exactly once: ${checked} messages checked; ${discarded} applied by the killed process after its last checkpoint were replayed by the survivors`);
    for (const proc of liveProcs()) {
      const stats = proc.stats!;
      console.log(
        `# ${proc.member}: owns ${(stats.owned as number[]).length} partitions, ${stats.orders as number} orders and ${stats.drivers as number} drivers in memory, RSS ${Math.round((stats.rss as number) / 2 ** 20)} MiB, heap ${Math.round((stats.heapUsed as number) / 2 ** 20)} MiB`,
      );
    }

    // Every stop delivered: the orders leave the survivors' memory.
    for (const driverId of driverIds) {
      const left = routes.get(driverId)!.map((stop) => ({ ...stop, status: "delivered" as const, statusAt: Date.now(), toDriverId: null }));
      ledger.expect(driverId, await publishRoute(js, driverId, [], left), "all delivered");
    }
    const statsAfter = Date.now();
    await waitFor(() => liveProcs().every((proc) => proc.stats!.at > statsAfter && proc.stats!.orders === 0), 15_000, "no order left in the survivors' memory");
    for (const proc of liveProcs()) {
      console.log(`# ${proc.member} after every order finished: ${proc.stats!.orders as number} orders in memory, heap ${Math.round((proc.stats!.heapUsed as number) / 2 ** 20)} MiB`);
    }
    ledger.verify();

    // Graceful stop of the survivors: their final checkpoints hold every fix exactly once.
    for (const proc of liveProcs()) proc.child.kill("SIGTERM");
    await Promise.all([...procs.values()].map((proc) => proc.exited));
    const rows = await db!.prisma.trackerCheckpoint.findMany();
    const applied = new Map<string, number>();
    for (const row of rows) {
      for (const driver of (row.state as unknown as FleetSnapshot).drivers) applied.set(driver.id, driver.fixesApplied);
    }
    for (const driverId of driverIds) assert.equal(applied.get(driverId), fixes.get(driverId), `driver ${driverId} (partition ${partitionOf(driverId)}): fixes in the final checkpoint`);
  });
});
