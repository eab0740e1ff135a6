import type { TOrderEvent } from "../../../lib/schemas/events";
import { readOrderStream } from "../../platform/backbone/read-order-stream";
import type { CoreDeps } from "../../deps";
import { OrderNotFound } from "../../platform/domain-errors";

export interface OrderHistoryEntry {
  /** The event's msgID (as in `order_events`), else its sequence. */
  id: string;
  /** ORDERS stream sequence: the exact order of the history, and the cursor to resume after. */
  seq: number;
  type: TOrderEvent["type"];
  at: string;
  /** The event without its orderId/type/at. */
  data: Record<string, unknown>;
}

/**
 * An order's full history read from the ORDERS stream (the source of truth, in stream order),
 * not from the `order_events` projection: nothing a projection missed, and no ties to break.
 * The order must exist in the database (404 otherwise). `afterSeq` pages on from a cursor.
 */
export async function listOrderEvents(deps: Pick<CoreDeps, "prisma" | "js" | "jsm">, orderId: string, afterSeq = 0): Promise<{ orderId: string; lastSeq: number; events: OrderHistoryEntry[] }> {
  const order = await deps.prisma.order.findUnique({ where: { id: orderId }, select: { id: true } });
  if (!order) throw new OrderNotFound(orderId);
  const { events, lastSeq } = await readOrderStream(deps, orderId, afterSeq);
  return {
    orderId,
    lastSeq,
    events: events.map(({ seq, msgId, event }) => {
      const { orderId: _orderId, type, at, ...data } = event;
      return { id: msgId ?? String(seq), seq, type, at: new Date(at).toISOString(), data };
    }),
  };
}
