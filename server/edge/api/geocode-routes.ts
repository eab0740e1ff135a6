/** `GET /api/admin/geocode?q=`: the dashboard's address search (server/features/geocode). */
import { z } from "zod";
import type { TGeocodeAnswer } from "../../../lib/schemas/admin-responses";
import { geocodeAddress, GeocoderUnavailable } from "../../features/geocode/geocode-address";
import { ApiError } from "../../platform/http/api-error";
import { validate } from "../../platform/http/validate";
import type { ApiRouter } from "./api-deps";

export const ZGeocodeQuery = z.object({ q: z.string().trim().min(3).max(300) }).strict();

export function registerGeocodeRoutes(router: ApiRouter, deps: { geocoderUrl?: string; fetchImpl?: typeof fetch }): void {
  router.on("GET /api/admin/geocode", async ({ req, url }) => {
    const { q } = validate(ZGeocodeQuery, Object.fromEntries(url.searchParams));
    // Not configured is an answer, not an error: the form falls back to the map and coordinates.
    if (!deps.geocoderUrl) return { status: 200, body: { isConfigured: false, results: [] } satisfies TGeocodeAnswer };
    const language = req.headers["accept-language"]?.split(",")[0]?.trim();
    try {
      const results = await geocodeAddress(deps.geocoderUrl, q, { language, fetchImpl: deps.fetchImpl });
      return { status: 200, body: { isConfigured: true, results } satisfies TGeocodeAnswer };
    } catch (error) {
      // The domain says what failed; the edge says it in HTTP.
      if (error instanceof GeocoderUnavailable) throw new ApiError(502, "geocoder_unavailable", error.message);
      throw error;
    }
  });
}
