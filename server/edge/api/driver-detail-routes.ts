/** The admin dashboard's driver detail: a driver's track replay with their stops' dwell times. */
import { ZDriverTrackQuery } from "../../../lib/schemas/driver-track";
import { getDriverTrack } from "../../features/dispatch/get-driver-track";
import { validate } from "../../platform/http/validate";
import type { ApiDeps, ApiRouter } from "./api-deps";

export function registerDriverDetailRoutes(router: ApiRouter, deps: ApiDeps): void {
  router.on("GET /api/admin/drivers/:driverId/track", async ({ params, url }) => {
    const query = validate(ZDriverTrackQuery, Object.fromEntries(url.searchParams));
    return { status: 200, body: await getDriverTrack(deps, params.driverId ?? "", query) };
  });
}
