/**
 * Publishes the tracker's input straight onto its partitioned subjects (route snapshots and fixes),
 * as the outbox and ingest do, for tests of the tracker on its own.
 */
import type { JetStreamClient } from "@nats-io/jetstream";
import type { TLocationEvent, TRouteEvent, TTrackedOrder } from "../lib/schemas/events";
import { subjects } from "../server/platform/backbone/subjects";

export async function publishRoute(js: JetStreamClient, driverId: string, stops: TTrackedOrder[], left: TRouteEvent["left"] = []): Promise<number> {
  const event: TRouteEvent = { type: "route.changed", driverId, at: Date.now(), stops, left };
  return (await js.publish(subjects.driverRoute(driverId), JSON.stringify(event), { timeout: 5_000 })).seq;
}

export async function publishFix(js: JetStreamClient, fix: Omit<TLocationEvent, "receivedAt" | "source" | "speed" | "heading" | "accuracy"> & Partial<TLocationEvent>): Promise<number> {
  const event: TLocationEvent = { speed: null, heading: null, accuracy: 5, receivedAt: fix.at, source: "driver-app", ...fix };
  return (await js.publish(subjects.driverLocation(fix.driverId), JSON.stringify(event), { msgID: `${fix.driverId}:${fix.seq ?? fix.at}`, timeout: 5_000 })).seq;
}
