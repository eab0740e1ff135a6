/** Request bodies of the HTTP API (DESIGN.md contract). Types are inferred, never written twice. */
import { z } from "zod";
import { DRIVER_STATUSES, ORDER_STATUSES } from "../domain/order-status";

const MAX_FIXES_PER_BATCH = 500;

export const ZLatitude = z.number().finite().min(-90).max(90);
export const ZLongitude = z.number().finite().min(-180).max(180);

/** A timestamp as ms since the epoch or an ISO-8601 string, normalised to ms. */
export const ZTimestampMs = z.union([
  z.number().finite().int().positive(),
  z.iso.datetime({ offset: true }).transform((iso) => Date.parse(iso)),
]);

export const ZCreateDriverRequest = z.object({
  name: z.string().trim().min(1).max(120),
  trackerId: z.string().trim().min(1).max(120).regex(/^[\w.:-]+$/, "letters, digits and . _ : - only").optional(),
});
export type TCreateDriverRequest = z.infer<typeof ZCreateDriverRequest>;

export const ZCreateOrderRequest = z.object({
  customerName: z.string().trim().min(1).max(200),
  address: z.string().trim().min(1).max(500),
  lat: ZLatitude,
  lng: ZLongitude,
  driverId: z.string().min(1).max(64).optional(),
});
export type TCreateOrderRequest = z.infer<typeof ZCreateOrderRequest>;

export const ZSetRouteRequest = z.object({
  orderIds: z
    .array(z.string().min(1).max(64))
    .max(500)
    .refine((ids) => new Set(ids).size === ids.length, "an order may appear only once in a route"),
});
export type TSetRouteRequest = z.infer<typeof ZSetRouteRequest>;

export const ZGpsFix = z.object({
  lat: ZLatitude,
  lng: ZLongitude,
  at: ZTimestampMs,
  /** Per-driver increasing sequence number from the device; resends with the same seq are dropped. */
  seq: z.number().int().nonnegative().optional(),
  accuracy: z.number().finite().nonnegative().optional(),
  /** m/s */
  speed: z.number().finite().nonnegative().optional(),
  heading: z.number().finite().min(0).max(360).optional(),
});
export type TGpsFix = z.infer<typeof ZGpsFix>;

export const ZPostLocationsRequest = z.object({
  fixes: z.array(ZGpsFix).min(1).max(MAX_FIXES_PER_BATCH),
});
export type TPostLocationsRequest = z.infer<typeof ZPostLocationsRequest>;

export const ZOrderStatusRequest = z.object({
  status: z.enum(DRIVER_STATUSES),
  note: z.string().trim().max(1000).optional(),
});
export type TOrderStatusRequest = z.infer<typeof ZOrderStatusRequest>;

export const ZListOrdersQuery = z.object({
  status: z.enum(ORDER_STATUSES).optional(),
  driverId: z.string().min(1).max(64).optional(),
});
export type TListOrdersQuery = z.infer<typeof ZListOrdersQuery>;
