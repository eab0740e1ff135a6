/**
 * The tracker in a worker thread of the server (started by start-tracker-thread.ts): its own NATS
 * connection and its own database pool, so consuming fixes, building views and writing projections
 * use the second core while the main thread serves HTTP and the relay. Logs as the main thread
 * does (pino JSON lines, `thread: "tracker"`); messages in tracker-thread-messages.ts.
 */
import { parentPort, workerData } from "node:worker_threads";
import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import { configureTrackerPartitions } from "../../../lib/domain/partition";
import { connectNats } from "../../platform/backbone/backbone";
import { createPrisma } from "../../platform/db/client";
import { createLogger, logFnOf } from "../../platform/observability/logger";
import { malformedMessages } from "../../platform/observability/malformed-messages";
import { startTracker, type Tracker } from "./tracker";
import { ZToTrackerThread, ZTrackerThreadData, type TFromTrackerThread, type TTrackerProgressSnapshot } from "./tracker-thread-messages";

/** How often the worker looks for a change in what the main thread reads (owned partitions, applied sequences). */
const PROGRESS_EVERY_MS = 500;

const port = parentPort;
if (!port) throw new Error("tracker-thread.ts runs as a worker thread (see start-tracker-thread.ts)");
const data = ZTrackerThreadData.parse(workerData);
const post = (message: TFromTrackerThread) => port.postMessage(message);
const logger = createLogger({ level: data.logLevel }).child({ thread: "tracker" });
const log = logFnOf(logger);

// Module state of this thread: set before anything here hashes a driver.
configureTrackerPartitions(data.partitions);

async function progressOf(tracker: Tracker): Promise<TTrackerProgressSnapshot> {
  const malformed: TTrackerProgressSnapshot["malformed"] = {};
  for (const { labels, value } of (await malformedMessages.get()).values) {
    const kind = labels.subject_kind;
    if (kind === "location" || kind === "route" || kind === "unrouted" || kind === "unknown") malformed[kind] = value;
  }
  return { memberId: tracker.memberId, applied: tracker.owned().map((partition) => [partition, tracker.worker(partition)?.appliedSeq ?? 0]), malformed };
}

try {
  const database = createPrisma({ connectionString: data.databaseUrl, poolSize: data.poolSize, log });
  const nc = await connectNats(data.natsUrl, "lastmile-tracker");
  const tracker = await startTracker(
    { prisma: database.prisma, js: jetstream(nc), jsm: await jetstreamManager(nc), nc },
    { visibleStops: data.visibleStops, visibleMinutes: data.visibleMinutes, replicas: data.replicas, log },
  );
  let sent = "";
  const sendProgress = async (type: "ready" | "progress") => {
    const progress = await progressOf(tracker);
    const encoded = JSON.stringify(progress);
    if (type === "progress" && encoded === sent) return;
    sent = encoded;
    post({ type, progress });
  };
  await sendProgress("ready");
  logger.info({ memberId: tracker.memberId, partitions: data.partitions }, "the tracker runs in a thread of its own");
  const progressTimer = setInterval(() => void sendProgress("progress").catch((error: unknown) => log("tracker thread: progress not sent", error)), PROGRESS_EVERY_MS);

  port.on("message", (message: unknown) => {
    if (ZToTrackerThread.safeParse(message).data?.type !== "stop") return;
    clearInterval(progressTimer);
    void (async () => {
      let error: string | undefined;
      try {
        await tracker.stop();
      } catch (cause) {
        error = (cause as Error).message;
      }
      await nc.drain().catch(() => nc.close());
      await database.close().catch((cause: unknown) => log("tracker thread: database pool not closed", cause));
      post({ type: "stopped", ...(error ? { error } : {}) });
      port.close();
    })();
  });
} catch (error) {
  post({ type: "failed", message: (error as Error).message });
}
