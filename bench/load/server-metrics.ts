/**
 * The server's own figures from its /metrics (prom-client's process metrics): event-loop delay,
 * measured inside the server (prom-client resets its histogram at every scrape, so a scrape at
 * the start and one at the end of a phase give that phase's worst), and V8 heap in use.
 */
export type ServerMetrics = Map<string, number>;

/** Unlabelled samples of the exposition, by name. */
export async function scrapeMetrics(baseUrl: string, adminToken: string): Promise<ServerMetrics> {
  const response = await fetch(`${baseUrl}/metrics`, { headers: { Authorization: `Bearer ${adminToken}` } });
  if (!response.ok) throw new Error(`/metrics answered ${response.status}`);
  const samples: ServerMetrics = new Map();
  for (const line of (await response.text()).split("\n")) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*) (\S+)$/.exec(line);
    if (match) samples.set(match[1]!, Number(match[2]));
  }
  return samples;
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
