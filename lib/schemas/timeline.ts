import { z } from "zod";
import { FAILURE_REASONS, ZDeliveredTo } from "./driver";

export const TIMELINE_KINDS = [
  "created",
  "assigned",
  "unassigned",
  "picked_up",
  "out_for_delivery",
  "stops_away",
  "arrived",
  "resumed",
  "delivered",
  "failed",
  "cancelled",
  "rescheduled",
  "back_at_depot",
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/**
 * One line of a customer's timeline, derived on the server from one event of the order's own
 * history (ORDERS stream). It carries no coordinates and nothing about other orders: a route
 * change, which lists the driver's other stops, never becomes an entry.
 */
export const ZTimelineEntry = z.object({
  /**
   * The event's ORDERS stream sequence: increases along each order's history, so it orders
   * the timeline, drops duplicates and is what a reconnecting page resumes after.
   */
  seq: z.number().int().positive(),
  /** ISO time of the event. */
  at: z.string(),
  kind: z.enum(TIMELINE_KINDS),
  /** For out_for_delivery and stops_away. */
  stopsAway: z.number().int().nonnegative().nullable(),
  /** The driver's note: the reason of a failure, or a note left at delivery. */
  note: z.string().nullable(),
  /** A failure's reason as a code, shown in the page's language (none on older events). */
  reason: z.enum(FAILURE_REASONS).optional(),
  /** Where a delivered parcel was left (none on older events). */
  deliveredTo: ZDeliveredTo.optional(),
});
export type TTimelineEntry = z.infer<typeof ZTimelineEntry>;

/** An order's timeline from the stream: entries after `afterSeq`, and the last sequence read. */
export const ZTimelinePage = z.object({
  entries: z.array(ZTimelineEntry),
  /** Everything up to here has been read; resume after it. */
  lastSeq: z.number().int().nonnegative(),
});
export type TTimelinePage = z.infer<typeof ZTimelinePage>;
