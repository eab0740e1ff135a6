import { isFinished } from "../../../lib/domain/order-status";
import { optimiseRoute } from "../../../lib/domain/route-optimiser";
import type { CoreDeps } from "../../deps";
import { getDriverDetail } from "./get-driver-detail";

export interface RouteOptimisation {
  driverId: string;
  current: string[];
  /** Finished stops first, as they were; then the unfinished ones in the optimised order. */
  proposed: string[];
  beforeMeters: number;
  afterMeters: number;
  savedMeters: number;
}

/**
 * Proposes a shorter visiting order for the driver's unfinished stops, from where the driver is
 * (or, with no fix yet, from the first unfinished stop). Nothing is stored: applying it is a
 * `PUT /api/drivers/<id>/route` with `proposed`, after a person has seen the saving.
 */
export async function previewRouteOptimisation(deps: Pick<CoreDeps, "prisma">, driverId: string): Promise<RouteOptimisation> {
  const detail = await getDriverDetail(deps, driverId);
  const finished = detail.route.filter((stop) => isFinished(stop.status as Parameters<typeof isFinished>[0]));
  const open = detail.route.filter((stop) => !finished.includes(stop));
  const current = detail.route.map((stop) => stop.orderId);
  const start = detail.location ?? open[0];
  if (!start || open.length < 2) return { driverId, current, proposed: current, beforeMeters: 0, afterMeters: 0, savedMeters: 0 };
  const result = optimiseRoute(
    start,
    open.map((stop) => ({ id: stop.orderId, lat: stop.lat, lng: stop.lng })),
  );
  return {
    driverId,
    current,
    proposed: [...finished.map((stop) => stop.orderId), ...result.ids],
    beforeMeters: Math.round(result.beforeMeters),
    afterMeters: Math.round(result.afterMeters),
    savedMeters: Math.round(result.beforeMeters - result.afterMeters),
  };
}
