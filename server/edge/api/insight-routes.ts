/** The dashboard's insight panel (figures for a period, "today" by default) and ETA scoreboard (per day and driver). */
import { ZEtaScoreboardQuery } from "../../../lib/schemas/eta-scoreboard";
import { nowMs } from "../../platform/clock";
import { ZInsightQuery } from "../../../lib/schemas/insight";
import { validate } from "../../platform/http/validate";
import { getEtaScoreboard } from "../../features/insight/get-eta-scoreboard";
import { getInsight, localDay } from "../../features/insight/get-insight";
import type { ApiDeps, ApiRouter } from "./api-deps";

const DAY_MS = 24 * 60 * 60 * 1000;

export function registerInsightRoutes(router: ApiRouter, deps: ApiDeps): void {
  router.on("GET /api/admin/insight", async ({ url }) => {
    const query = validate(ZInsightQuery, Object.fromEntries(url.searchParams));
    const today = localDay(new Date(nowMs(deps)));
    const from = query.from ?? today.from;
    const to = query.to ?? (query.from ? new Date(from.getTime() + 24 * 60 * 60 * 1000) : today.to);
    return { status: 200, body: await getInsight(deps, { from, to }) };
  });

  // Per day and driver: arrivals inside the window shown 30 min, 10 min and 3 stops before.
  router.on("GET /api/admin/eta-scoreboard", async ({ url }) => {
    const query = validate(ZEtaScoreboardQuery, Object.fromEntries(url.searchParams));
    const to = query.to ?? (query.from ? new Date(query.from.getTime() + 7 * DAY_MS) : new Date(nowMs(deps)));
    const from = query.from ?? new Date(to.getTime() - 7 * DAY_MS);
    return { status: 200, body: await getEtaScoreboard(deps, { from, to }, query.tzOffsetMinutes) };
  });
}
