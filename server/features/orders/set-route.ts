import type { TSetRouteRequest } from "../../../lib/schemas/api";
import { nowMs } from "../../platform/clock";
import { DriverNotFound, RouteConflict, UnknownOrders } from "../../platform/domain-errors";
import type { CoreDeps, Tx } from "../../deps";
import { isFinished, type OrderStatus } from "../../../lib/domain/order-status";
import { checkReassign, explainReassignRefusal, REASSIGN_REFUSAL_CODES, type ReassignRefusal } from "../../../lib/domain/reassign";
import { commitAndPublish } from "../../pipeline/outbox/commit-and-publish";
import type { OutboxWriter } from "../../pipeline/outbox/outbox-writer";
import { recordOrderEvent } from "./order-events";
import { enqueueRouteSnapshot, enqueueUnrouted, lockDriver, readRoute, toTrackedOrder, type LeftStop, type TrackedOrderRow } from "./route-events";

const IN_HANDS: ReadonlySet<OrderStatus> = new Set(["picked_up", "arrived"]);

async function changeStatus(out: OutboxWriter, orderId: string, from: OrderStatus, to: OrderStatus, at: number): Promise<TrackedOrderRow> {
  const updated = await out.tx.order.update({ where: { id: orderId }, data: { status: to, statusAt: new Date(at) } });
  await recordOrderEvent(out, { type: "order.status_changed", orderId, at, from, to, note: null, by: "admin" });
  return updated;
}

/** A refused move in words a dispatcher (or an API caller) acts on: whose van, and what to do instead (lib/domain/reassign.ts). */
async function reassignConflict(tx: Tx, refusal: ReassignRefusal, order: { status: OrderStatus; driverId: string | null; customerName: string }, targetId: string | null): Promise<RouteConflict> {
  const ids = [order.driverId, targetId].filter((id): id is string => id !== null);
  const names = new Map((await tx.driver.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((driver) => [driver.id, driver.name]));
  const { message } = explainReassignRefusal(refusal, order.status, {
    customerName: order.customerName,
    holderName: order.driverId ? (names.get(order.driverId) ?? null) : null,
    targetName: targetId ? (names.get(targetId) ?? null) : null,
  });
  return new RouteConflict(REASSIGN_REFUSAL_CODES[refusal], message);
}

/**
 * Replaces a driver's route with `orderIds`, in visiting order. Orders taken from another
 * driver's route move here; orders left out are unassigned. A parcel already in a driver's
 * hands (picked up, at the door) cannot leave that driver's route: a 409 that names the van and
 * says what to do (no hand-over between vans; lib/domain/reassign.ts says why). Finished orders of this driver
 * are not stops any more and are skipped.
 *
 * Events: each driver who lost stops gets one snapshot (enqueued before this driver's, so a
 * move A → B reads "left A" before "joined B"), then this driver's snapshot, then one
 * `order.unrouted` per order left on no route; `order.route_changed` history only for orders
 * whose driver changed.
 */
export async function setRoute(deps: Pick<CoreDeps, "prisma" | "outbox" | "clock">, driverId: string, input: TSetRouteRequest): Promise<{ driverId: string; orderIds: string[] }> {
  const at = nowMs(deps);
  return commitAndPublish(
    deps,
    async (out) => {
      const { tx } = out;
      if (!(await lockDriver(tx, driverId))) throw new DriverNotFound(driverId);

      const orders = await tx.order.findMany({ where: { id: { in: input.orderIds } }, include: { stop: true } });
      const byId = new Map(orders.map((order) => [order.id, order]));
      const unknown = input.orderIds.filter((id) => !byId.has(id));
      if (unknown.length) throw new UnknownOrders(unknown);
      for (const order of orders) {
        const refusal = checkReassign(order, driverId);
        if (refusal) throw await reassignConflict(tx, refusal, order, driverId);
      }
      const stopIds = [...new Set(input.orderIds)].filter((id) => !isFinished(byId.get(id)!.status));

      const current = await readRoute(tx, driverId);
      const kept = new Set(stopIds);
      const removed = current.filter((id) => !kept.has(id));
      const removedOrders = await tx.order.findMany({ where: { id: { in: removed } } });
      const inHands = removedOrders.find((order) => IN_HANDS.has(order.status));
      if (inHands) throw await reassignConflict(tx, checkReassign(inHands, null) ?? "on_board", inHands, null);

      // Every other driver who loses a stop: locked in a stable order, like this one, before any write.
      const movedFrom = new Map<string, string[]>();
      for (const id of stopIds) {
        const from = byId.get(id)!.stop?.driverId;
        if (from && from !== driverId) movedFrom.set(from, [...(movedFrom.get(from) ?? []), id]);
      }
      const previousDrivers = [...movedFrom.keys()].sort();
      for (const other of previousDrivers) await lockDriver(tx, other);

      await tx.routeStop.deleteMany({ where: { OR: [{ driverId }, { orderId: { in: stopIds } }] } });
      await tx.routeStop.createMany({ data: stopIds.map((orderId, position) => ({ orderId, driverId, position })) });

      const rows = new Map<string, TrackedOrderRow>(orders.map((order) => [order.id, order]));
      for (const id of stopIds) {
        const order = byId.get(id)!;
        if (order.status === "created") rows.set(id, await changeStatus(out, id, "created", "assigned", at));
        if (order.driverId !== driverId) {
          await tx.order.update({ where: { id }, data: { driverId } });
          await recordOrderEvent(out, { type: "order.route_changed", orderId: id, at, driverId });
        }
      }
      const unrouted: TrackedOrderRow[] = [];
      for (const order of removedOrders) {
        await tx.order.update({ where: { id: order.id }, data: { driverId: null } });
        const row = order.status === "assigned" ? await changeStatus(out, order.id, "assigned", "created", at) : order;
        await recordOrderEvent(out, { type: "order.route_changed", orderId: order.id, at, driverId: null });
        unrouted.push(row);
      }

      for (const other of previousDrivers) {
        const left: LeftStop[] = (movedFrom.get(other) ?? []).map((id) => ({ ...toTrackedOrder(rows.get(id)!), toDriverId: driverId }));
        await enqueueRouteSnapshot(out, other, at, left);
      }
      const route = await enqueueRouteSnapshot(
        out,
        driverId,
        at,
        unrouted.map((row) => ({ ...toTrackedOrder(row), toDriverId: null })),
      );
      for (const row of unrouted) await enqueueUnrouted(out, row, at);
      return { driverId, orderIds: route.stops.map((stop) => stop.orderId) };
    },
    { timeout: 30_000 },
  );
}
