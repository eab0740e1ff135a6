/**
 * The server's own figures from its /metrics (prom-client's process metrics): event-loop delay,
 * measured inside the server (prom-client resets its histogram at every scrape, so a scrape at
 * the start and one at the end of a phase give that phase's worst), and V8 heap in use.
 */
import { EVENTS } from "../../lib/realtime/event-names";

export type ServerMetrics = Map<string, number>;

/** The exposition's samples, by name with its labels as written (`name{label="value"}`; bare for unlabelled ones). */
export async function scrapeMetrics(baseUrl: string, adminToken: string): Promise<ServerMetrics> {
  const response = await fetch(`${baseUrl}/metrics`, { headers: { Authorization: `Bearer ${adminToken}` } });
  if (!response.ok) throw new Error(`/metrics answered ${response.status}`);
  const samples: ServerMetrics = new Map();
  for (const line of (await response.text()).split("\n")) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (match) samples.set(match[1]!, Number(match[2]));
  }
  return samples;
}

/** Order views the relay emitted (one per watched order's room) per fix the server accepted, between two scrapes. */
export function viewsPerAcceptedFix(before: ServerMetrics, after: ServerMetrics): number {
  const total = (metrics: ServerMetrics, isCounted: (key: string) => boolean) => [...metrics].reduce((sum, [key, value]) => (isCounted(key) ? sum + value : sum), 0);
  const views = (metrics: ServerMetrics) => total(metrics, (key) => key === `lastmile_relay_emits_total{event="${EVENTS.orderView}"}`);
  const accepted = (metrics: ServerMetrics) => total(metrics, (key) => key.startsWith("lastmile_ingest_fixes_total{") && key.includes('result="accepted"'));
  const fixes = accepted(after) - accepted(before);
  return fixes > 0 ? (views(after) - views(before)) / fixes : Number.NaN;
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
