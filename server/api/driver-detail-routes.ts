/** The admin dashboard's driver detail: a driver's track replay with their stops' dwell times. */
import { ZDriverTrackQuery } from "../../lib/schemas/driver-track";
import { getDriverTrack } from "../dispatch/get-driver-track";
import type { Router } from "../http/router";
import { validate } from "../http/validate";
import { requireStaff } from "../staff/require-staff";
import type { ApiDeps } from "./api-routes";

export function registerDriverDetailRoutes(router: Router, deps: ApiDeps): void {
  router.on("GET", "/api/admin/drivers/:driverId/track", async ({ req, params, url }) => {
    requireStaff(req, "view");
    const query = validate(ZDriverTrackQuery, Object.fromEntries(url.searchParams));
    return { status: 200, body: await getDriverTrack(deps, params.driverId ?? "", query) };
  });
}
