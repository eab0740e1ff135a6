/**
 * The PGlite worker thread (started by pglite-server.ts): PGlite's WASM engine and its file
 * writes run here, off the main event loop, behind the socket server the app's pool connects to.
 * Messages: out `{ type: "ready", connectionString }` or `{ type: "failed", message }`; in
 * `{ type: "stop" }`, answered with `{ type: "stopped" }` once the data directory is closed.
 * With `task: "initialise"` it creates the database (initdb) only, answers
 * `{ type: "initialised" }` (or "failed") and is then terminated (see initialisePglite).
 */
import { parentPort, workerData } from "node:worker_threads";
import { initialisePglite, servePglite } from "./serve-pglite";

const port = parentPort;
if (!port) throw new Error("pglite-worker.ts runs as a worker thread (see pglite-server.ts)");
const { dataDir, task } = workerData as { dataDir: string; task?: "initialise" };

try {
  if (task === "initialise") {
    await initialisePglite({ dataDir });
    port.postMessage({ type: "initialised" });
  } else {
    const served = await servePglite({ dataDir });
    port.on("message", (message: { type: string }) => {
      if (message.type !== "stop") return;
      void served.stop().then(
        () => port.postMessage({ type: "stopped" }),
        (error: unknown) => port.postMessage({ type: "stopped", error: (error as Error).message }),
      );
    });
    port.postMessage({ type: "ready", connectionString: served.connectionString });
  }
} catch (error) {
  port.postMessage({ type: "failed", message: (error as Error).message });
}
