import { RetentionPolicy, StorageType, type JetStreamManager, type StreamConfig } from "@nats-io/jetstream";
import { STREAMS, subjects } from "./subjects";

const MINUTE_NS = 60 * 1_000_000_000;
const DAY_NS = 24 * 60 * MINUTE_NS;

/** The streams Lastmile needs; `replicas` is 3 on a JetStream cluster, 1 on one machine. */
type NamedStreamConfig = Partial<StreamConfig> & { name: string };

/**
 * How long the streams keep what they hold (env LOCATIONS_MAX_AGE, LOCATIONS_MAX_BYTES,
 * ORDERS_MAX_AGE; docs/operations.md "Data lifecycle"). Past a limit JetStream deletes the oldest messages.
 */
export interface StreamRetention {
  locationsMaxAgeMs: number;
  /** 0: no size limit (age only). */
  locationsMaxBytes: number;
  ordersMaxAgeMs: number;
}

export const DEFAULT_RETENTION: StreamRetention = {
  locationsMaxAgeMs: 30 * 24 * 3_600_000,
  locationsMaxBytes: 0,
  ordersMaxAgeMs: 365 * 24 * 3_600_000,
};

const DUPLICATE_WINDOW_NS = 10 * MINUTE_NS;
const msToNs = (ms: number) => ms * 1_000_000;
/** JetStream refuses a duplicate window longer than the stream's max age. */
const duplicateWindowWithin = (maxAgeNs: number) => Math.min(DUPLICATE_WINDOW_NS, maxAgeNs);

export function streamConfigs(replicas: number, retention: StreamRetention = DEFAULT_RETENTION): NamedStreamConfig[] {
  const locationsMaxAge = msToNs(retention.locationsMaxAgeMs);
  const ordersMaxAge = msToNs(retention.ordersMaxAgeMs);
  return [
    {
      name: STREAMS.locations,
      subjects: [subjects.allTrackerInput],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      num_replicas: replicas,
      max_age: locationsMaxAge,
      max_bytes: retention.locationsMaxBytes > 0 ? retention.locationsMaxBytes : -1,
      // Phones resend batches after a network drop: msgIDs dedupe them within this window.
      duplicate_window: duplicateWindowWithin(locationsMaxAge),
    },
    {
      name: STREAMS.orders,
      subjects: [subjects.allOrderEvents],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      num_replicas: replicas,
      // The timeline a tracking page reads (order:history) comes from here: keep it longer than an order lives.
      max_age: ordersMaxAge,
      duplicate_window: duplicateWindowWithin(ordersMaxAge),
    },
    {
      name: STREAMS.orderViews,
      subjects: [subjects.allOrderViews],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      num_replicas: replicas,
      // Last value per order: a watcher who connects gets the current view at once.
      max_msgs_per_subject: 1,
      max_age: 30 * DAY_NS,
      duplicate_window: 1 * MINUTE_NS,
    },
  ];
}

/** Creates each stream, or updates it when it exists, so start-up is idempotent. */
export async function ensureStreams(jsm: JetStreamManager, replicas: number, retention?: StreamRetention): Promise<void> {
  for (const config of streamConfigs(replicas, retention)) {
    const existing = await jsm.streams.info(config.name).catch(() => null);
    if (existing) await jsm.streams.update(config.name, { ...existing.config, ...config });
    else await jsm.streams.add(config);
  }
}
