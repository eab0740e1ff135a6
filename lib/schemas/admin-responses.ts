/**
 * Responses of the dashboard's API, in one place: the pages parse every answer with these
 * (lib/admin/admin-api.ts), and the tests check the server against them, so a page can never
 * read a field the server stopped sending. Request schemas are in admin.ts / api.ts.
 */
import { z } from "zod";
import { RESCHEDULE_STATES } from "../domain/delivery-choice";
import { ORDER_STATUSES } from "../domain/order-status";
import { STAFF_ROLES } from "../domain/staff-permissions";
import { FAILURE_REASONS } from "./driver";
import { ZOrderContact } from "./order-contact";
import { ZImportProblem } from "./admin";

export const ZOkAnswer = z.object({ ok: z.literal(true) });

/** `POST /api/orders`, `POST /api/admin/orders` (201). `trackingUrl` is absolute when PUBLIC_URL is set. */
export const ZCreatedOrder = z.object({ id: z.string(), trackingUrl: z.string() }).loose();
export type TCreatedOrder = z.infer<typeof ZCreatedOrder>;

/** `POST /api/admin/orders/<id>/cancel`. */
export const ZCancelledOrder = z.object({ orderId: z.string(), status: z.literal("cancelled") });

/** `POST /api/drivers` (201) and `POST /api/drivers/<id>/revoke`: the driver's new bearer token. */
export const ZDriverWithToken = z.object({ id: z.string(), name: z.string(), token: z.string(), trackerId: z.string().nullable().optional() }).loose();
export type TDriverWithToken = z.infer<typeof ZDriverWithToken>;

export const ZRevokedToken = z.object({ token: z.string() }).loose();

/**
 * The fields every order answer starts with (server/features/orders/order-response.ts builds them),
 * with the order's sender and contact fields (null when not set).
 */
export const ZOrderBase = z.object({
  id: z.string(),
  customerName: z.string(),
  address: z.string(),
  lat: z.number(),
  lng: z.number(),
  status: z.enum(ORDER_STATUSES),
  driverId: z.string().nullable(),
  createdAt: z.string(),
  ...ZOrderContact.shape,
});
export type TOrderBase = z.infer<typeof ZOrderBase>;

/** `POST /api/orders` (201) as the server builds it; clients read it with the looser ZCreatedOrder. */
export const ZOrderCreated = ZOrderBase.extend({ trackingUrl: z.string() });
export type TOrderCreated = z.infer<typeof ZOrderCreated>;

/** One element of `GET /api/orders` (the contract list). */
export const ZOrderSummary = ZOrderBase.extend({
  routePosition: z.number().int().nullable(),
  stopsAway: z.number().int().nullable(),
  updatedAt: z.string(),
});
export type TOrderSummary = z.infer<typeof ZOrderSummary>;

/** One row of `GET /api/admin/orders`. */
export const ZAdminOrderRow = ZOrderBase.extend({
  driverName: z.string().nullable(),
  stopsAway: z.number().int().nullable(),
  dueAt: z.string().nullable(),
  isLate: z.boolean(),
  etaAt: z.string().nullable(),
  /**
   * The customer's request for another day on an open order: `requested` waits for dispatch,
   * `accepted` is agreed (with the day, null when none was named); null when there is none.
   */
  reschedule: z
    .object({ state: z.enum(RESCHEDULE_STATES), preferredDate: z.string().nullable() })
    .nullable()
    .default(null),
});
export type TAdminOrderRow = z.infer<typeof ZAdminOrderRow>;

export const ZAdminOrdersPage = z.object({
  orders: z.array(ZAdminOrderRow),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type TAdminOrdersPage = z.infer<typeof ZAdminOrdersPage>;

/** `GET /api/admin/drivers/<id>`. */
export const ZDriverDetail = z.object({
  id: z.string(),
  name: z.string(),
  trackerId: z.string().nullable(),
  location: z.object({ lat: z.number(), lng: z.number(), speed: z.number().nullable(), at: z.number() }).nullable(),
  route: z.array(
    z.object({
      orderId: z.string(),
      customerName: z.string(),
      address: z.string(),
      lat: z.number(),
      lng: z.number(),
      status: z.enum(ORDER_STATUSES),
      stopsAway: z.number().int().nullable(),
    }),
  ),
  currentOrderId: z.string().nullable(),
});
export type TDriverDetail = z.infer<typeof ZDriverDetail>;

/** `POST /api/admin/drivers/<id>/route/optimise`. */
export const ZRouteOptimisation = z.object({
  driverId: z.string(),
  /** The route as it is now. */
  current: z.array(z.string()),
  proposed: z.array(z.string()),
  beforeMeters: z.number(),
  afterMeters: z.number(),
  savedMeters: z.number(),
});
export type TRouteOptimisation = z.infer<typeof ZRouteOptimisation>;

/** `PUT /api/drivers/<id>/route`: the route as stored. */
export const ZSetRouteAnswer = z.object({ driverId: z.string(), orderIds: z.array(z.string()) });

/** `GET /api/orders/<id>/events`: the order's history from the ORDERS stream. */
export const ZOrderHistoryEvent = z.object({
  id: z.string(),
  seq: z.number().int(),
  type: z.string(),
  at: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type TOrderHistoryEvent = z.infer<typeof ZOrderHistoryEvent>;
export const ZOrderHistory = z.object({ orderId: z.string(), lastSeq: z.number().int().optional(), events: z.array(ZOrderHistoryEvent) });
export type TOrderHistory = z.infer<typeof ZOrderHistory>;

/** `GET /api/admin/staff`. */
export const ZStaffAccount = z.object({ id: z.string(), email: z.string(), name: z.string(), role: z.enum(STAFF_ROLES), createdAt: z.string() });
export type TStaffAccount = z.infer<typeof ZStaffAccount>;
export const ZStaffAccountList = z.array(ZStaffAccount);

/** `POST /api/admin/orders/import`. */
/**
 * `POST /api/admin/orders/import`: each valid row as it will be created, each bad line with its
 * problems as codes (the dashboard's words) and an English sentence for other clients.
 */
export const ZImportReport = z.object({
  isDryRun: z.boolean(),
  valid: z.array(z.object({ line: z.number(), customerName: z.string(), address: z.string(), lat: z.number(), lng: z.number(), dueAt: z.string().nullable() })),
  errors: z.array(z.object({ line: z.number(), message: z.string(), problems: z.array(ZImportProblem) })),
  imported: z.array(z.object({ line: z.number(), id: z.string(), trackingUrl: z.string() })),
});
export type TImportReport = z.infer<typeof ZImportReport>;

/** `GET /api/admin/alerts` (the type is TAlertsAnswer in admin.ts; this checks it at runtime). */
const ZLateFields = z.object({
  orderId: z.string(),
  customerName: z.string(),
  driverId: z.string().nullable(),
  driverName: z.string().nullable(),
  dueAt: z.number(),
  etaAt: z.number().nullable(),
  reason: z.enum(["overdue", "eta_after_due"]),
});
export const ZAlert = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("driver_silent"), key: z.string(), driverId: z.string(), driverName: z.string(), lastFixAt: z.number().nullable(), openStops: z.number() }),
  z.object({
    kind: z.literal("delivery_failed"),
    key: z.string(),
    orderId: z.string(),
    customerName: z.string(),
    driverName: z.string().nullable(),
    note: z.string().nullable(),
    reason: z.enum(FAILURE_REASONS).nullable().optional(),
    at: z.number(),
  }),
  z.object({ kind: z.literal("order_late"), key: z.string() }).extend(ZLateFields.shape),
  z.object({
    kind: z.literal("reschedule_requested"),
    key: z.string(),
    orderId: z.string(),
    customerName: z.string(),
    driverName: z.string().nullable(),
    status: z.enum(ORDER_STATUSES),
    preferredDate: z.string().nullable(),
    windowStart: z.string().nullable(),
    windowEnd: z.string().nullable(),
    at: z.number(),
  }),
]);
export const ZAlertsAnswer = z.object({ alerts: z.array(ZAlert), count: z.number().int() });

/** `POST /api/admin/webhooks` (201): the Standard Webhooks secret (`whsec_<base64>`) is shown once. */
export const ZCreatedWebhook = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string().nullable(),
  secret: z.string().regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/),
  createdAt: z.string(),
});

/** `GET /api/admin/geocode?q=`: places matching an address (server/features/geocode). */
export const ZGeocodeResult = z.object({ label: z.string(), lat: z.number(), lng: z.number() });
export type TGeocodeResult = z.infer<typeof ZGeocodeResult>;
export const ZGeocodeAnswer = z.object({ isConfigured: z.boolean(), results: z.array(ZGeocodeResult) });
export type TGeocodeAnswer = z.infer<typeof ZGeocodeAnswer>;
