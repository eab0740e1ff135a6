import type { TOrderStatusRequest } from "../../lib/schemas/api";
import { checkStatusTransition, isFinished } from "../../lib/domain/order-status";
import { conflict, notFound } from "../http/api-error";
import type { CoreDeps, Tx } from "../deps";
import { recordOrderEvent } from "./order-events";

export interface StatusUpdateResult {
  orderId: string;
  status: string;
  /** False when the order already had this status (a retried request changes nothing). */
  isChanged: boolean;
}

/**
 * A driver sets the status of an order on their own route. The row is locked for the check,
 * and the event's msgID is derived from the state it changes, so a retried request is
 * deduplicated by JetStream instead of recorded twice.
 */
export async function updateOrderStatus(
  deps: Pick<CoreDeps, "prisma" | "js">,
  driverId: string,
  orderId: string,
  input: TOrderStatusRequest,
  /** Runs inside the transaction once the change is allowed (the driver app stores its proof of delivery here). */
  onChange?: (tx: Tx) => Promise<{ proof?: { hasPhoto: boolean; hasSignature: boolean } }>,
): Promise<StatusUpdateResult> {
  const at = Date.now();
  return deps.prisma.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT id FROM orders WHERE id = ${orderId} FOR UPDATE`;
      const order = await tx.order.findUnique({ where: { id: orderId } });
      // Another driver's order is reported as unknown: a driver learns nothing about other routes.
      if (!order || order.driverId !== driverId) throw notFound(`no order ${orderId} on your route`);

      const transition = checkStatusTransition(order.status, input.status);
      if (!transition.ok) throw conflict("invalid_transition", transition.reason);
      if (transition.isNoop) return { orderId, status: order.status, isChanged: false };

      const extra = (await onChange?.(tx)) ?? {};
      await tx.order.update({
        where: { id: orderId },
        data: { status: input.status, statusNote: input.note ?? null, finishedAt: isFinished(input.status) ? new Date(at) : null },
      });
      await recordOrderEvent(
        tx,
        deps.js,
        { type: "order.status_changed", orderId, at, from: order.status, to: input.status, note: input.note ?? null, by: "driver", ...extra },
        `${orderId}:${order.status}>${input.status}:${order.updatedAt.getTime()}`,
      );
      return { orderId, status: input.status, isChanged: true };
    },
    { timeout: 20_000, maxWait: 20_000 },
  );
}
