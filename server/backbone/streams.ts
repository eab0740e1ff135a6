import { RetentionPolicy, StorageType, type JetStreamManager, type StreamConfig } from "@nats-io/jetstream";
import { STREAMS, subjects } from "./subjects";

const MINUTE_NS = 60 * 1_000_000_000;
const DAY_NS = 24 * 60 * MINUTE_NS;

/** The streams Lastmile needs; `replicas` is 3 on a JetStream cluster, 1 on one machine. */
type NamedStreamConfig = Partial<StreamConfig> & { name: string };

export function streamConfigs(replicas: number): NamedStreamConfig[] {
  return [
    {
      name: STREAMS.locations,
      subjects: [subjects.allTrackerInput],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      num_replicas: replicas,
      max_age: 30 * DAY_NS,
      // Phones resend batches after a network drop: msgIDs dedupe them within this window.
      duplicate_window: 10 * MINUTE_NS,
    },
    {
      name: STREAMS.orders,
      subjects: [subjects.allOrderEvents],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      num_replicas: replicas,
      max_age: 365 * DAY_NS,
      duplicate_window: 10 * MINUTE_NS,
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
export async function ensureStreams(jsm: JetStreamManager, replicas: number): Promise<void> {
  for (const config of streamConfigs(replicas)) {
    const existing = await jsm.streams.info(config.name).catch(() => null);
    if (existing) await jsm.streams.update(config.name, { ...existing.config, ...config });
    else await jsm.streams.add(config);
  }
}
