/** The dashboard's insight panel: figures for a period, "today" by default. */
import { ZInsightQuery } from "../../lib/schemas/insight";
import type { Router } from "../http/router";
import { validate } from "../http/validate";
import { getInsight, localDay } from "../insight/get-insight";
import { requireStaff } from "../staff/require-staff";
import type { ApiDeps } from "./api-routes";

export function registerInsightRoutes(router: Router, deps: ApiDeps): void {
  router.on("GET", "/api/admin/insight", async ({ req, url }) => {
    requireStaff(req, "view");
    const query = validate(ZInsightQuery, Object.fromEntries(url.searchParams));
    const today = localDay(new Date());
    const from = query.from ?? today.from;
    const to = query.to ?? (query.from ? new Date(from.getTime() + 24 * 60 * 60 * 1000) : today.to);
    return { status: 200, body: await getInsight(deps, { from, to }) };
  });
}
