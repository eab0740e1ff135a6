/**
 * Messages on the JetStream backbone. Every consumer parses with these schemas: a malformed
 * message is logged and acknowledged, never allowed to wedge a consumer.
 */
import { z } from "zod";
import { ORDER_STATUSES } from "../domain/order-status";
import { DELIVERY_CHOICE_FIELDS, RESCHEDULE_WISH_FIELDS } from "./delivery-choice";
import { FAILURE_REASONS, ZDeliveredTo } from "./driver";

/** `drivers.<partition>.<driverId>.location` — one raw fix as the device sent it (filtering is the tracker's job). */
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

/** What the tracker needs of one order: where it goes and where it stands. */
export const ZTrackedOrder = z.object({
  orderId: z.string(),
  status: ZOrderStatus,
  /** ms epoch of the last status change */
  statusAt: z.number(),
  lat: z.number(),
  lng: z.number(),
  address: z.string(),
});
export type TTrackedOrder = z.infer<typeof ZTrackedOrder>;

/**
 * `drivers.<partition>.<driverId>.route` — the driver's route after a change, published once per
 * change (order created for the driver, route set, a stop's status changed, order cancelled).
 * Its size follows open work: `stops` are the open stops in visiting order; stops that left the
 * route in this change (finished, cancelled, unassigned, moved) are listed once in `left`.
 */
export const ZRouteEvent = z.object({
  type: z.literal("route.changed"),
  driverId: z.string(),
  at: z.number(),
  stops: z.array(ZTrackedOrder),
  left: z.array(ZTrackedOrder.extend({ toDriverId: z.string().nullable() })),
});
export type TRouteEvent = z.infer<typeof ZRouteEvent>;

/**
 * `drivers.<partition of the order>.unassigned.order` — an order on no route was created or
 * changed status (or just left every route): its customer view needs no driver.
 */
export const ZUnroutedOrderEvent = z.object({
  type: z.literal("order.unrouted"),
  at: z.number(),
  order: ZTrackedOrder,
});
export type TUnroutedOrderEvent = z.infer<typeof ZUnroutedOrderEvent>;

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
    /** A failure's reason as a code (older events carried it in English in `note`). */
    reason: z.enum(FAILURE_REASONS).optional(),
    /** Where a delivered parcel was left (the customer, the door, a neighbour, a safe place). */
    deliveredTo: ZDeliveredTo.optional(),
  }),
  z.object({
    ...base,
    type: z.literal("order.route_changed"),
    /** The driver whose route now holds the order, or null when it was taken off every route. */
    driverId: z.string().nullable(),
    /** Present only in events stored before `route.changed` existed: the driver's whole route (the route is `route.changed` on the tracker's input). */
    route: z.array(z.string()).optional(),
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
    /**
     * The customer chose how the order is to be delivered (replacing any earlier choice). The
     * note and the neighbour are for the driver and dispatch; the customer's timeline shows no line.
     */
    type: z.literal("order.delivery_choice_set"),
    ...DELIVERY_CHOICE_FIELDS,
    by: z.enum(["customer"]),
  }),
  z.object({
    ...base,
    /** Dispatch accepted the customer's reschedule request; the order left its route and is due in the new window. */
    type: z.literal("order.reschedule_accepted"),
    ...RESCHEDULE_WISH_FIELDS,
    /** ms epoch of the new promise, null when the customer named no day. */
    dueAt: z.number().nullable(),
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
