/** The dashboard's insight panel: query and answer. */
import { z } from "zod";

/** The period, as ISO instants; the page sends its own local day, the server defaults to its own. */
export const ZInsightQuery = z
  .object({
    from: z.iso
      .datetime({ offset: true })
      .transform((iso) => new Date(iso))
      .optional(),
    to: z.iso
      .datetime({ offset: true })
      .transform((iso) => new Date(iso))
      .optional(),
  })
  .strict()
  .refine((query) => !query.from || !query.to || query.from < query.to, { message: "from must be before to" });
export type TInsightQuery = z.infer<typeof ZInsightQuery>;

export const ZInsight = z.object({
  from: z.string(),
  to: z.string(),
  delivered: z.number(),
  failed: z.number(),
  onTime: z.object({ onTime: z.number(), withDueAt: z.number(), rate: z.number().nullable() }),
  /**
   * Median of |actual − predicted| in seconds, over delivered orders, taking each order's last
   * prediction made before the driver reached the door. Null when no delivered order had one.
   */
  etaError: z.object({ medianSeconds: z.number().nullable(), orders: z.number() }),
  perDriver: z.array(z.object({ driverId: z.string().nullable(), driverName: z.string().nullable(), delivered: z.number(), failed: z.number() })),
});
export type TInsight = z.infer<typeof ZInsight>;
