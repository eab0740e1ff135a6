/**
 * The tracker in its worker thread, from the main thread's side: on a real nats-server and on
 * PGlite, whose socket server then has two clients at once (the thread's pool writing
 * checkpoints while the app's pool reads). The main thread sees the thread's partitions and its
 * malformed-message counts; stop() releases every partition; a thread that ends on its own is
 * reported, not left unnoticed.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { TRACKER_PARTITIONS } from "../../../lib/domain/partition";
import { subjects } from "../../platform/backbone/subjects";
import { recommendedPoolSize } from "../../platform/db/pglite-server";
import { malformedMessages } from "../../platform/observability/malformed-messages";
import { createEmbeddedTestDatabase, type TestDatabase } from "../../../testing/test-database";
import { waitFor } from "../../../testing/test-app";
import { startTestBackbone } from "../../../testing/test-nats";
import { KvBucket } from "./kv-bucket";
import { startTrackerThread, startTrackerWorker, superviseTrackerThread } from "./start-tracker-thread";
import { OWNERSHIP_BUCKET } from "./tracker";
import type { TTrackerThreadData } from "./tracker-thread-messages";

let backbone: Awaited<ReturnType<typeof startTestBackbone>>;
let db: TestDatabase;
let data: TTrackerThreadData;

before(async () => {
  backbone = await startTestBackbone();
  db = await createEmbeddedTestDatabase();
  data = {
    natsUrl: backbone.url,
    databaseUrl: db.connectionString,
    poolSize: recommendedPoolSize,
    partitions: TRACKER_PARTITIONS,
    visibleStops: 3,
    visibleMinutes: null,
    replicas: 1,
    logLevel: "warn",
  };
});
after(async () => {
  await db?.close();
  await backbone?.close();
  await backbone?.nats.stop();
});

async function malformedLocations(): Promise<number> {
  return (await malformedMessages.get()).values.find((value) => value.labels.consumer === "tracker" && value.labels.subject_kind === "location")?.value ?? 0;
}

test("the thread owns every partition and checkpoints through its own connection while the app's reads; stop() releases them", async () => {
  const exits: string[] = [];
  const tracker = await startTrackerThread(data, (reason) => exits.push(reason));
  await waitFor(() => tracker.owned().length === TRACKER_PARTITIONS, 30_000, "the thread to own every partition");
  await waitFor(async () => (await db.prisma.trackerCheckpoint.count()) === TRACKER_PARTITIONS, 30_000, "a first checkpoint per partition");
  assert.ok(tracker.memberId.length > 0);
  assert.equal(tracker.worker(tracker.owned()[0]!)?.appliedSeq, 0, "nothing applied on an empty stream");

  // A fix that does not parse: dropped by the thread, counted in this thread's metrics.
  const before = await malformedLocations();
  await backbone.js.publish(subjects.driverLocation("driver-of-nonsense"), "not json");
  await waitFor(async () => (await malformedLocations()) === before + 1, 15_000, "the malformed fix to be counted here");

  await tracker.stop();
  assert.deepEqual(exits, [], "a stop is not reported as an exit");
  const bucket = await KvBucket.open(backbone, OWNERSHIP_BUCKET, { ttlMs: 5_000 });
  const held: string[] = [];
  for (const key of await bucket.keys("leases.")) if (await bucket.get(key)) held.push(key);
  assert.deepEqual(held, [], "every partition released");
});

test("a thread that ends on its own is reported", async () => {
  const exits: string[] = [];
  const worker = startTrackerWorker(data);
  const tracker = await superviseTrackerThread(worker, (reason) => exits.push(reason));
  await waitFor(() => tracker.owned().length === TRACKER_PARTITIONS, 30_000, "the thread to own every partition");
  await worker.terminate();
  await waitFor(() => exits.length === 1, 5_000, "the exit to be reported");
  assert.match(exits[0]!, /the tracker thread exited/);
});
