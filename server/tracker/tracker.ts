/**
 * The tracker: durable consumer of the LOCATIONS and ORDERS streams. It keeps each driver's
 * route state (FleetState), computes every affected order's customer view and publishes it on
 * `orders.<id>.view`, and projects each driver's last accepted fix into the database.
 */
import { AckPolicy, DeliverPolicy, type JsMsg, type ConsumerMessages } from "@nats-io/jetstream";
import { ZLocationEvent, ZOrderEvent, type TLocationEvent } from "../../lib/schemas/events";
import { parseJsonOrNull } from "../backbone/parse-json";
import { STREAMS } from "../backbone/subjects";
import type { CoreDeps } from "../deps";
import type { Fix } from "../../lib/domain/gps-filter";
import { FleetState, type ViewContent } from "./fleet-state";
import { loadFleetState } from "./load-fleet-state";
import { EtaRecorder } from "./eta-recorder";
import { ProgressPublisher } from "./progress-publisher";
import { ViewPublisher } from "./view-publisher";

export interface TrackerOptions {
  visibleStops: number;
  log?: (message: string, error?: unknown) => void;
  /** Durable consumer names; tests use their own. */
  durablePrefix?: string;
}

export interface Tracker {
  state: FleetState;
  stop(): Promise<void>;
}

async function ensureDurable(deps: CoreDeps, stream: string, name: string): Promise<void> {
  const existing = await deps.jsm.consumers.info(stream, name).catch(() => null);
  if (existing) return;
  await deps.jsm.consumers.add(stream, {
    durable_name: name,
    ack_policy: AckPolicy.Explicit,
    // The database snapshot loaded next covers everything before this consumer existed.
    deliver_policy: DeliverPolicy.New,
    max_ack_pending: 10_000,
    ack_wait: 30_000_000_000,
  });
}

/**
 * Runs `handle` over batches: messages that arrive together (a phone flushing its offline
 * queue) are processed together, so views are published once per batch, not once per fix.
 */
function consumeInBatches(messages: ConsumerMessages, handle: (batch: JsMsg[]) => Promise<void>, log: TrackerOptions["log"]): Promise<void> {
  const pending: JsMsg[] = [];
  let chain = Promise.resolve();
  let isScheduled = false;
  const schedule = () => {
    if (isScheduled) return;
    isScheduled = true;
    chain = chain
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(async () => {
        isScheduled = false;
        const batch = pending.splice(0);
        await handle(batch);
        for (const message of batch) message.ack();
      })
      .catch((error: unknown) => log?.("tracker batch failed; messages will be redelivered", error));
  };
  return (async () => {
    for await (const message of messages) {
      pending.push(message);
      schedule();
    }
    await chain;
  })();
}

export async function startTracker(deps: CoreDeps, options: TrackerOptions): Promise<Tracker> {
  const log = options.log ?? ((message, error) => console.error(`[tracker] ${message}`, error ?? ""));
  const prefix = options.durablePrefix ?? "tracker";
  const locationsDurable = `${prefix}-locations`;
  const ordersDurable = `${prefix}-orders`;
  await ensureDurable(deps, STREAMS.locations, locationsDurable);
  await ensureDurable(deps, STREAMS.orders, ordersDurable);

  const state = new FleetState(options.visibleStops);
  await loadFleetState(deps.prisma, state);
  const publisher = new ViewPublisher(deps.js);
  const etaRecorder = new EtaRecorder(deps.prisma);
  const progress = new ProgressPublisher(deps);

  const publishViews = async (orderIds: Iterable<string>) => {
    const now = Date.now();
    const published: ViewContent[] = [];
    for (const orderId of new Set(orderIds)) {
      const content = state.viewOf(orderId, now);
      if (!content) continue;
      await publisher.publish(content, now);
      published.push(content);
    }
    // Customers' views first; the timeline milestones and the ETA log follow.
    for (const content of published) {
      const input = state.progressOf(content.orderId, content.stopsAway);
      if (input) await progress.update(content.orderId, input, now);
      // Only predictions made on the way count: once at the door the "ETA" is now, which flatters the model.
      if (content.status === "picked_up") await etaRecorder.record(content.orderId, content.eta, content.stopsAway, now);
    }
  };

  const onOrderBatch = async (batch: JsMsg[]) => {
    const affected: string[] = [];
    for (const message of batch) {
      const parsed = ZOrderEvent.safeParse(parseJsonOrNull(message.string()));
      if (!parsed.success) {
        log(`dropping malformed order event on ${message.subject}`, parsed.error.message);
        continue;
      }
      const event = parsed.data;
      affected.push(...state.applyOrderEvent(event));
      if (event.type === "order.status_changed" && event.to === "delivered") {
        // The ETA predicted the door, so the arrival (when the driver tapped "arrived") is the truth.
        await etaRecorder.settle(event.orderId, state.arrivedAtOf(event.orderId) ?? event.at);
      } else if (event.type === "order.status_changed" && (event.to === "failed" || event.to === "cancelled")) {
        etaRecorder.forget(event.orderId);
      }
    }
    const missing = affected.filter((id) => !state.hasOrder(id));
    if (missing.length) await loadFleetState(deps.prisma, state, missing);
    await publishViews(affected);
  };

  const onLocationBatch = async (batch: JsMsg[]) => {
    const byDriver = new Map<string, TLocationEvent[]>();
    for (const message of batch) {
      const parsed = ZLocationEvent.safeParse(parseJsonOrNull(message.string()));
      if (!parsed.success) {
        log(`dropping malformed location on ${message.subject}`, parsed.error.message);
        continue;
      }
      const list = byDriver.get(parsed.data.driverId) ?? [];
      list.push(parsed.data);
      byDriver.set(parsed.data.driverId, list);
    }
    const affected: string[] = [];
    const lastFixes = new Map<string, Fix>();
    const now = Date.now();
    for (const [driverId, events] of byDriver) {
      const result = state.applyLocations(driverId, events, now);
      affected.push(...result.affected);
      const last = result.acceptedFixes.at(-1);
      if (last) lastFixes.set(driverId, last);
    }
    // Customers first; the database projection of last positions can follow.
    await publishViews(affected);
    for (const [driverId, last] of lastFixes) {
      const data = {
        lat: last.lat,
        lng: last.lng,
        accuracy: last.accuracy ?? null,
        speed: last.speed ?? null,
        heading: last.heading ?? null,
        seq: last.seq != null ? BigInt(last.seq) : null,
        recordedAt: new Date(last.at),
      };
      await deps.prisma.driverLocation.upsert({ where: { driverId }, create: { driverId, ...data }, update: data });
    }
  };

  const orderConsumer = await deps.js.consumers.get(STREAMS.orders, ordersDurable);
  const locationConsumer = await deps.js.consumers.get(STREAMS.locations, locationsDurable);
  const orderMessages = await orderConsumer.consume({ max_messages: 500 });
  const locationMessages = await locationConsumer.consume({ max_messages: 1000 });
  const loops = [
    consumeInBatches(orderMessages, onOrderBatch, log),
    consumeInBatches(locationMessages, onLocationBatch, log),
  ];

  return {
    state,
    async stop() {
      await orderMessages.close();
      await locationMessages.close();
      await Promise.allSettled(loops);
    },
  };
}
