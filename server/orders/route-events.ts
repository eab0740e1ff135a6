import type { JetStreamClient } from "@nats-io/jetstream";
import type { Tx } from "../deps";
import { recordOrderEvent } from "./order-events";

export async function readRoute(tx: Tx, driverId: string): Promise<string[]> {
  const stops = await tx.routeStop.findMany({ where: { driverId }, orderBy: { position: "asc" }, select: { orderId: true } });
  return stops.map((stop) => stop.orderId);
}

/**
 * Tells every order on the driver's route what the route now is. Each event carries the whole
 * route so the tracker (and any other consumer) needs no database read to apply it.
 */
export async function announceRoute(tx: Tx, js: JetStreamClient, driverId: string, at: number): Promise<string[]> {
  const route = await readRoute(tx, driverId);
  for (const orderId of route) {
    await recordOrderEvent(tx, js, { type: "order.route_changed", orderId, at, driverId, route });
  }
  return route;
}
