import { z } from "zod";

/** GET /api/orders/<id>/events?afterSeq=N: the events after stream sequence N (all by default). */
export const ZOrderEventsQuery = z.object({ afterSeq: z.coerce.number().int().nonnegative().default(0) }).strict();
