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
    /** Set when the driver left a proof of delivery (the bytes are in `delivery_proofs`, never on the stream). */
    proof: z.object({ hasPhoto: z.boolean(), hasSignature: z.boolean() }).optional(),
  }),
  z.object({
    ...base,
    type: z.literal("order.route_changed"),
    /** The driver whose route now holds the order, or null when it was taken off every route. */
    driverId: z.string().nullable(),
    /** That driver's whole route in visiting order, so a consumer needs no other source. */
    route: z.array(z.string()),
  }),
  z.object({
    ...base,
    type: z.literal("order.progress"),
    /**
     * Derived by the tracker for the customer's timeline: the driver set off with the order
     * (first fix after pick-up), or its stops-away figure changed. Carries no other order's data.
     */
    stage: z.enum(["out_for_delivery", "stops_away"]),
    stopsAway: z.number().int().nonnegative().nullable(),
  }),
  z.object({
    ...base,
    type: z.literal("order.instructions_changed"),
    /** The customer's delivery instructions, null when cleared. */
    instructions: z.string().nullable(),
    by: z.enum(["customer", "admin"]),
  }),
  z.object({
    ...base,
    /** Staff replaced the customer's tracking link; the old one is dead. Never carries a token. */
    type: z.literal("order.tracking_link_changed"),
    by: z.enum(["admin"]),
  }),
  z.object({
    ...base,
    type: z.literal("order.rated"),
    rating: z.number().int().min(1).max(5),
    comment: z.string().nullable(),
  }),
]);
export type TOrderEvent = z.infer<typeof ZOrderEvent>;
