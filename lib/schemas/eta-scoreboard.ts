/** The dispatch dashboard's ETA scoreboard: query and answer. */
import { z } from "zod";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Longest period one request may cover. */
export const SCOREBOARD_MAX_DAYS = 31;

/**
 * The period as ISO instants (default: the last 7 days to now) and the viewer's zone as minutes
 * ahead of UTC, so days are the viewer's calendar days.
 */
const ZInstant = z.iso.datetime({ offset: true }).transform((iso) => new Date(iso));

export const ZEtaScoreboardQuery = z
  .object({
    from: ZInstant.optional(),
    to: ZInstant.optional(),
    tzOffsetMinutes: z.coerce
      .number()
      .int()
      .min(-14 * 60)
      .max(14 * 60)
      .default(0),
  })
  .strict()
  // Checks of the whole run only on fields that parsed (zod runs them after a field's own failure).
  .refine((query) => !(query.from instanceof Date && query.to instanceof Date) || query.from < query.to, { message: "from must be before to" })
  .refine((query) => !(query.from instanceof Date && query.to instanceof Date) || query.to.getTime() - query.from.getTime() <= SCOREBOARD_MAX_DAYS * DAY_MS, {
    message: `the period is at most ${SCOREBOARD_MAX_DAYS} days`,
  });
export type TEtaScoreboardQuery = z.infer<typeof ZEtaScoreboardQuery>;

const ZScoreCount = z.object({ inside: z.number(), total: z.number(), rate: z.number().nullable() });

export const ZEtaScoreboardRow = z.object({
  day: z.string(),
  driverId: z.string().nullable(),
  driverName: z.string().nullable(),
  arrivals: z.number(),
  minutes30: ZScoreCount,
  minutes10: ZScoreCount,
  stops3: ZScoreCount,
});

export const ZEtaScoreboard = z.object({
  from: z.string(),
  to: z.string(),
  rows: z.array(ZEtaScoreboardRow),
});
export type TEtaScoreboard = z.infer<typeof ZEtaScoreboard>;
