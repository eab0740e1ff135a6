/**
 * Address search against a Nominatim- or Photon-compatible geocoder (GEOCODER_URL). The dashboard
 * uses it to place a new order; coordinates typed or clicked on the map stay the fallback, so a
 * missing or failing geocoder never blocks order creation.
 *
 * GEOCODER_URL is the search endpoint: `https://nominatim.example/search` (Nominatim: a JSON
 * array of `{ display_name, lat, lon }`) or `https://photon.example/api` (Photon: GeoJSON
 * features). The answer's shape says which one replied.
 */
import { z } from "zod";
import type { TGeocodeResult } from "../../../lib/schemas/admin-responses";

export class GeocoderUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GeocoderUnavailable";
  }
}

const ZNominatimAnswer = z.array(z.object({ display_name: z.string(), lat: z.coerce.number(), lon: z.coerce.number() }));
const ZPhotonAnswer = z.object({
  features: z.array(
    z.object({
      geometry: z.object({ coordinates: z.tuple([z.number(), z.number()]).rest(z.number()) }),
      properties: z.record(z.string(), z.unknown()).default({}),
    }),
  ),
});

function photonLabel(properties: Record<string, unknown>): string {
  const text = (key: string) => (typeof properties[key] === "string" ? (properties[key] as string) : null);
  const street = [text("street"), text("housenumber")].filter(Boolean).join(" ");
  const parts = [text("name"), street || null, text("postcode"), text("city"), text("country")].filter((part, index, all): part is string => Boolean(part) && all.indexOf(part) === index);
  return parts.join(", ") || "unnamed place";
}

export interface GeocodeOptions {
  limit?: number;
  timeoutMs?: number;
  /** The browser's language, so place names read as the staff member reads them. */
  language?: string;
  fetchImpl?: typeof fetch;
}

/** Five places are a few kilobytes; an answer past this is not one we asked for. */
const MAX_ANSWER_BYTES = 512 * 1024;

/** The body as text, refused past `maxBytes` without reading the rest. */
async function readCapped(response: Response, maxBytes: number): Promise<string> {
  if (Number(response.headers.get("content-length") ?? 0) > maxBytes) throw new GeocoderUnavailable(`geocoder answer is larger than ${maxBytes} bytes`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  for (let part = await reader?.read(); part && !part.done; part = await reader?.read()) {
    size += part.value.length;
    if (size > maxBytes) {
      await reader?.cancel();
      throw new GeocoderUnavailable(`geocoder answer is larger than ${maxBytes} bytes`);
    }
    chunks.push(part.value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function parseJsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

export async function geocodeAddress(geocoderUrl: string, query: string, options: GeocodeOptions = {}): Promise<TGeocodeResult[]> {
  const { limit = 5, timeoutMs = 5_000, language, fetchImpl = fetch } = options;
  const url = new URL(geocoderUrl);
  url.searchParams.set("q", query);
  url.searchParams.set("limit", String(limit));
  const isPhoton = url.pathname.replace(/\/+$/, "").endsWith("/api");
  if (!isPhoton) url.searchParams.set("format", "jsonv2");
  if (language && isPhoton) url.searchParams.set("lang", language);
  let response: Response;
  try {
    response = await fetchImpl(url, {
      headers: { accept: "application/json", "user-agent": "Lastmile delivery tracking (order address search)", ...(language ? { "accept-language": language } : {}) },
      signal: AbortSignal.timeout(timeoutMs),
      // The configured endpoint answers, or nothing does: a redirect could lead the server anywhere.
      redirect: "manual",
    });
  } catch (error) {
    throw new GeocoderUnavailable(`geocoder unreachable: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (response.status >= 300 && response.status < 400) throw new GeocoderUnavailable(`geocoder answered a redirect (${response.status}); set GEOCODER_URL to where it leads`);
  if (!response.ok) throw new GeocoderUnavailable(`geocoder answered ${response.status}`);
  const body = parseJsonOrNull(await readCapped(response, MAX_ANSWER_BYTES));
  const nominatim = ZNominatimAnswer.safeParse(body);
  if (nominatim.success) {
    return nominatim.data.slice(0, limit).map((place) => ({ label: place.display_name, lat: place.lat, lng: place.lon }));
  }
  const photon = ZPhotonAnswer.safeParse(body);
  if (photon.success) {
    return photon.data.features.slice(0, limit).map((feature) => ({ label: photonLabel(feature.properties), lat: feature.geometry.coordinates[1], lng: feature.geometry.coordinates[0] }));
  }
  throw new GeocoderUnavailable("geocoder answer is neither Nominatim nor Photon JSON");
}
