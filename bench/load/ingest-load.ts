/** HTTP load on the ingest route with autocannon: a Node fetch loop tops out below what the server takes. */
import autocannon from "autocannon";
import { nextFix, type SeededDriver } from "./fleet";

export interface IngestResult {
  requestsPerSecond: number;
  fixesPerSecond: number;
  non2xx: number;
  errors: number;
  seconds: number;
}

/**
 * Posts fixes for `drivers` round-robin: `fixesPerRequest` per request (1 is a phone online, 50
 * a phone flushing its queue). `rate` caps the requests per second (omit to saturate).
 */
export async function loadIngest(options: { baseUrl: string; drivers: SeededDriver[]; seconds: number; connections?: number; fixesPerRequest?: number; rate?: number }): Promise<IngestResult> {
  const perRequest = options.fixesPerRequest ?? 1;
  let next = 0;
  const result = await autocannon({
    url: options.baseUrl,
    connections: options.connections ?? 64,
    duration: options.seconds,
    ...(options.rate ? { overallRate: options.rate } : {}),
    requests: [
      {
        method: "POST",
        path: "/api/driver/locations",
        setupRequest: (request) => {
          const driver = options.drivers[next++ % options.drivers.length]!;
          const fixes = Array.from({ length: perRequest }, () => nextFix(driver));
          return { ...request, headers: { ...request.headers, authorization: `Bearer ${driver.token}`, "content-type": "application/json" }, body: JSON.stringify({ fixes }) };
        },
      },
    ],
  });
  const seconds = options.seconds;
  const accepted = result["2xx"];
  return {
    requestsPerSecond: accepted / seconds,
    fixesPerSecond: (accepted * perRequest) / seconds,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    seconds,
  };
}
