/**
 * The tracker alone in a process (`node --import tsx server/pipeline/tracker/run-tracker.ts`), for
 * multi-process tests and for running trackers apart from the web tier. Environment: NATS_URL
 * and DATABASE_URL (required), TRACKER_MEMBER_ID, TRACKER_LEASE_TTL_MS, TRACKER_TICK_MS,
 * TRACKING_VISIBLE_STOPS. Writes one JSON object per line on stdout: `ready` (start-up time),
 * `stats` every second (owned partitions, orders in memory, RSS and heap), and with
 * TRACKER_TRACE=1 every partition start and applied sequence (for exactly-once checks).
 * SIGTERM releases its partitions (checkpointed) and exits.
 */
import os from "node:os";
import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import { z } from "zod";
import { connectNats } from "../../platform/backbone/backbone";
import { startDatabase } from "../../platform/db/start-database";
import { startTracker } from "./tracker";

const startedAt = Date.now();
const env = z
  .object({
    NATS_URL: z.string().min(1),
    DATABASE_URL: z.string().min(1),
    TRACKER_MEMBER_ID: z.string().min(1).optional(),
    TRACKER_LEASE_TTL_MS: z.coerce.number().int().positive().optional(),
    TRACKER_TICK_MS: z.coerce.number().int().positive().optional(),
    TRACKING_VISIBLE_STOPS: z.coerce.number().int().nonnegative().default(3),
    TRACKING_VISIBLE_MINUTES: z.coerce.number().int().positive().optional(),
    TRACKER_TRACE: z.enum(["0", "1"]).default("0"),
  })
  .parse(process.env);

const emit = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify({ at: Date.now(), ...line })}\n`);
const isTracing = env.TRACKER_TRACE === "1";

const database = await startDatabase({ databaseUrl: env.DATABASE_URL, dataDir: os.tmpdir() });
const nc = await connectNats(env.NATS_URL, env.TRACKER_MEMBER_ID ?? "tracker");
const tracker = await startTracker(
  { prisma: database.prisma, js: jetstream(nc), jsm: await jetstreamManager(nc), nc },
  {
    visibleStops: env.TRACKING_VISIBLE_STOPS,
    visibleMinutes: env.TRACKING_VISIBLE_MINUTES,
    memberId: env.TRACKER_MEMBER_ID,
    leaseTtlMs: env.TRACKER_LEASE_TTL_MS,
    tickMs: env.TRACKER_TICK_MS,
    log: (message, error) => console.error(`[tracker ${env.TRACKER_MEMBER_ID ?? ""}] ${message}`, error ?? ""),
    hooks: isTracing
      ? {
          onPartitionStart: (partition, fromSeq, member) => emit({ type: "start", partition, fromSeq, member }),
          onApplied: (partition, seq, kind, member) => emit({ type: "apply", partition, seq, kind, member }),
        }
      : undefined,
  },
);
// startupMs: from this module's first line (connections, database, leases); sinceLaunchMs adds Node and tsx loading.
emit({ type: "ready", member: tracker.memberId, startupMs: Date.now() - startedAt, sinceLaunchMs: Math.round(process.uptime() * 1000) });

const stats = setInterval(() => {
  const memory = process.memoryUsage();
  emit({ type: "stats", member: tracker.memberId, owned: tracker.owned(), caughtUp: tracker.isCaughtUp(), ...tracker.sizes(), rss: memory.rss, heapUsed: memory.heapUsed });
}, 1_000);

let isStopping = false;
process.on("SIGTERM", () => {
  if (isStopping) return;
  isStopping = true;
  clearInterval(stats);
  void (async () => {
    await tracker.stop();
    await nc.drain().catch(() => undefined);
    await database.close();
    emit({ type: "stopped", member: tracker.memberId });
    process.exit(0);
  })();
});
