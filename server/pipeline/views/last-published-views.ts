import type { JetStreamManager } from "@nats-io/jetstream";
import type { TOrderView } from "../../../lib/schemas/order-view";
import { lastPublishedView } from "./get-order-view";

/** Enough to overlap the round trips of a page of orders without flooding the server. */
const MAX_IN_FLIGHT = 16;

/**
 * The tracker's last view of each order, for a table page. ORDER_VIEWS keeps one message per
 * subject; nats-server 2.9 has no batched direct get (2.11's multi_last), so this runs the
 * per-subject gets concurrently, at most MAX_IN_FLIGHT at a time. Orders with no view are absent.
 */
export async function lastPublishedViews(jsm: JetStreamManager, orderIds: readonly string[]): Promise<Map<string, TOrderView>> {
  const views = new Map<string, TOrderView>();
  let next = 0;
  const worker = async () => {
    while (next < orderIds.length) {
      const orderId = orderIds[next++]!;
      const view = await lastPublishedView(jsm, orderId);
      if (view) views.set(orderId, view);
    }
  };
  await Promise.all(Array.from({ length: Math.min(MAX_IN_FLIGHT, orderIds.length) }, worker));
  return views;
}
