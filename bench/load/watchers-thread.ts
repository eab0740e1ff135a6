/**
 * Watching sockets in a thread of their own: thousands of sockets receiving their frames on the
 * bench's main loop delayed the probe's own socket and HTTP calls by up to hundreds of ms, which
 * showed as server latency. As a worker (see watchInThread): `workerData` is `{ baseUrl, tokens }`;
 * it answers `{ type: "watching", count }` (or `failed`) and closes every socket on `close`.
 */
import { parentPort, workerData } from "node:worker_threads";
import { watchAll } from "./fleet";

const port = parentPort;
if (!port) throw new Error("watchers-thread.ts runs as a worker thread");
const { baseUrl, tokens } = workerData as { baseUrl: string; tokens: string[] };
try {
  const watchers = await watchAll(baseUrl, tokens);
  port.on("message", (message: { type: string }) => {
    if (message.type !== "close") return;
    watchers.close();
    port.postMessage({ type: "closed" });
  });
  port.postMessage({ type: "watching", count: watchers.sockets.length });
} catch (error) {
  port.postMessage({ type: "failed", message: (error as Error).message });
}
