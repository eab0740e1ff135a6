/**
 * Prometheus metrics (prom-client). Two kinds:
 * - counters the hot paths increment (ingest, publish errors, relay emits): process-wide, one
 *   set per process, plus Node's default process metrics (CPU, memory, GC, event-loop lag);
 * - gauges read when scraped from one application's dependencies (outbox depth, tracker lag
 *   per partition, sockets connected): one set per createApplication().
 * `renderMetrics` merges both. Served at `/metrics` on the main port to the admin bearer token,
 * and without auth on METRICS_PORT when set (a port for the cluster's Prometheus only).
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { STREAMS, subjects } from "../backbone/subjects";
import type { JetStreamManager } from "@nats-io/jetstream";
import type { PrismaClient } from "../../../generated/prisma/client";
import { withTimeout } from "../async/deadlines";
import { malformedMessages } from "./malformed-messages";

const processRegistry = new Registry();
let hasDefaultMetrics = false;

export const ingestRequests = new Counter({
  name: "lastmile_ingest_requests_total",
  help: "GPS ingest requests answered, by route (locations: the driver app; osmand: tracker apps) and HTTP status",
  labelNames: ["route", "status"] as const,
  registers: [processRegistry],
});
export const ingestDuration = new Histogram({
  name: "lastmile_ingest_duration_seconds",
  help: "Time from an ingest request's arrival to its answer (fixes on JetStream before a 2xx)",
  labelNames: ["route"] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [processRegistry],
});
export const ingestedFixes = new Counter({
  name: "lastmile_ingest_fixes_total",
  help: "GPS fixes received, by source and result (accepted: newly stored on JetStream; duplicate: already there)",
  labelNames: ["source", "result"] as const,
  registers: [processRegistry],
});
export const publishErrors = new Counter({
  name: "lastmile_publish_errors_total",
  help: "JetStream publishes that failed, by publisher (outbox: retried in order later; ingest: the client is told 503 and resends)",
  labelNames: ["publisher"] as const,
  registers: [processRegistry],
});
export const relayEmits = new Counter({
  name: "lastmile_relay_emits_total",
  help: "Socket.IO room emits by the relay, by event (one per room, however many sockets are in it)",
  labelNames: ["event"] as const,
  registers: [processRegistry],
});

processRegistry.registerMetric(malformedMessages);

/** What the lag gauge reads of the tracker running in this process (server/pipeline/tracker/tracker.ts). */
export interface TrackerProgress {
  owned(): number[];
  worker(partition: number): { readonly appliedSeq: number } | undefined;
}

export interface MetricsSources {
  core: { prisma: PrismaClient; jsm: JetStreamManager };
  /** The tracker running in this process, if any. */
  tracker?: () => TrackerProgress | null;
  /** Sockets connected to this process now. */
  socketsConnected: () => number;
}

export interface AppMetrics {
  render(): Promise<{ contentType: string; body: string }>;
}

export function createAppMetrics(sources: MetricsSources): AppMetrics {
  if (!hasDefaultMetrics) {
    hasDefaultMetrics = true;
    collectDefaultMetrics({ register: processRegistry });
  }
  const registry = new Registry();
  new Gauge({
    name: "lastmile_sockets_connected",
    help: "Socket.IO clients connected to this process",
    registers: [registry],
    collect() {
      this.set(sources.socketsConnected());
    },
  });
  new Gauge({
    name: "lastmile_outbox_depth",
    help: "Rows in the outbox not yet on JetStream (shared by every process of one database); -1 when the database did not answer",
    registers: [registry],
    async collect() {
      const rows = await withTimeout(sources.core.prisma.$queryRaw<{ depth: bigint | number }[]>`SELECT count(*) AS depth FROM outbox`, 2_000).catch(() => null);
      this.set(rows ? Number(rows[0]?.depth ?? 0) : -1);
    },
  });
  new Gauge({
    name: "lastmile_tracker_partitions_owned",
    help: "Tracker partitions this process owns",
    registers: [registry],
    collect() {
      this.set(sources.tracker?.()?.owned().length ?? 0);
    },
  });
  new Gauge({
    name: "lastmile_tracker_lag",
    help: "Per owned tracker partition: the last LOCATIONS sequence on the partition's subjects (drivers.<p>.>) minus the partition's applied sequence; 0 when caught up",
    labelNames: ["partition"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const tracker = sources.tracker?.() ?? null;
      if (!tracker) return;
      await Promise.all(
        tracker.owned().map(async (partition) => {
          const worker = tracker.worker(partition);
          if (!worker) return;
          // A partition with no message at all has nothing to be behind on.
          const last = await withTimeout(sources.core.jsm.streams.getMessage(STREAMS.locations, { last_by_subj: subjects.partitionInput(partition) }), 2_000).catch(() => undefined);
          if (last === undefined) return;
          this.set({ partition: String(partition) }, Math.max(0, (last?.seq ?? 0) - worker.appliedSeq));
        }),
      );
    },
  });
  return {
    async render() {
      const merged = Registry.merge([processRegistry, registry]);
      return { contentType: merged.contentType, body: await merged.metrics() };
    },
  };
}
