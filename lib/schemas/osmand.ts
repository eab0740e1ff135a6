/**
 * The OsmAnd / Traccar Client HTTP protocol (DESIGN.md contract), in its two shapes: flat
 * parameters (query string or form body) and Traccar Client's JSON body. Both parse to one
 * `TTrackerReport` so the rest of ingest sees a single shape.
 */
import { z } from "zod";
import { isPlausibleFixTime, ZLatitude, ZLongitude } from "./api";

const KNOTS_TO_METERS_PER_SECOND = 0.514444;

/**
 * An ISO-8601 date-time as tracker apps write it (`T` or a space, optional fraction, `Z` or an
 * offset). Anything else is refused rather than handed to Date.parse, which reads "-5" as 2001.
 */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)$/i;

/** Seconds, milliseconds or ISO-8601 → ms epoch. Numbers below 1e11 are seconds (1e11 ms is 1973). */
const ZTrackerTimestamp = z.union([z.number(), z.string().trim().min(1)]).transform((value, ctx) => {
  const numeric = typeof value === "number" ? value : /^\d+(\.\d+)?$/.test(value) ? Number(value) : null;
  const ms = numeric !== null ? (numeric < 1e11 ? numeric * 1000 : numeric) : ISO_DATE_TIME.test(value as string) ? Date.parse((value as string).replace(" ", "T")) : Number.NaN;
  if (!Number.isFinite(ms) || ms <= 0) {
    ctx.addIssue({ code: "custom", message: "timestamp must be seconds, milliseconds or an ISO-8601 time" });
    return z.NEVER;
  }
  if (!isPlausibleFixTime(ms)) {
    ctx.addIssue({ code: "custom", message: "timestamp must be a time between 2000-01-01 and one day from now" });
    return z.NEVER;
  }
  return Math.round(ms);
});

/** A decimal number, as a number or as text (`0x10`, `1_0` or `Infinity` are not), checked by `schema`. */
const decimal = <T extends z.ZodType<number, number>>(schema: T) =>
  z
    .union([
      z.number(),
      z
        .string()
        .trim()
        .regex(/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/, "must be a decimal number"),
    ])
    .transform(Number)
    .pipe(schema);
/** Bounds on reported numbers: beyond them a value is a bug or an attack, not a measurement. */
const MAX_SPEED_KNOTS = 2_000;
const MAX_SPEED_MPS = 1_000;
const MAX_ACCURACY_M = 1_000_000;
const ZTrackerId = z.string().trim().min(1).max(120);

export interface TTrackerReport {
  trackerId: string;
  fix: { lat: number; lng: number; at: number; accuracy?: number; speed?: number; heading?: number };
  battery?: number;
}

/** `?id=…&lat=…&lon=…&timestamp=…&speed=<knots>&bearing=…` or the same as a form body. */
export const ZOsmandParams = z
  .object({
    id: ZTrackerId.optional(),
    deviceid: ZTrackerId.optional(),
    lat: decimal(ZLatitude).optional(),
    lon: decimal(ZLongitude).optional(),
    location: z
      .string()
      .regex(/^\s*-?\d+(\.\d+)?\s*,\s*-?\d+(\.\d+)?\s*$/, 'location must be "lat,lon"')
      .optional(),
    timestamp: ZTrackerTimestamp.optional(),
    speed: decimal(z.number().finite().nonnegative().max(MAX_SPEED_KNOTS)).optional(),
    bearing: decimal(z.number().finite().min(0).max(360)).optional(),
    heading: decimal(z.number().finite().min(0).max(360)).optional(),
    altitude: decimal(z.number().finite().min(-12_000).max(100_000)).optional(),
    accuracy: decimal(z.number().finite().nonnegative().max(MAX_ACCURACY_M)).optional(),
    hdop: decimal(z.number().finite().nonnegative().max(1_000)).optional(),
    batt: decimal(z.number().finite().min(0).max(100)).optional(),
  })
  .transform((params, ctx): TTrackerReport => {
    const trackerId = params.id ?? params.deviceid;
    if (!trackerId) ctx.addIssue({ code: "custom", path: ["id"], message: "id or deviceid is required" });
    let lat = params.lat;
    let lng = params.lon;
    if (params.location) {
      const [latText, lonText] = params.location.split(",");
      lat = Number(latText);
      lng = Number(lonText);
      if (!ZLatitude.safeParse(lat).success || !ZLongitude.safeParse(lng).success) {
        ctx.addIssue({ code: "custom", path: ["location"], message: "location is out of range" });
      }
    }
    if (lat === undefined || lng === undefined) ctx.addIssue({ code: "custom", path: ["lat"], message: "lat and lon (or location=lat,lon) are required" });
    if (!trackerId || lat === undefined || lng === undefined) return z.NEVER;
    const heading = params.bearing ?? params.heading;
    return {
      trackerId,
      fix: {
        lat,
        lng,
        at: params.timestamp ?? Date.now(),
        ...(params.accuracy !== undefined ? { accuracy: params.accuracy } : {}),
        ...(params.speed !== undefined ? { speed: params.speed * KNOTS_TO_METERS_PER_SECOND } : {}),
        ...(heading !== undefined ? { heading } : {}),
      },
      ...(params.batt !== undefined ? { battery: params.batt } : {}),
    };
  });

/** Traccar Client's JSON body: `{ device_id, location: { timestamp, coords: {…}, battery: { level } } }`. */
export const ZTraccarJson = z
  .object({
    device_id: ZTrackerId,
    location: z.object({
      timestamp: ZTrackerTimestamp.optional(),
      coords: z.object({
        latitude: ZLatitude,
        longitude: ZLongitude,
        accuracy: z.number().finite().nonnegative().max(MAX_ACCURACY_M).optional(),
        /** m/s here, unlike the flat form's knots */
        speed: z.number().finite().max(MAX_SPEED_MPS).optional(),
        heading: z.number().finite().optional(),
        altitude: z.number().finite().min(-12_000).max(100_000).optional(),
      }),
      battery: z.object({ level: z.number().finite().optional() }).partial().optional(),
    }),
  })
  .transform(({ device_id, location }): TTrackerReport => {
    const { coords } = location;
    const level = location.battery?.level;
    return {
      trackerId: device_id,
      fix: {
        lat: coords.latitude,
        lng: coords.longitude,
        at: location.timestamp ?? Date.now(),
        ...(coords.accuracy !== undefined ? { accuracy: coords.accuracy } : {}),
        // Phones report -1 for "unknown" speed and heading.
        ...(coords.speed !== undefined && coords.speed >= 0 ? { speed: coords.speed } : {}),
        ...(coords.heading !== undefined && coords.heading >= 0 && coords.heading <= 360 ? { heading: coords.heading } : {}),
      },
      // Traccar sends 0–1; store percent like the flat form's batt.
      ...(level !== undefined && level >= 0 ? { battery: level <= 1 ? level * 100 : level } : {}),
    };
  });
