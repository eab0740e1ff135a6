/**
 * The server's own figures from its /metrics (prom-client's process metrics): event-loop delay,
 * measured inside the server (prom-client resets its histogram at every scrape, so a scrape at
 * the start and one at the end of a phase give that phase's worst), and V8 heap in use.
 */
import { EVENTS } from "../../lib/realtime/event-names";
import { parseMetricSamples, sumSamples, type MetricSamples } from "../../testing/metric-samples";

export type ServerMetrics = MetricSamples;

/** The server's /metrics as samples (`testing/metric-samples.ts`). */
export async function scrapeMetrics(baseUrl: string, adminToken: string): Promise<ServerMetrics> {
  const response = await fetch(`${baseUrl}/metrics`, { headers: { Authorization: `Bearer ${adminToken}` } });
  if (!response.ok) throw new Error(`/metrics answered ${response.status}`);
  return parseMetricSamples(await response.text());
}

/** Order views the relay emitted (one per watched order's room) per fix the server accepted, between two scrapes. */
export function viewsPerAcceptedFix(before: ServerMetrics, after: ServerMetrics): number {
  const delta = (name: string, labels: Record<string, string>) => sumSamples(after, name, labels) - sumSamples(before, name, labels);
  const fixes = delta("lastmile_ingest_fixes_total", { result: "accepted" });
  return fixes > 0 ? delta("lastmile_relay_emits_total", { event: EVENTS.orderView }) / fixes : Number.NaN;
}

/** The longest and 99th-percentile event-loop delay since the previous scrape, in ms. */
export function eventLoopDelayMs(metrics: ServerMetrics): { max: number; p99: number } {
  return { max: (metrics.get("nodejs_eventloop_lag_max_seconds") ?? Number.NaN) * 1000, p99: (metrics.get("nodejs_eventloop_lag_p99_seconds") ?? Number.NaN) * 1000 };
}

export function heapUsedBytes(metrics: ServerMetrics): number {
  return metrics.get("nodejs_heap_size_used_bytes") ?? Number.NaN;
}

/**
 * Heap in use with as little garbage as we can see from outside: the least of a few samples over
 * `ms` (a collection in between shows as a drop). Per-socket figures are differences of these.
 */
export async function settledHeapBytes(baseUrl: string, adminToken: string, ms = 3_000): Promise<number> {
  let least = Infinity;
  for (const deadline = performance.now() + ms; performance.now() < deadline;) {
    least = Math.min(least, heapUsedBytes(await scrapeMetrics(baseUrl, adminToken)));
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return least;
}
