import { Worker } from "node:worker_threads";

/**
 * Starts a worker thread from its entry module: in the production build the bundled
 * `dist/<bundled>` beside `dist/server.mjs` (scripts/build-server.mjs bundles it); from source (tsx,
 * tests) `<source>` through tsx's loader, which a worker does not inherit from `node --import tsx`
 * on Node 20. Both are resolved against `from`, the caller's `import.meta.url`.
 */
export function startWorkerThread(from: string, entry: { source: string; bundled: string }, workerData: unknown): Worker {
  if (!from.endsWith(".ts")) return new Worker(new URL(entry.bundled, from), { workerData });
  const tsx = import.meta.resolve("tsx/esm/api");
  const source = new URL(entry.source, from).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(source)}); })`;
  return new Worker(bootstrap, { eval: true, workerData });
}
