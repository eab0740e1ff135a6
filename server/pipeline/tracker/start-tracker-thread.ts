/**
 * The main thread's side of the tracker thread (tracker-thread.ts): starts the worker and gives
 * back what the process uses of a tracker: its progress for /metrics (owned partitions and their
 * applied sequences, from the worker's latest snapshot), its malformed-message counts, and a
 * graceful stop. A worker that dies on its own is reported through `onExit` (index.ts then stops
 * the process: a server whose drivers nobody tracks must not go on looking healthy).
 */
import type { Worker } from "node:worker_threads";
import type { TrackerProgress } from "../../platform/observability/metrics";
import { malformedMessages } from "../../platform/observability/malformed-messages";
import { startWorkerThread } from "../../platform/start-worker-thread";
import { ZFromTrackerThread, type TToTrackerThread, type TTrackerProgressSnapshot, type TTrackerThreadData } from "./tracker-thread-messages";

/** How long a graceful stop may take before the worker is terminated (the shutdown deadline is 10 s). */
const STOP_TIMEOUT_MS = 8_000;

export interface TrackerThread extends TrackerProgress {
  memberId: string;
  /** Graceful: the worker checkpoints and releases every partition, closes its connections and ends. */
  stop(): Promise<void>;
}

/** The worker thread running tracker-thread.ts with `data`. */
export function startTrackerWorker(data: TTrackerThreadData): Worker {
  return startWorkerThread(import.meta.url, { source: "./tracker-thread.ts", bundled: "./tracker-thread.mjs" }, data);
}

export async function startTrackerThread(data: TTrackerThreadData, onExit: (reason: string) => void): Promise<TrackerThread> {
  return superviseTrackerThread(startTrackerWorker(data), onExit);
}

/** Resolves once `worker` (started by startTrackerWorker) reports ready; `onExit` is called if it ends other than through stop(). */
export async function superviseTrackerThread(worker: Worker, onExit: (reason: string) => void): Promise<TrackerThread> {
  let progress: TTrackerProgressSnapshot | null = null;
  /** Bound: at most trackerPartitions() entries. */
  let applied = new Map<number, number>();
  const counted: TTrackerProgressSnapshot["malformed"] = {};
  let isStopping = false;
  let stopped: ((error?: string) => void) | null = null;

  const take = (snapshot: TTrackerProgressSnapshot) => {
    progress = snapshot;
    applied = new Map(snapshot.applied);
    for (const [kind, total] of Object.entries(snapshot.malformed) as [keyof typeof counted, number][]) {
      const increase = total - (counted[kind] ?? 0);
      if (increase > 0) malformedMessages.inc({ consumer: "tracker", subject_kind: kind }, increase);
      counted[kind] = total;
    }
  };
  const exited = new Promise<number>((resolve) => worker.once("exit", resolve));

  await new Promise<void>((resolve, reject) => {
    worker.on("message", (raw: unknown) => {
      const message = ZFromTrackerThread.safeParse(raw).data;
      if (!message) return;
      if (message.type === "ready") {
        take(message.progress);
        resolve();
      } else if (message.type === "progress") take(message.progress);
      else if (message.type === "failed") reject(new Error(`the tracker thread did not start: ${message.message}`));
      else stopped?.(message.error);
    });
    worker.once("error", reject);
    void exited.then((code) => reject(new Error(`the tracker thread exited (code ${code}) before it was ready`)));
  }).catch(async (error: unknown) => {
    isStopping = true;
    await worker.terminate();
    throw error;
  });

  let workerError: Error | null = null;
  worker.on("error", (error) => {
    workerError = error;
  });
  void exited.then((code) => {
    if (!isStopping) onExit(workerError ? `the tracker thread failed: ${workerError.message}` : `the tracker thread exited (code ${code})`);
  });

  let stopping: Promise<void> | undefined;
  return {
    get memberId() {
      return progress?.memberId ?? "";
    },
    owned: () => [...applied.keys()],
    worker(partition) {
      const appliedSeq = applied.get(partition);
      return appliedSeq === undefined ? undefined : { appliedSeq };
    },
    stop() {
      stopping ??= (async () => {
        isStopping = true;
        const outcome = new Promise<string | undefined>((resolve) => {
          stopped = resolve;
          void exited.then(() => resolve("the tracker thread ended before it had stopped"));
        });
        worker.postMessage({ type: "stop" } satisfies TToTrackerThread);
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<string>((resolve) => {
          timer = setTimeout(() => resolve(`the tracker thread did not stop within ${STOP_TIMEOUT_MS} ms`), STOP_TIMEOUT_MS);
        });
        const error = await Promise.race([outcome, timedOut]);
        clearTimeout(timer);
        await worker.terminate();
        if (error) throw new Error(error);
      })();
      return stopping;
    },
  };
}
