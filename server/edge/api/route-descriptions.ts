/**
 * One description per API route: what it reads (body, query) and what it answers, all as the
 * zod schemas the routes and the pages already use (lib/schemas); who may call it is read from
 * the access policy (server/edge/security/access-policy.ts), the one the router enforces. The
 * OpenAPI document (`GET /api/openapi.json`, openapi-document.ts) is generated from this list;
 * openapi.test.ts fails when the router has a route this list lacks, or this list a route the
 * router does not have, and validates every route's real answers against the document.
 *
 * Adding a route: its row in the access policy, its registration with the router, then its line
 * here. See docs/api.md.
 */
import type { z } from "zod";
import { ZAdminCreateOrderRequest, ZAdminOrdersQuery, ZCreateStaffRequest, ZFleetSnapshot, ZImportOrdersRequest, ZOptimiseRouteRequest, ZSession, ZSignInRequest } from "../../../lib/schemas/admin";
import {
  ZAdminOrdersPage,
  ZAlertsAnswer,
  ZCancelledOrder,
  ZCreatedWebhook,
  ZDriverDetail,
  ZGeocodeAnswer,
  ZImportReport,
  ZOkAnswer,
  ZOrderCreated,
  ZOrderHistory,
  ZOrderSummary,
  ZRouteOptimisation,
  ZSetRouteAnswer,
  ZStaffAccount,
  ZStaffAccountList,
} from "../../../lib/schemas/admin-responses";
import { ZCreateDriverRequest, ZCreateOrderRequest, ZListOrdersQuery, ZPostLocationsRequest, ZSetRouteRequest } from "../../../lib/schemas/api";
import { ZAdminCreatedOrder, ZCreatedDriver, ZDriverProofSummary, ZFixesAccepted, ZHealthAnswer, ZInstructionsAnswer, ZOwnFixes, ZSignedIn, ZStatusUpdated } from "../../../lib/schemas/api-answers";
import { ZCustomerOrder, ZFeedback, ZFeedbackRequest, ZInstructionsRequest } from "../../../lib/schemas/customer";
import { ZAdminOrderChoice, ZDeliveryChoice, ZDeliveryChoiceRequest } from "../../../lib/schemas/delivery-choice";
import { ZDriverMessage, ZDriverMessageList, ZSendDriverMessageRequest } from "../../../lib/schemas/driver-messages";
import { ZDriverTrack, ZDriverTrackQuery } from "../../../lib/schemas/driver-track";
import { ZDriverDay, ZDriverStatusRequest, ZHandedIn, ZOwnFixesQuery, ZRevokedDriverToken } from "../../../lib/schemas/driver";
import { ZEtaScoreboard, ZEtaScoreboardQuery } from "../../../lib/schemas/eta-scoreboard";
import { ZInsight, ZInsightQuery } from "../../../lib/schemas/insight";
import { ZLocateShopOrderRequest, ZPendingShopOrderList, ZShopifyOrder, ZShopWebhookAnswer, ZWooOrder } from "../../../lib/schemas/integrations";
import { ZEmailSubscriptionRequest, ZNotificationSubscriptionResponse, ZPushSubscriptionRequest, ZPushUnsubscribeRequest } from "../../../lib/schemas/notifications";
import { ZAdminOrderDelivery, ZRegeneratedTrackingLink } from "../../../lib/schemas/order-admin";
import { ZOrderEventsQuery } from "../../../lib/schemas/order-history";
import { ZOsmandParams, ZTraccarJson } from "../../../lib/schemas/osmand";
import { ZCreateWebhookRequest, ZDeliveriesQuery, ZWebhookDelivery, ZWebhookSummary } from "../../../lib/schemas/webhooks";
import { ZGeocodeQuery } from "./geocode-routes";
import type { StaffPermission } from "../../../lib/domain/staff-permissions";
import { accessOf, type Access } from "../security/access-policy";

/**
 * How the OpenAPI document names each kind of access of the policy:
 * - none: public
 * - admin: `Authorization: Bearer <ADMIN_TOKEN>`, or a staff session cookie whose role has `permission`
 * - driver: `Authorization: Bearer <driver token>` (from `POST /api/drivers`)
 * - trackingToken: the order's tracking token in the path is the only credential
 * - trackerId: the driver's `trackerId` in the request (the OsmAnd / Traccar protocol)
 * - shopifyHmac / woocommerceHmac: the platform's HMAC-SHA256 of the raw body in a header (server/features/integrations)
 * - optOutToken: the sealed token of a tracking-link message's opt-out link, in the path
 */
export type RouteAuth = "none" | "admin" | "driver" | "trackingToken" | "trackerId" | "shopifyHmac" | "woocommerceHmac" | "optOutToken";

/** A binary answer (a proof photo or signature), not JSON. */
export const IMAGE = "image" as const;
/** A JSON document described elsewhere (the OpenAPI and AsyncAPI documents themselves). */
export const DOCUMENT = "document" as const;
/** An HTML page for people (the opt-out link's answer), not JSON. */
export const HTML = "html" as const;

export interface RouteDescription {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** As registered with the router: `/api/orders/:orderId/events`. */
  path: string;
  summary: string;
  tag: string;
  /** From the route's access policy row. */
  auth: RouteAuth;
  /** For auth "admin": what a staff session's role needs (the ADMIN_TOKEN bearer has every permission). */
  permission?: StaffPermission;
  /** The JSON body, read as input (before defaults and transforms). */
  body?: z.ZodType;
  /** Other body media types the route takes, with their schema (a CSV file, a form). */
  otherBodies?: Record<string, z.ZodType | "text">;
  query?: z.ZodType;
  /** Success answers by status. */
  responses: Record<number, z.ZodType | typeof IMAGE | typeof DOCUMENT | typeof HTML>;
  /** Answers that are not failures of the caller's request, beyond the usual 400/401/403/404/413/429 (a 409 conflict…). */
  errors?: number[];
}

/** A policy row as the OpenAPI document says it. */
export function describeAccess(access: Access): { auth: RouteAuth; permission?: StaffPermission } {
  switch (access.kind) {
    case "public":
      return { auth: "none" };
    case "admin":
    case "staff":
      return { auth: "admin", permission: access.permission };
    case "driver":
    case "trackingToken":
    case "trackerId":
    case "optOutToken":
      return { auth: access.kind };
    case "shopSignature":
      return { auth: access.platform === "shopify" ? "shopifyHmac" : "woocommerceHmac" };
  }
}

type Described = Omit<RouteDescription, "auth" | "permission">;

const DESCRIBED: readonly Described[] = [
  { method: "GET", path: "/api/health", summary: "Whether this process answers and reaches NATS", tag: "meta", responses: { 200: ZHealthAnswer } },
  { method: "GET", path: "/api/openapi.json", summary: "This document (OpenAPI 3.1)", tag: "meta", responses: { 200: DOCUMENT } },
  { method: "GET", path: "/api/asyncapi.json", summary: "The NATS subjects an integrator may consume (AsyncAPI 3.0)", tag: "meta", responses: { 200: DOCUMENT } },

  // The contract's API (DESIGN.md).
  {
    method: "POST",
    path: "/api/drivers",
    summary: "Create a driver; the answer holds the driver's bearer token, shown once",
    tag: "drivers",
    body: ZCreateDriverRequest,
    responses: { 201: ZCreatedDriver },
    errors: [409],
  },
  {
    method: "PUT",
    path: "/api/drivers/:driverId/route",
    summary: "Set the order in which a driver visits orders",
    tag: "drivers",
    body: ZSetRouteRequest,
    responses: { 200: ZSetRouteAnswer },
    errors: [409],
  },
  { method: "POST", path: "/api/drivers/:driverId/revoke", summary: "Revoke a driver's bearer token and issue a new one", tag: "drivers", responses: { 200: ZRevokedDriverToken } },
  { method: "POST", path: "/api/orders", summary: "Create an order; `trackingUrl` is the customer's link", tag: "orders", body: ZCreateOrderRequest, responses: { 201: ZOrderCreated } },
  { method: "GET", path: "/api/orders", summary: "List orders with their status and stops away", tag: "orders", query: ZListOrdersQuery, responses: { 200: ZOrderSummary.array() } },
  { method: "GET", path: "/api/orders/:orderId/events", summary: "An order's history from the ORDERS stream", tag: "orders", query: ZOrderEventsQuery, responses: { 200: ZOrderHistory } },

  // Staff sessions and accounts.
  {
    method: "POST",
    path: "/api/admin/session",
    summary: "Sign in (email and password, or the ADMIN_TOKEN); sets the session cookie",
    tag: "staff",
    body: ZSignInRequest,
    responses: { 201: ZSignedIn },
  },
  { method: "GET", path: "/api/admin/session", summary: "The signed-in session and its CSRF token", tag: "staff", responses: { 200: ZSession } },
  { method: "DELETE", path: "/api/admin/session", summary: "Sign out", tag: "staff", responses: { 200: ZOkAnswer } },
  { method: "GET", path: "/api/admin/staff", summary: "List staff accounts", tag: "staff", responses: { 200: ZStaffAccountList } },
  { method: "POST", path: "/api/admin/staff", summary: "Create a staff account", tag: "staff", body: ZCreateStaffRequest, responses: { 201: ZStaffAccount }, errors: [409] },
  { method: "DELETE", path: "/api/admin/staff/:staffId", summary: "Remove a staff account", tag: "staff", responses: { 200: ZOkAnswer } },

  // The dispatch dashboard.
  { method: "GET", path: "/api/admin/fleet", summary: "Every driver's last position and open stops", tag: "dispatch", responses: { 200: ZFleetSnapshot } },
  { method: "GET", path: "/api/admin/alerts", summary: "Silent drivers, late orders, reschedule requests", tag: "dispatch", responses: { 200: ZAlertsAnswer } },
  { method: "GET", path: "/api/admin/insight", summary: "Figures for a period (today by default)", tag: "dispatch", query: ZInsightQuery, responses: { 200: ZInsight } },
  {
    method: "GET",
    path: "/api/admin/eta-scoreboard",
    summary: "Arrivals inside the ETA window shown, per day and driver",
    tag: "dispatch",
    query: ZEtaScoreboardQuery,
    responses: { 200: ZEtaScoreboard },
  },
  { method: "GET", path: "/api/admin/geocode", summary: "Address search (GEOCODER_URL)", tag: "dispatch", query: ZGeocodeQuery, responses: { 200: ZGeocodeAnswer }, errors: [502] },
  { method: "GET", path: "/api/admin/orders", summary: "Orders, filtered and paged", tag: "dispatch", query: ZAdminOrdersQuery, responses: { 200: ZAdminOrdersPage } },
  { method: "POST", path: "/api/admin/orders", summary: "Create an order, optionally with a promised time", tag: "dispatch", body: ZAdminCreateOrderRequest, responses: { 201: ZAdminCreatedOrder } },
  {
    method: "POST",
    path: "/api/admin/orders/import",
    summary: "Import orders from CSV (`customerName,address,lat,lng[,dueAt]`); a dry run stores nothing",
    tag: "dispatch",
    body: ZImportOrdersRequest,
    otherBodies: { "text/csv": "text" },
    responses: { 200: ZImportReport, 201: ZImportReport },
  },
  { method: "POST", path: "/api/admin/orders/:orderId/cancel", summary: "Cancel an order", tag: "dispatch", responses: { 200: ZCancelledOrder }, errors: [409] },
  { method: "POST", path: "/api/admin/orders/:orderId/tracking-link", summary: "Replace an order's tracking link (the old one dies)", tag: "dispatch", responses: { 201: ZRegeneratedTrackingLink } },
  { method: "GET", path: "/api/admin/orders/:orderId/choice", summary: "The customer's delivery choice", tag: "dispatch", responses: { 200: ZAdminOrderChoice } },
  {
    method: "POST",
    path: "/api/admin/orders/:orderId/reschedule/accept",
    summary: "Accept the customer's request for another day",
    tag: "dispatch",
    responses: { 200: ZAdminOrderChoice },
    errors: [409],
  },
  { method: "GET", path: "/api/admin/orders/:orderId/delivery", summary: "The delivery's proof, rating and where the parcel was left", tag: "dispatch", responses: { 200: ZAdminOrderDelivery } },
  { method: "GET", path: "/api/admin/orders/:orderId/proof/:kind", summary: "The proof's photo or signature (`kind`: photo, signature)", tag: "dispatch", responses: { 200: IMAGE } },
  { method: "GET", path: "/api/admin/drivers/:driverId", summary: "A driver's detail", tag: "dispatch", responses: { 200: ZDriverDetail } },
  { method: "GET", path: "/api/admin/drivers/:driverId/track", summary: "A driver's track replay with stop dwell times", tag: "dispatch", query: ZDriverTrackQuery, responses: { 200: ZDriverTrack } },
  {
    method: "POST",
    path: "/api/admin/drivers/:driverId/route/optimise",
    summary: "Propose a shorter visiting order (changes nothing)",
    tag: "dispatch",
    body: ZOptimiseRouteRequest,
    responses: { 200: ZRouteOptimisation },
  },
  { method: "GET", path: "/api/admin/drivers/:driverId/messages", summary: "Messages between staff and a driver", tag: "dispatch", responses: { 200: ZDriverMessageList } },
  { method: "POST", path: "/api/admin/drivers/:driverId/messages", summary: "Write to a driver", tag: "dispatch", body: ZSendDriverMessageRequest, responses: { 201: ZDriverMessage } },

  // Orders that shops send, and those that wait for a location (docs/integrations.md).
  {
    method: "POST",
    path: "/api/integrations/shopify/orders",
    summary:
      "Shopify's `orders/create` webhook (SHOPIFY_WEBHOOK_SECRET; 404 `integration_off` without it). A redelivery (same `X-Shopify-Webhook-Id`) creates nothing new; an order without a location waits in `GET /api/admin/shop-orders`",
    tag: "shops",
    body: ZShopifyOrder,
    responses: { 200: ZShopWebhookAnswer },
    errors: [404],
  },
  {
    method: "POST",
    path: "/api/integrations/woocommerce/orders",
    summary:
      "WooCommerce's `order.created` webhook (WOOCOMMERCE_WEBHOOK_SECRET; 404 `integration_off` without it). Its unsigned ping (`webhook_id=…`, sent when the webhook is saved) answers `ping`; a redelivery creates nothing new",
    tag: "shops",
    body: ZWooOrder,
    responses: { 200: ZShopWebhookAnswer },
    errors: [404],
  },
  {
    method: "GET",
    path: "/api/tracking-link/opt-out/:optOutToken",
    summary: "The opt-out link at the foot of a tracking-link message: no more tracking links to that address or number (an HTML page)",
    tag: "customer",
    responses: { 200: HTML },
  },
  {
    method: "GET",
    path: "/api/admin/shop-orders",
    summary: "Shop orders that wait for a location (no coordinates and the geocoder found none)",
    tag: "shops",
    responses: { 200: ZPendingShopOrderList },
  },
  {
    method: "POST",
    path: "/api/admin/shop-orders/:shopOrderId/location",
    summary: "Place a waiting shop order on the map: the order is created",
    tag: "shops",
    body: ZLocateShopOrderRequest,
    responses: { 201: ZShopWebhookAnswer },
    errors: [409],
  },

  // Webhooks.
  { method: "GET", path: "/api/admin/webhooks", summary: "Registered webhooks with their latest deliveries", tag: "webhooks", responses: { 200: ZWebhookSummary.array() } },
  {
    method: "POST",
    path: "/api/admin/webhooks",
    summary: "Register a webhook; the answer holds its signing secret, shown once",
    tag: "webhooks",
    body: ZCreateWebhookRequest,
    responses: { 201: ZCreatedWebhook },
  },
  { method: "DELETE", path: "/api/admin/webhooks/:webhookId", summary: "Remove a webhook", tag: "webhooks", responses: { 200: ZOkAnswer } },
  {
    method: "GET",
    path: "/api/admin/webhooks/:webhookId/deliveries",
    summary: "A webhook's delivery log, newest first",
    tag: "webhooks",
    query: ZDeliveriesQuery,
    responses: { 200: ZWebhookDelivery.array() },
  },

  // The driver app.
  {
    method: "POST",
    path: "/api/driver/locations",
    summary: "Post GPS fixes (acknowledged once on JetStream)",
    tag: "driver",
    body: ZPostLocationsRequest,
    responses: { 202: ZFixesAccepted },
    errors: [503],
  },
  { method: "GET", path: "/api/driver/fixes", summary: "The driver's own stored fixes, oldest first", tag: "driver", query: ZOwnFixesQuery, responses: { 200: ZOwnFixes } },
  { method: "GET", path: "/api/driver/me", summary: "Today's route, returns to the depot and the last stored seq", tag: "driver", responses: { 200: ZDriverDay } },
  { method: "GET", path: "/api/driver/messages", summary: "The driver's messages from staff", tag: "driver", responses: { 200: ZDriverMessageList } },
  { method: "POST", path: "/api/driver/messages/:messageId/read", summary: "Mark a message read", tag: "driver", responses: { 200: ZDriverMessage } },
  {
    method: "POST",
    path: "/api/driver/orders/:orderId/status",
    summary: "Set a stop's status (picked_up, arrived, delivered, failed)",
    tag: "driver",
    body: ZDriverStatusRequest,
    responses: { 200: ZStatusUpdated },
    errors: [409],
  },
  { method: "POST", path: "/api/driver/orders/:orderId/hand-in", summary: "Hand a parcel that left the route back in at the depot", tag: "driver", responses: { 200: ZHandedIn }, errors: [409] },
  { method: "GET", path: "/api/driver/orders/:orderId/proof", summary: "What the driver stored as proof (sizes)", tag: "driver", responses: { 200: ZDriverProofSummary } },
  {
    method: "GET",
    path: "/api/osmand",
    summary: "OsmAnd / Traccar Client report in the query string (`speed` in knots)",
    tag: "tracker apps",
    query: ZOsmandParams,
    responses: { 200: ZFixesAccepted },
    errors: [503],
  },
  {
    method: "POST",
    path: "/api/osmand",
    summary: "OsmAnd / Traccar Client report: the query string, a form body, or Traccar's JSON",
    tag: "tracker apps",
    query: ZOsmandParams,
    body: ZTraccarJson,
    otherBodies: { "application/x-www-form-urlencoded": ZOsmandParams },
    responses: { 200: ZFixesAccepted },
    errors: [503],
  },

  // The customer's tracking page.
  { method: "GET", path: "/api/track/:token", summary: "Everything the tracking page shows", tag: "customer", responses: { 200: ZCustomerOrder } },
  {
    method: "PUT",
    path: "/api/track/:token/instructions",
    summary: "The customer's note for the driver (empty clears it)",
    tag: "customer",
    body: ZInstructionsRequest,
    responses: { 200: ZInstructionsAnswer },
    errors: [409],
  },
  {
    method: "PUT",
    path: "/api/track/:token/choice",
    summary: "Where to leave the parcel, or another day",
    tag: "customer",
    body: ZDeliveryChoiceRequest,
    responses: { 200: ZDeliveryChoice },
    errors: [409],
  },
  { method: "POST", path: "/api/track/:token/feedback", summary: "Rate a delivered order, once", tag: "customer", body: ZFeedbackRequest, responses: { 201: ZFeedback }, errors: [409] },
  { method: "GET", path: "/api/track/:token/proof/:kind", summary: "The proof's photo or signature (`kind`: photo, signature)", tag: "customer", responses: { 200: IMAGE } },
  {
    method: "POST",
    path: "/api/track/:token/push",
    summary: "Opt in to web push",
    tag: "customer",
    body: ZPushSubscriptionRequest,
    responses: { 201: ZNotificationSubscriptionResponse },
    errors: [409],
  },
  { method: "DELETE", path: "/api/track/:token/push", summary: "Opt out of web push", tag: "customer", query: ZPushUnsubscribeRequest, responses: { 200: ZNotificationSubscriptionResponse } },
  {
    method: "POST",
    path: "/api/track/:token/email",
    summary: "Opt in to email (when SMTP is configured; 409 otherwise)",
    tag: "customer",
    body: ZEmailSubscriptionRequest,
    responses: { 201: ZNotificationSubscriptionResponse },
    errors: [409],
  },
  { method: "DELETE", path: "/api/track/:token/email", summary: "Opt out of email", tag: "customer", responses: { 200: ZNotificationSubscriptionResponse } },
];

export const ROUTE_DESCRIPTIONS: readonly RouteDescription[] = DESCRIBED.map((route) => {
  const access = accessOf(route.method, route.path);
  if (!access) throw new Error(`${route.method} ${route.path} is described but has no row in the access policy`);
  return { ...route, ...describeAccess(access) };
});
