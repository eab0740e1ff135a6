/**
 * Every order's views for the whole process: ONE core NATS subscription to `orders.*.view`,
 * whatever the number of watchers. The order id comes from the subject; `onView` gets only
 * messages for orders `isWatched` says someone watches here, so a view nobody watches is
 * dropped before it is decoded. The subscription survives reconnects (the client resubscribes).
 */
import type { Msg, NatsConnection } from "@nats-io/transport-node";
import { subjects } from "../backbone/subjects";
import { orderIdOfSubject } from "./order-rooms";

export interface OrderViewFeed {
  stop(): void;
}

export function startOrderViewFeed(
  nc: NatsConnection,
  isWatched: (orderId: string) => boolean,
  onView: (orderId: string, message: Msg) => void,
  log: (message: string, error?: unknown) => void,
): OrderViewFeed {
  const subscription = nc.subscribe(subjects.allOrderViews, {
    callback: (error, message) => {
      if (error) return log("order view subscription failed", error);
      const orderId = orderIdOfSubject(message.subject);
      if (!orderId || !isWatched(orderId)) return;
      // A throw here would kill the connection's read loop: nothing may escape.
      try {
        onView(orderId, message);
      } catch (relayError) {
        log(`view on ${message.subject} could not be relayed`, relayError);
      }
    },
  });
  return {
    stop: () => subscription.unsubscribe(),
  };
}
