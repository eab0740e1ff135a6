/**
 * Prometheus text exposition read back as samples: the server's /metrics, as the observability
 * test and the load bench read it.
 */

/** Samples by name with their labels as written (`name{label="value"}`; bare for unlabelled ones). */
export type MetricSamples = Map<string, number>;

export function parseMetricSamples(exposition: string): MetricSamples {
  const samples: MetricSamples = new Map();
  for (const line of exposition.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const space = line.lastIndexOf(" ");
    samples.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return samples;
}

/** Sum of the samples of `name` whose labels include every `labels` pair. */
export function sumSamples(samples: MetricSamples, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  for (const [key, value] of samples) {
    const brace = key.indexOf("{");
    if ((brace < 0 ? key : key.slice(0, brace)) !== name) continue;
    if (Object.entries(labels).every(([label, wanted]) => key.includes(`${label}="${wanted}"`))) total += value;
  }
  return total;
}
