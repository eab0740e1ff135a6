import { Prisma } from "../../../generated/prisma/client";
import type { TOrderStatusRequest } from "../../../lib/schemas/api";
import type { FailureReason, TDeliveredTo } from "../../../lib/schemas/driver";
import { checkCanArrive } from "../../../lib/domain/driver-day";
import { checkStatusTransition, isFinished } from "../../../lib/domain/order-status";
import { nowMs } from "../../platform/clock";
import { subjects } from "../../platform/backbone/subjects";
import { InvalidTransition, OrderNotFound, StopAtDoor } from "../../platform/domain-errors";
import type { CoreDeps, Tx } from "../../deps";
import { commitAndPublish } from "../../pipeline/outbox/commit-and-publish";
import { recordOrderEvent } from "./order-events";
import { findStopAtDoor } from "./find-stop-at-door";
import { enqueueRouteSnapshot, lockDriver, toTrackedOrder, type LeftStop } from "./route-events";

/** The contract's `{ status, note? }`, and how the stop ended as codes (the driver app sends them). */
export type StatusUpdateInput = TOrderStatusRequest & { reason?: FailureReason; deliveredTo?: TDeliveredTo };

export interface StatusUpdateResult {
  orderId: string;
  status: string;
  /** False when the order already had this status (a retried request changes nothing). */
  isChanged: boolean;
}

/**
 * A driver sets the status of an order on their own route. The driver row, then the order row,
 * is locked for the check; a driver is at one door at a time, so "arrived" while another of the
 * driver's stops is at the door is refused (409 `stop_at_door`, naming that stop) — the driver
 * row lock makes two simultaneous arrivals take turns, so exactly one of them wins; the change enqueues the order's event and ONE snapshot of the
 * driver's open stops (a finished stop leaves route_stops here and is listed in `left`). The
 * reply waits until both are on JetStream: a 503 means saved but not yet published, and the
 * retry is a no-op that waits for them again.
 */
export async function updateOrderStatus(
  deps: Pick<CoreDeps, "prisma" | "outbox" | "clock">,
  driverId: string,
  orderId: string,
  input: StatusUpdateInput,
  /** Runs inside the transaction once the change is allowed (the driver app stores its proof of delivery here). */
  onChange?: (tx: Tx) => Promise<{ proof?: { hasPhoto: boolean; hasSignature: boolean } }>,
): Promise<StatusUpdateResult> {
  const at = nowMs(deps);
  return commitAndPublish(deps, async (out) => {
    const { tx } = out;
    // Driver before order, in every transaction that takes both: no lock-order deadlock.
    await lockDriver(tx, driverId);
    await tx.$queryRaw`SELECT id FROM orders WHERE id = ${orderId} FOR UPDATE`;
    const order = await tx.order.findUnique({ where: { id: orderId } });
    // Another driver's order is reported as unknown: a driver learns nothing about other routes.
    if (!order || order.driverId !== driverId) throw new OrderNotFound(orderId, `no order ${orderId} on your route`);

    const transition = checkStatusTransition(order.status, input.status);
    if (!transition.ok) throw new InvalidTransition(transition.reason);
    if (transition.isNoop) {
      await out.awaitPending([subjects.orderEvents(orderId), subjects.driverRoute(driverId)]);
      return { orderId, status: order.status, isChanged: false };
    }

    if (input.status === "arrived") {
      const arrival = checkCanArrive(orderId, await findStopAtDoor(tx, driverId, orderId, new Date(at)));
      if (!arrival.ok) throw new StopAtDoor(arrival.reason);
    }

    const extra = (await onChange?.(tx)) ?? {};
    const isDone = isFinished(input.status);
    const reason = input.status === "failed" ? (input.reason ?? null) : null;
    const deliveredTo = input.status === "delivered" ? (input.deliveredTo ?? null) : null;
    const updated = await tx.order.update({
      where: { id: orderId },
      data: {
        status: input.status,
        statusNote: input.note ?? null,
        statusAt: new Date(at),
        finishedAt: isDone ? new Date(at) : null,
        failureReason: reason,
        deliveredTo: deliveredTo ?? Prisma.DbNull,
      },
    });
    await recordOrderEvent(
      out,
      {
        type: "order.status_changed",
        orderId,
        at,
        from: order.status,
        to: input.status,
        note: input.note ?? null,
        by: "driver",
        ...extra,
        ...(reason ? { reason } : {}),
        ...(deliveredTo ? { deliveredTo } : {}),
      },
      `${orderId}:${order.status}>${input.status}:${order.updatedAt.getTime()}`,
    );
    const left: LeftStop[] = [];
    if (isDone) {
      // Finished stops leave the route: its size follows open work, not the day's history.
      const { count } = await tx.routeStop.deleteMany({ where: { orderId } });
      if (count > 0) left.push({ ...toTrackedOrder(updated), toDriverId: null });
    }
    await enqueueRouteSnapshot(out, driverId, at, left);
    return { orderId, status: input.status, isChanged: true };
  });
}
