import { z } from "zod";
import { ORDER_STATUSES } from "../domain/order-status";

/** A driver position as a customer may see it (only while the privacy rule allows). */
export const ZDriverPosition = z.object({
  lat: z.number(),
  lng: z.number(),
  /** ISO time of the fix. */
  at: z.string(),
  heading: z.number().nullable(),
});

export const ZEtaWindow = z.object({
  /** ISO times: best estimate and the window shown to the customer. */
  at: z.string(),
  earliest: z.string(),
  latest: z.string(),
});

/**
 * What a customer's browser receives for one order: computed by the tracker, published on
 * `orders.<orderId>.view`, pushed by the relay. It never holds other customers' data, and
 * `driver` is null unless the privacy rule (DESIGN.md) allows the position to leave the server.
 */
export const ZOrderView = z.object({
  orderId: z.string(),
  /** Increases with every change to this order's view; clients drop anything not newer. */
  version: z.number().int(),
  status: z.enum(ORDER_STATUSES),
  stopsAway: z.number().int().nonnegative().nullable(),
  eta: ZEtaWindow.nullable(),
  driver: ZDriverPosition.nullable(),
  /** Destination of this order, the customer's own address. */
  destination: z.object({ lat: z.number(), lng: z.number(), address: z.string() }),
  /** ISO time of the last status change. */
  statusAt: z.string(),
  updatedAt: z.string(),
});
export type TOrderView = z.infer<typeof ZOrderView>;
