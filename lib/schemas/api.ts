/** Request bodies of the HTTP API (DESIGN.md contract). Types are inferred, never written twice. */
import { z } from "zod";
import { DRIVER_STATUSES, ORDER_STATUSES } from "../domain/order-status";
import { ZOrderContactFields } from "./order-contact";

const MAX_FIXES_PER_BATCH = 500;
const MAX_ROUTE_STOPS = 500;
/** A full batch of fixes with every field written out (~160 B a fix), with room to spare. */
export const MAX_LOCATIONS_BODY_BYTES = MAX_FIXES_PER_BATCH * 256;
/** A full route of the longest order ids. */
export const MAX_ROUTE_BODY_BYTES = MAX_ROUTE_STOPS * 96;

export const ZLatitude = z.number().finite().min(-90).max(90);
export const ZLongitude = z.number().finite().min(-180).max(180);

/** No GPS fix is older than this (2000-01-01): earlier is a device with no clock set. */
export const MIN_FIX_TIME_MS = Date.UTC(2000, 0, 1);
/** Nor more than a day ahead of the server's clock: later is impossible, not skew. */
export const MAX_FIX_LEAD_MS = 24 * 60 * 60 * 1000;

/** Whether `ms` can be a real fix's device time now (a bound on impossible timestamps). */
export function isPlausibleFixTime(ms: number, now = Date.now()): boolean {
  return Number.isFinite(ms) && ms >= MIN_FIX_TIME_MS && ms <= now + MAX_FIX_LEAD_MS;
}
const FIX_TIME_MESSAGE = "must be a time between 2000-01-01 and one day from now";

/** A timestamp as ms since the epoch or an ISO-8601 string, normalised to ms, within plausible bounds. */
export const ZTimestampMs = z
  .union([z.number().finite().int().positive(), z.iso.datetime({ offset: true }).transform((iso) => Date.parse(iso))])
  .refine((ms) => isPlausibleFixTime(ms), FIX_TIME_MESSAGE);

/** A chosen tracker id shorter than this can be guessed: it needs `allowGuessableTrackerId`. */
export const MIN_CHOSEN_TRACKER_ID_LENGTH = 20;

export const ZCreateDriverRequest = z
  .object({
    name: z.string().trim().min(1).max(120),
    /** Omitted: a long random id is generated (the default, and the safe choice). */
    trackerId: z
      .string()
      .trim()
      .min(1)
      .max(120)
      .regex(/^[\w.:-]+$/, "letters, digits and . _ : - only")
      .optional(),
    /** The admin insists on a short, human-chosen trackerId (anyone who guesses it can post as the driver). */
    allowGuessableTrackerId: z.boolean().optional(),
  })
  .refine((input) => !input.trackerId || input.trackerId.length >= MIN_CHOSEN_TRACKER_ID_LENGTH || input.allowGuessableTrackerId === true, {
    path: ["trackerId"],
    message: `a chosen trackerId shorter than ${MIN_CHOSEN_TRACKER_ID_LENGTH} characters can be guessed: omit it to get a generated one, or send allowGuessableTrackerId: true`,
  });
export type TCreateDriverRequest = z.infer<typeof ZCreateDriverRequest>;

export const ZCreateOrderRequest = z.object({
  customerName: z.string().trim().min(1).max(200),
  address: z.string().trim().min(1).max(500),
  lat: ZLatitude,
  lng: ZLongitude,
  driverId: z.string().min(1).max(64).optional(),
  ...ZOrderContactFields,
});
export type TCreateOrderRequest = z.infer<typeof ZCreateOrderRequest>;

export const ZSetRouteRequest = z.object({
  orderIds: z
    .array(z.string().min(1).max(64))
    .max(MAX_ROUTE_STOPS)
    .refine((ids) => new Set(ids).size === ids.length, "an order may appear only once in a route"),
});
export type TSetRouteRequest = z.infer<typeof ZSetRouteRequest>;

export const ZGpsFix = z.object({
  lat: ZLatitude,
  lng: ZLongitude,
  at: ZTimestampMs,
  /** Per-driver increasing sequence number from the device; resends with the same seq are dropped. */
  seq: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
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
