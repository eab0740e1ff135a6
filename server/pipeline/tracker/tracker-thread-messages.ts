/**
 * What crosses between the main thread and the tracker's worker thread (tracker-thread.ts,
 * started by start-tracker-thread.ts): the worker's start-up data, and the messages each way.
 * One schema per shape; both ends parse what they receive.
 */
import { z } from "zod";
import { LOG_LEVELS } from "../../platform/observability/logger";
import type { MalformedSubjectKind } from "../../platform/observability/malformed-messages";

export const ZTrackerThreadData = z.object({
  natsUrl: z.string().min(1),
  /** The app's database (for PGlite, its Unix socket); the worker opens its own pool on it. */
  databaseUrl: z.string().min(1),
  poolSize: z.number().int().positive(),
  partitions: z.number().int().positive(),
  visibleStops: z.number().int().nonnegative().nullable(),
  visibleMinutes: z.number().int().positive().nullable(),
  replicas: z.number().int().positive(),
  logLevel: z.enum(LOG_LEVELS),
});
export type TTrackerThreadData = z.infer<typeof ZTrackerThreadData>;

const MALFORMED_KINDS = ["location", "route", "unrouted", "unknown"] as const satisfies readonly MalformedSubjectKind[];

/** What the main thread reads of the tracker (metrics), sent by the worker whenever it changed. */
export const ZTrackerProgressSnapshot = z.object({
  memberId: z.string(),
  /** Owned partition → its applied LOCATIONS sequence. */
  applied: z.array(z.tuple([z.number().int(), z.number().int().nonnegative()])),
  /** Messages the tracker dropped as malformed since it started, by kind of subject. */
  malformed: z.partialRecord(z.enum(MALFORMED_KINDS), z.number().int().nonnegative()),
});
export type TTrackerProgressSnapshot = z.infer<typeof ZTrackerProgressSnapshot>;

export const ZFromTrackerThread = z.discriminatedUnion("type", [
  z.object({ type: z.literal("ready"), progress: ZTrackerProgressSnapshot }),
  z.object({ type: z.literal("progress"), progress: ZTrackerProgressSnapshot }),
  z.object({ type: z.literal("failed"), message: z.string() }),
  /** After a graceful stop: partitions checkpointed and released, connections closed. */
  z.object({ type: z.literal("stopped"), error: z.string().optional() }),
]);
export type TFromTrackerThread = z.infer<typeof ZFromTrackerThread>;

export const ZToTrackerThread = z.discriminatedUnion("type", [z.object({ type: z.literal("stop") })]);
export type TToTrackerThread = z.infer<typeof ZToTrackerThread>;
