import { existsSync } from "node:fs";
import path from "node:path";
import type { Worker } from "node:worker_threads";
import { startWorkerThread } from "../start-worker-thread";

/**
 * How many pg connections one pool may hold against the PGlite server.
 *
 * PGlite is one backend session and executes one statement at a time; the socket server hands
 * it to one connection at a time, for a whole statement or transaction
 * (patches/pglite-socket-sessions.ts). A second connection from the same pool adds no
 * throughput, so each pool (the app's; the tracker thread's) holds one.
 */
export const recommendedPoolSize = 1;

export type PgliteServer = {
  connectionString: string;
  stop(): Promise<void>;
};

/** The worker thread: dist/pglite-worker.mjs in the production build, pglite-worker.ts from source. */
function startWorker(workerData: { dataDir: string; task?: "initialise" }): Worker {
  return startWorkerThread(import.meta.url, { source: "./pglite-worker.ts", bundled: "./pglite-worker.mjs" }, workerData);
}

/**
 * Starts PGlite under `<dataDir>/pglite` in a worker thread, served on a Unix socket only this
 * user can reach (serve-pglite.ts): its WASM work and synchronous file writes stall the worker's
 * loop, not the one serving HTTP and sockets (they stalled it for up to 0.6 s under load). The
 * app reaches it by connection string, as it would PostgreSQL. A worker that dies takes the database with it: queries then fail as
 * "database unavailable" (the process does not restart it).
 */
export async function startPgliteServer({ dataDir, log = console.error }: { dataDir: string; log?: (message: string, error?: unknown) => void }): Promise<PgliteServer> {
  if (!existsSync(path.join(dataDir, "pglite", "PG_VERSION"))) await initialiseInOwnWorker(dataDir);
  const worker = startWorker({ dataDir });
  const exited = new Promise<number>((resolve) => worker.once("exit", resolve));
  let isStopping = false;
  try {
    const connectionString = await new Promise<string>((resolve, reject) => {
      worker.once("message", (message: { type: string; connectionString?: string; message?: string }) =>
        message.type === "ready" && message.connectionString ? resolve(message.connectionString) : reject(new Error(`PGlite did not start: ${message.message ?? message.type}`)),
      );
      worker.once("error", reject);
      void exited.then((code) => reject(new Error(`the PGlite worker exited (code ${code}) before it was ready`)));
    });
    worker.on("error", (error) => log("the PGlite worker failed", error));
    void exited.then((code) => {
      if (!isStopping) log(`the PGlite worker exited (code ${code}): the database is gone until restart`);
    });
    let stopped: Promise<void> | undefined;
    return {
      connectionString,
      stop() {
        stopped ??= (async () => {
          isStopping = true;
          const isClosed = new Promise<{ error?: string }>((resolve) =>
            worker.on("message", (message: { type: string; error?: string }) => {
              if (message.type === "stopped") resolve(message);
            }),
          );
          worker.postMessage({ type: "stop" });
          const outcome = await Promise.race([isClosed, exited.then(() => ({ error: "the worker exited before closing the database" }))]);
          await worker.terminate();
          if (outcome.error) throw new Error(`closing PGlite failed: ${outcome.error}`);
        })();
        return stopped;
      },
    };
  } catch (error) {
    isStopping = true;
    await worker.terminate();
    throw error;
  }
}

/**
 * A new database's initdb, in a worker thread of its own that is then terminated: what initdb
 * allocated (two WASM memories, ~320 MiB resident) goes with that thread, where in the serving
 * worker it stayed until a garbage collection an idle server does not make (initialisePglite).
 */
async function initialiseInOwnWorker(dataDir: string): Promise<void> {
  const worker = startWorker({ dataDir, task: "initialise" });
  try {
    await new Promise<void>((resolve, reject) => {
      worker.once("message", (message: { type: string; message?: string }) =>
        message.type === "initialised" ? resolve() : reject(new Error(`PGlite could not create its database: ${message.message ?? message.type}`)),
      );
      worker.once("error", reject);
      worker.once("exit", (code) => reject(new Error(`the PGlite worker exited (code ${code}) before it created the database`)));
    });
  } finally {
    await worker.terminate();
  }
}
