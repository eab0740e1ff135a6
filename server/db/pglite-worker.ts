/**
 * The PGlite worker thread (started by pglite-server.ts): PGlite's WASM engine and its file
 * writes run here, off the main event loop, behind the socket server the app's pool connects to.
 * Messages: out `{ type: "ready", connectionString }` or `{ type: "failed", message }`; in
 * `{ type: "stop" }`, answered with `{ type: "stopped" }` once the data directory is closed.
 */
import { parentPort, workerData } from "node:worker_threads";
import { servePglite } from "./serve-pglite";

const port = parentPort;
if (!port) throw new Error("pglite-worker.ts runs as a worker thread (see pglite-server.ts)");

try {
  const served = await servePglite(workerData as { dataDir: string });
  port.on("message", (message: { type: string }) => {
    if (message.type !== "stop") return;
    void served.stop().then(
      () => port.postMessage({ type: "stopped" }),
      (error: unknown) => port.postMessage({ type: "stopped", error: (error as Error).message }),
    );
  });
  port.postMessage({ type: "ready", connectionString: served.connectionString });
} catch (error) {
  port.postMessage({ type: "failed", message: (error as Error).message });
}
