import type { TSetRouteRequest } from "../../lib/schemas/api";
import { badRequest, conflict, notFound } from "../http/api-error";
import type { CoreDeps, Tx } from "../deps";
import type { JetStreamClient } from "@nats-io/jetstream";
import type { OrderStatus } from "../../lib/domain/order-status";
import { recordOrderEvent } from "./order-events";
import { announceRoute, readRoute } from "./route-events";

const IN_HANDS: ReadonlySet<OrderStatus> = new Set(["picked_up", "arrived"]);

async function changeStatus(tx: Tx, js: JetStreamClient, orderId: string, from: OrderStatus, to: OrderStatus, at: number): Promise<void> {
  await tx.order.update({ where: { id: orderId }, data: { status: to } });
  await recordOrderEvent(tx, js, { type: "order.status_changed", orderId, at, from, to, note: null, by: "admin" });
}

/**
 * Replaces a driver's route with `orderIds`, in visiting order. Orders taken from another
 * driver's route move here; orders left out are unassigned. A parcel already in a driver's
 * hands (picked up) cannot silently leave that driver's route.
 */
export async function setRoute(deps: Pick<CoreDeps, "prisma" | "js">, driverId: string, input: TSetRouteRequest): Promise<{ driverId: string; orderIds: string[] }> {
  const at = Date.now();
  return deps.prisma.$transaction(
    async (tx) => {
      const driver = await tx.driver.findUnique({ where: { id: driverId }, select: { id: true } });
      if (!driver) throw notFound(`no driver with id ${driverId}`);

      const orders = await tx.order.findMany({ where: { id: { in: input.orderIds } }, include: { stop: true } });
      const byId = new Map(orders.map((order) => [order.id, order]));
      const unknown = input.orderIds.filter((id) => !byId.has(id));
      if (unknown.length) throw badRequest("unknown_order", `no order with id ${unknown.join(", ")}`);
      for (const order of orders) {
        if (order.status === "cancelled") throw conflict("order_cancelled", `order ${order.id} is cancelled`);
        if (order.driverId !== driverId && IN_HANDS.has(order.status)) {
          throw conflict("order_in_progress", `order ${order.id} is already picked up by another driver`);
        }
      }

      const current = await readRoute(tx, driverId);
      const kept = new Set(input.orderIds);
      const removed = current.filter((id) => !kept.has(id));
      const removedOrders = await tx.order.findMany({ where: { id: { in: removed } } });
      const inHands = removedOrders.find((order) => IN_HANDS.has(order.status));
      if (inHands) throw conflict("order_in_progress", `order ${inHands.id} is picked up; it cannot leave this driver's route`);

      const previousDrivers = new Set(
        orders.flatMap((order) => (order.stop && order.stop.driverId !== driverId ? [order.stop.driverId] : [])),
      );

      await tx.routeStop.deleteMany({ where: { OR: [{ driverId }, { orderId: { in: input.orderIds } }] } });
      await tx.routeStop.createMany({ data: input.orderIds.map((orderId, position) => ({ orderId, driverId, position })) });

      for (const order of orders) {
        if (order.driverId !== driverId) await tx.order.update({ where: { id: order.id }, data: { driverId } });
        if (order.status === "created") await changeStatus(tx, deps.js, order.id, "created", "assigned", at);
      }
      for (const order of removedOrders) {
        await tx.order.update({ where: { id: order.id }, data: { driverId: null } });
        if (order.status === "assigned") await changeStatus(tx, deps.js, order.id, "assigned", "created", at);
        await recordOrderEvent(tx, deps.js, { type: "order.route_changed", orderId: order.id, at, driverId: null, route: [] });
      }

      const route = await announceRoute(tx, deps.js, driverId, at);
      for (const other of previousDrivers) await announceRoute(tx, deps.js, other, at);
      return { driverId, orderIds: route };
    },
    { timeout: 30_000, maxWait: 20_000 },
  );
}
