/**
 * Messages on the JetStream backbone. Every consumer parses with these schemas: a malformed
 * message is logged and acknowledged, never allowed to wedge a consumer.
 */
import { z } from "zod";
import { ORDER_STATUSES } from "../domain/order-status";

/** `drivers.<driverId>.location` — one raw fix as the device sent it (filtering is the tracker's job). */
export const ZLocationEvent = z.object({
  driverId: z.string(),
  lat: z.number(),
  lng: z.number(),
  /** ms epoch of the fix on the device */
  at: z.number(),
  seq: z.number().nullable(),
  accuracy: z.number().nullable(),
  speed: z.number().nullable(),
  heading: z.number().nullable(),
  /** ms epoch when the server accepted it */
  receivedAt: z.number(),
  source: z.enum(["driver-app", "tracker-app", "demo"]),
});
export type TLocationEvent = z.infer<typeof ZLocationEvent>;

const ZOrderStatus = z.enum(ORDER_STATUSES);

const base = { orderId: z.string(), at: z.number() };

/** `orders.<orderId>.events` — everything that happens to an order, in order. */
export const ZOrderEvent = z.discriminatedUnion("type", [
  z.object({
    ...base,
    type: z.literal("order.created"),
    lat: z.number(),
    lng: z.number(),
    address: z.string(),
    status: ZOrderStatus,
  }),
  z.object({
    ...base,
    type: z.literal("order.status_changed"),
    from: ZOrderStatus,
    to: ZOrderStatus,
    note: z.string().nullable(),
    by: z.enum(["driver", "admin", "system"]),
  }),
  z.object({
    ...base,
    type: z.literal("order.route_changed"),
    /** The driver whose route now holds the order, or null when it was taken off every route. */
    driverId: z.string().nullable(),
    /** That driver's whole route in visiting order, so a consumer needs no other source. */
    route: z.array(z.string()),
  }),
]);
export type TOrderEvent = z.infer<typeof ZOrderEvent>;
