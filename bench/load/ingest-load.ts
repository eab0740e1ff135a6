/** HTTP load on the ingest route with autocannon, in a thread of its own (ingest-thread.ts). */
import { startBenchWorker } from "./bench-worker";
import type { SeededDriver } from "./fleet";

export interface IngestResult {
  requestsPerSecond: number;
  fixesPerSecond: number;
  non2xx: number;
  errors: number;
  seconds: number;
}

export interface IngestPlan {
  baseUrl: string;
  drivers: SeededDriver[];
  seconds: number;
  connections?: number;
  /** 1 is a phone online, 50 a phone flushing its queue. */
  fixesPerRequest?: number;
  /** Caps the requests per second (omit to saturate). */
  rate?: number;
}

/** Posts fixes for `drivers` round-robin (a Node fetch loop tops out below what the server takes). */
export async function loadIngest(plan: IngestPlan): Promise<IngestResult> {
  const worker = startBenchWorker(new URL("./ingest-thread.ts", import.meta.url), plan);
  try {
    const done = await worker.reply<{ type: "done"; result: IngestResult; drivers: SeededDriver[] }>("done");
    // The thread moved its copies on: later phases continue from there (seqs only grow).
    done.drivers.forEach((moved, index) => Object.assign(plan.drivers[index]!, { lat: moved.lat, seq: moved.seq }));
    return done.result;
  } finally {
    await worker.terminate();
  }
}
