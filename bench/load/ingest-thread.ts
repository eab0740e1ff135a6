/**
 * The HTTP load generator as a worker thread (see loadIngest): autocannon on the bench's main
 * loop delayed the probe's own requests and socket frames, which showed as server latency.
 * `workerData` is an IngestPlan; it answers `{ type: "done", result, drivers }` with the
 * drivers' positions and seqs moved on, so the next phase continues where this one stopped.
 */
import { parentPort, workerData } from "node:worker_threads";
import autocannon from "autocannon";
import { nextFix } from "./fleet";
import type { IngestPlan, IngestResult } from "./ingest-load";

const port = parentPort;
if (!port) throw new Error("ingest-thread.ts runs as a worker thread");
const plan = workerData as IngestPlan;
try {
  const perRequest = plan.fixesPerRequest ?? 1;
  let next = 0;
  const result = await autocannon({
    url: plan.baseUrl,
    connections: plan.connections ?? 64,
    duration: plan.seconds,
    ...(plan.rate ? { overallRate: plan.rate } : {}),
    requests: [
      {
        method: "POST",
        path: "/api/driver/locations",
        setupRequest: (request) => {
          const driver = plan.drivers[next++ % plan.drivers.length]!;
          const fixes = Array.from({ length: perRequest }, () => nextFix(driver));
          return { ...request, headers: { ...request.headers, authorization: `Bearer ${driver.token}`, "content-type": "application/json" }, body: JSON.stringify({ fixes }) };
        },
      },
    ],
  });
  const accepted = result["2xx"];
  const outcome: IngestResult = {
    requestsPerSecond: accepted / plan.seconds,
    fixesPerSecond: (accepted * perRequest) / plan.seconds,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    seconds: plan.seconds,
  };
  port.postMessage({ type: "done", result: outcome, drivers: plan.drivers });
} catch (error) {
  port.postMessage({ type: "failed", message: (error as Error).message });
}
