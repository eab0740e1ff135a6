/** The admin dashboard's driver track replay: query and answer. Types are inferred from these. */
import { z } from "zod";

/** A time as ms epoch or an ISO date-time, as a query-string parameter. */
const ZQueryTime = z.union([
  z
    .string()
    .regex(/^\d{1,15}$/)
    .transform(Number),
  z.iso.datetime({ offset: true }).transform((iso) => Date.parse(iso)),
]);

/** The longest range one request may replay: the LOCATIONS stream keeps 30 days. */
export const MAX_TRACK_RANGE_MS = 7 * 24 * 60 * 60 * 1000;

export const ZDriverTrackQuery = z
  .object({
    /** Default: 24 hours before `to`. */
    from: ZQueryTime.optional(),
    /** Default: now. */
    to: ZQueryTime.optional(),
    maxPoints: z.coerce.number().int().min(2).max(5000).default(1000),
  })
  .strict()
  .refine((query) => query.from === undefined || query.to === undefined || query.from < query.to, { message: "from must be before to", path: ["from"] })
  .refine((query) => query.from === undefined || query.to === undefined || query.to - query.from <= MAX_TRACK_RANGE_MS, {
    message: "a track covers at most 7 days",
    path: ["to"],
  });
export type TDriverTrackQuery = z.infer<typeof ZDriverTrackQuery>;

export const ZTrackFix = z.object({ lat: z.number(), lng: z.number(), at: z.number(), speed: z.number().nullable() });
export type TTrackFix = z.infer<typeof ZTrackFix>;

export const ZTrackStop = z.object({
  orderId: z.string(),
  customerName: z.string(),
  address: z.string(),
  lat: z.number(),
  lng: z.number(),
  status: z.string(),
  arrivedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  outcome: z.enum(["delivered", "failed"]).nullable(),
  dwellMs: z.number().nullable(),
});
export type TTrackStop = z.infer<typeof ZTrackStop>;

export const ZDriverTrack = z.object({
  driverId: z.string(),
  from: z.number(),
  to: z.number(),
  /** Fixes in the range, oldest first by device time, thinned to at most `maxPoints`. */
  fixes: z.array(ZTrackFix),
  /** Fixes found in the range before thinning. */
  totalFixes: z.number().int(),
  isDownsampled: z.boolean(),
  /** The read stopped at its safety cap; the newest part of the range is missing. */
  isTruncated: z.boolean(),
  stops: z.array(ZTrackStop),
});
export type TDriverTrack = z.infer<typeof ZDriverTrack>;
