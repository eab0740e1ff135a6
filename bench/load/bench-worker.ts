/**
 * A bench thread: a module under bench/load run as a worker thread that answers with typed
 * messages. Load generators and watchers each get one, so the bench's main loop (the probe's
 * socket and HTTP calls, whose times are the figures) shares its thread with neither.
 */
import { Worker } from "node:worker_threads";

export interface BenchWorker {
  /** The next message of `type` (a `failed` message rejects). */
  reply<T extends { type: string }>(type: T["type"]): Promise<T>;
  post(message: unknown): void;
  terminate(): Promise<void>;
}

export function startBenchWorker(entry: URL, workerData: unknown): BenchWorker {
  // The bench runs under tsx; a worker does not inherit its loader on Node 20, so it registers it itself.
  const bootstrap = `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })`;
  const worker = new Worker(bootstrap, { eval: true, workerData });
  return {
    reply<T extends { type: string }>(type: T["type"]) {
      return new Promise<T>((resolve, reject) => {
        const onMessage = (message: T | { type: "failed"; message: string }) => {
          if (message.type !== type && message.type !== "failed") return;
          worker.off("message", onMessage);
          worker.off("error", reject);
          if (message.type === "failed") reject(new Error(`${entry.pathname.split("/").pop()}: ${(message as { message: string }).message}`));
          else resolve(message as T);
        };
        worker.on("message", onMessage);
        worker.once("error", reject);
      });
    },
    post: (message) => worker.postMessage(message),
    terminate: async () => void (await worker.terminate()),
  };
}
