/** Inputs and outputs of the admin dashboard's API and socket events. Types are inferred from these. */
import { z } from "zod";
import type { LateReason } from "../domain/lateness";
import { DRIVER_STATES } from "../domain/driver-state";
import { ORDER_STATUSES, type OrderStatus } from "../domain/order-status";
import { STAFF_ROLES } from "../domain/staff-permissions";
import { ZLatitude, ZLongitude } from "./api";
import { ZOrderContactFields } from "./order-contact";
import type { FailureReason } from "./driver";

const ZEmail = z.string().trim().toLowerCase().max(254).email();

/** Sign in with an email and password, or with the ADMIN_TOKEN itself. */
export const ZSignInRequest = z.union([z.object({ email: ZEmail, password: z.string().min(1).max(200) }).strict(), z.object({ adminToken: z.string().min(1).max(500) }).strict()]);
export type TSignInRequest = z.infer<typeof ZSignInRequest>;

export const ZCreateStaffRequest = z.object({
  email: ZEmail,
  name: z.string().trim().min(1).max(120),
  /** Long enough to resist guessing; no composition rules (NIST SP 800-63B). */
  password: z.string().min(10, "at least 10 characters").max(200),
  role: z.enum(STAFF_ROLES),
});
export type TCreateStaffRequest = z.infer<typeof ZCreateStaffRequest>;

export const ZSession = z.object({
  role: z.enum(STAFF_ROLES),
  /** Null for a session opened with ADMIN_TOKEN. */
  staff: z.object({ id: z.string(), email: z.string(), name: z.string() }).nullable(),
  /** Send back as the X-CSRF-Token header on every write. */
  csrfToken: z.string(),
  expiresAt: z.string(),
});
export type TSession = z.infer<typeof ZSession>;

const ZBoolParam = z.enum(["true", "false"]).transform((value) => value === "true");

export const ZAdminOrdersQuery = z.object({
  q: z.string().trim().max(200).optional(),
  status: z.enum(ORDER_STATUSES).optional(),
  driverId: z.string().min(1).max(64).optional(),
  isLate: ZBoolParam.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});
export type TAdminOrdersQuery = z.infer<typeof ZAdminOrdersQuery>;

/** Promised times outside this are typing mistakes (year 0001, 9999), not promises. */
const MIN_DUE_AT_MS = Date.UTC(2000, 0, 1);
const MAX_DUE_AT_LEAD_MS = 2 * 366 * 24 * 60 * 60 * 1000;

/** An optional ISO date-time or empty for "no promised time". */
const ZDueAt = z.iso
  .datetime({ offset: true })
  .transform((iso) => new Date(iso))
  .refine((date) => date.getTime() >= MIN_DUE_AT_MS && date.getTime() <= Date.now() + MAX_DUE_AT_LEAD_MS, "dueAt must be a time between 2000-01-01 and two years from now")
  .optional();

export const ZAdminCreateOrderRequest = z.object({
  customerName: z.string().trim().min(1).max(200),
  address: z.string().trim().min(1).max(500),
  lat: ZLatitude,
  lng: ZLongitude,
  driverId: z.string().min(1).max(64).optional(),
  dueAt: ZDueAt,
  ...ZOrderContactFields,
});
export type TAdminCreateOrderRequest = z.infer<typeof ZAdminCreateOrderRequest>;

/** One CSV row as text cells: numbers arrive as strings and are coerced here. */
export const ZImportRow = z.object({
  customerName: z.string().trim().min(1, "customerName is required").max(200),
  address: z.string().trim().min(1, "address is required").max(500),
  lat: z.string().trim().min(1, "lat is required").transform(Number).pipe(ZLatitude),
  lng: z.string().trim().min(1, "lng is required").transform(Number).pipe(ZLongitude),
  dueAt: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? value : undefined))
    .pipe(ZDueAt),
  ...ZOrderContactFields,
});
export type TImportRow = z.infer<typeof ZImportRow>;

/** What can be wrong with a CSV row, as codes: the dashboard says them in the reader's language (lib/i18n/admin-messages.ts). */
export const IMPORT_FIELDS = ["customerName", "address", "lat", "lng", "dueAt", "senderName", "orderNumber", "senderPhone", "senderEmail", "customerPhone", "customerEmail"] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export const IMPORT_PROBLEM_CODES = ["missing", "not_a_number", "out_of_range", "too_long", "invalid_date", "not_a_phone", "not_an_email"] as const;
export type ImportProblemCode = (typeof IMPORT_PROBLEM_CODES)[number];
export const ZImportProblem = z.object({ field: z.enum(IMPORT_FIELDS), code: z.enum(IMPORT_PROBLEM_CODES) });
export type TImportProblem = z.infer<typeof ZImportProblem>;

const isImportField = (value: unknown): value is ImportField => (IMPORT_FIELDS as readonly unknown[]).includes(value);

/** ZImportRow's issues as one problem per field, in codes (never the validator's own text). */
export function importProblemsOf(issues: readonly z.core.$ZodIssue[]): TImportProblem[] {
  const problems = new Map<ImportField, ImportProblemCode>();
  for (const issue of issues) {
    const field = issue.path[0];
    if (!isImportField(field) || problems.has(field)) continue;
    problems.set(field, problemCodeOf(field, issue));
  }
  return [...problems].map(([field, code]) => ({ field, code }));
}

function problemCodeOf(field: ImportField, issue: z.core.$ZodIssue): ImportProblemCode {
  if (field === "dueAt") return "invalid_date";
  const isEmptyText = issue.code === "too_small" && issue.origin === "string";
  if (field === "lat" || field === "lng") {
    if (isEmptyText) return "missing";
    return issue.code === "too_small" || issue.code === "too_big" ? "out_of_range" : "not_a_number";
  }
  if (issue.code === "too_big") return "too_long";
  if (field === "senderPhone" || field === "customerPhone") return "not_a_phone";
  if (field === "senderEmail" || field === "customerEmail") return "not_an_email";
  return "missing";
}

export const ZImportOrdersRequest = z.object({
  csv: z.string().min(1).max(2_000_000),
  /** true: validate and report only, store nothing. */
  isDryRun: z.boolean().default(false),
});
export type TImportOrdersRequest = z.infer<typeof ZImportOrdersRequest>;

export const ZOptimiseRouteRequest = z.object({}).strict();

export const ZFleetDriver = z.object({
  id: z.string(),
  name: z.string(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  speed: z.number().nullable(),
  heading: z.number().nullable(),
  /** ms epoch of the last fix, null when none yet. */
  lastFixAt: z.number().nullable(),
  openStops: z.number().int(),
  /** A position or a stop's status sent since midnight (server time): the driver began the day (lib/domain/driver-state.ts). */
  hasStartedDay: z.boolean(),
  /** The first unfinished stop on the driver's route, when there is one. */
  nextStop: z.object({ customerName: z.string(), address: z.string() }).nullable().default(null),
});
export type TFleetDriver = z.infer<typeof ZFleetDriver>;

export const ZFleetSnapshot = z.object({
  drivers: z.array(ZFleetDriver),
  silentAfterMs: z.number(),
  serverNow: z.number(),
});
export type TFleetSnapshot = z.infer<typeof ZFleetSnapshot>;

/** One coalesced position on the admin fleet channel (at most one per driver per second). */
export const ZFleetPosition = z.object({
  driverId: z.string(),
  lat: z.number(),
  lng: z.number(),
  speed: z.number().nullable(),
  heading: z.number().nullable(),
  at: z.number(),
});
export type TFleetPosition = z.infer<typeof ZFleetPosition>;

export const ZDriverState = z.enum(DRIVER_STATES);

/** An order past its promised time, or predicted to miss it (lib/domain/lateness.ts). */
export interface TLateOrder {
  orderId: string;
  customerName: string;
  driverId: string | null;
  driverName: string | null;
  /** ms epoch of the promised time. */
  dueAt: number;
  /** ms epoch of the tracker's best estimate, when it was needed and known. */
  etaAt: number | null;
  reason: LateReason;
}

/** `GET /api/admin/alerts`: what needs a person now, typed once for the server and the dashboard. */
export type TAlert =
  | { kind: "driver_silent"; key: string; driverId: string; driverName: string; lastFixAt: number | null; openStops: number }
  | { kind: "delivery_failed"; key: string; orderId: string; customerName: string; driverName: string | null; note: string | null; reason?: FailureReason | null; at: number }
  | ({ kind: "order_late"; key: string } & TLateOrder)
  /** The customer asked to be delivered another day and dispatch has not answered yet. */
  | {
      kind: "reschedule_requested";
      key: string;
      orderId: string;
      customerName: string;
      driverName: string | null;
      status: OrderStatus;
      preferredDate: string | null;
      windowStart: string | null;
      windowEnd: string | null;
      /** ms epoch of the request. */
      at: number;
    };

export interface TAlertsAnswer {
  alerts: TAlert[];
  count: number;
}
