import { downsampleTrack } from "../../../lib/domain/track-downsample";
import type { TDriverTrack, TDriverTrackQuery } from "../../../lib/schemas/driver-track";
import { MAX_TRACK_RANGE_MS } from "../../../lib/schemas/driver-track";
import { DriverNotFound, InvalidInput } from "../../platform/domain-errors";
import type { CoreDeps } from "../../deps";
import { listDriverStopTimes } from "./list-driver-stop-times";
import { readDriverFixes } from "./read-driver-fixes";

const DAY_MS = 24 * 60 * 60 * 1000;

/** A driver's track over a time range (thinned for drawing) and their stops with dwell times. */
export async function getDriverTrack(deps: Pick<CoreDeps, "prisma" | "js" | "jsm">, driverId: string, query: TDriverTrackQuery, nowMs = Date.now()): Promise<TDriverTrack> {
  const driver = await deps.prisma.driver.findUnique({ where: { id: driverId }, select: { id: true } });
  if (!driver) throw new DriverNotFound(driverId);
  const to = query.to ?? nowMs;
  const from = query.from ?? to - DAY_MS;
  // The schema checks the pair when both are given; a lone bound is checked against its default here.
  if (from >= to) throw new InvalidInput("invalid_request", "from must be before to");
  if (to - from > MAX_TRACK_RANGE_MS) throw new InvalidInput("invalid_request", "a track covers at most 7 days");
  const [{ fixes, isTruncated }, stops] = await Promise.all([readDriverFixes(deps, driverId, from, to), listDriverStopTimes(deps, driverId, from, to)]);
  const thinned = downsampleTrack(fixes, query.maxPoints);
  return { driverId, from, to, fixes: thinned, totalFixes: fixes.length, isDownsampled: thinned.length < fixes.length, isTruncated, stops };
}
