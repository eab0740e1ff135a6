import { randomUUID } from "node:crypto";
import type { OrderStatus } from "../../../lib/domain/order-status";
import type { TRouteEvent, TTrackedOrder, TUnroutedOrderEvent } from "../../../lib/schemas/events";
import { subjects } from "../../platform/backbone/subjects";
import type { Tx } from "../../deps";
import type { OutboxWriter } from "../../pipeline/outbox/outbox-writer";

/** The order columns a route snapshot carries. */
export interface TrackedOrderRow {
  id: string;
  status: OrderStatus;
  statusAt: Date;
  lat: number;
  lng: number;
  address: string;
}

export function toTrackedOrder(order: TrackedOrderRow): TTrackedOrder {
  return { orderId: order.id, status: order.status, statusAt: order.statusAt.getTime(), lat: order.lat, lng: order.lng, address: order.address };
}

/**
 * Locks a driver's row for the rest of the transaction. Every transaction that changes the
 * driver's route, or the status of an order on it, takes this lock first, so the driver's route
 * snapshots commit (and are published) in the order their changes happened. False: no such driver.
 */
export async function lockDriver(tx: Tx, driverId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM drivers WHERE id = ${driverId} FOR UPDATE`;
  return rows.length > 0;
}

/**
 * Locks an order together with the route it is on, driver first (the lock order of every route
 * change): `read` reads the order under its row lock, its stop included, and when the order moved
 * to another route meanwhile, that route's driver is locked too. Null: no such order.
 */
export async function lockOrderWithRoute<T extends { stop: { driverId: string } | null }>(tx: Tx, orderId: string, read: () => Promise<T | null>): Promise<T | null> {
  const stopBefore = await tx.routeStop.findUnique({ where: { orderId }, select: { driverId: true } });
  if (stopBefore) await lockDriver(tx, stopBefore.driverId);
  await tx.$queryRaw`SELECT id FROM orders WHERE id = ${orderId} FOR UPDATE`;
  const order = await read();
  if (order?.stop && order.stop.driverId !== stopBefore?.driverId) await lockDriver(tx, order.stop.driverId);
  return order;
}

type OpenStopRow = { id: string; status: OrderStatus; status_at: Date; lat: number; lng: number; address: string };

/** The driver's open stops in visiting order (route_stops holds open stops only). */
export async function readOpenStops(tx: Tx, driverId: string): Promise<TTrackedOrder[]> {
  const rows = await tx.$queryRaw<OpenStopRow[]>`
    SELECT o.id, o.status::text AS status, o.status_at, o.lat, o.lng, o.address
      FROM route_stops s JOIN orders o ON o.id = s.order_id
     WHERE s.driver_id = ${driverId}
     ORDER BY s.position`;
  return rows.map((row) => toTrackedOrder({ ...row, statusAt: row.status_at }));
}

/** The ids of the driver's open stops, in visiting order. */
export async function readRoute(tx: Tx, driverId: string): Promise<string[]> {
  const stops = await tx.routeStop.findMany({ where: { driverId }, orderBy: { position: "asc" }, select: { orderId: true } });
  return stops.map((stop) => stop.orderId);
}

export type LeftStop = TRouteEvent["left"][number];

/**
 * Enqueues ONE `route.changed` for the driver: its open stops as they are now in this
 * transaction, and the stops that left in this change. Call once per driver per transaction,
 * after the route and statuses are written and with the driver row locked (lockDriver);
 * `openStops` when the caller already read them in this transaction (appendStop).
 */
export async function enqueueRouteSnapshot(out: OutboxWriter, driverId: string, at: number, left: readonly LeftStop[] = [], openStops?: TTrackedOrder[]): Promise<TRouteEvent> {
  const event: TRouteEvent = { type: "route.changed", driverId, at, stops: openStops ?? (await readOpenStops(out.tx, driverId)), left: [...left] };
  await out.enqueue(subjects.driverRoute(driverId), event, randomUUID());
  return event;
}

/** Enqueues `order.unrouted` for an order on no route that was created, changed status or left every route. */
export async function enqueueUnrouted(out: OutboxWriter, order: TrackedOrderRow, at: number): Promise<void> {
  const event: TUnroutedOrderEvent = { type: "order.unrouted", at, order: toTrackedOrder(order) };
  await out.enqueue(subjects.unroutedOrder(order.id), event, randomUUID());
}
