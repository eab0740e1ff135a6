/**
 * Who may call each API route, as data: the one place the API's access rules are written.
 *
 * The router takes this table (server/platform/http/router.ts): registering a route without a row here
 * throws at start-up, and before every handler the router runs the row's gate
 * (access-gate.ts), which hands the handler the caller it let through (`ctx.staff`,
 * `ctx.driver`, `ctx.token`…). authorization.test.ts derives the roles each row allows and
 * tries every role against every route on the real application; the OpenAPI document's
 * security (route-descriptions.ts) is read from here too.
 *
 * Kinds of access:
 * - public: anyone (`sameOrigin`: a browser's foreign Origin is refused with 403 csrf_failed)
 * - admin: the contract's admin API: the ADMIN_TOKEN bearer, or a staff session whose role has
 *   `permission` (401 "admin bearer token required" without either)
 * - staff: the ADMIN_TOKEN bearer (every permission) or a staff session whose role has
 *   `permission` (lib/domain/staff-permissions.ts); a session's write without its CSRF token is a 403
 * - driver: a driver's bearer token; `scope` says what the handler still checks on the loaded
 *   resource ("self": nothing, the route is about the caller; "own route's orders": another
 *   driver's order is a 404; "own messages": another driver's message is a 404)
 * - trackingToken: the order's tracking token in the path (`:token`) is the only credential; an
 *   unknown token is a 404 and counts against the address (trackingMissesPerIp). `lookup`:
 *   "handler": the handler looks the token up and the whole route counts its 404s as misses;
 *   "gate": the gate looks it up and hands `ctx.orderId`, so the handler's own 404s are not misses
 * - trackerId: the OsmAnd / Traccar protocol: the driver's trackerId in the report (query or
 *   body) is the credential, rate limited per address and per id; unknown ids lock the address out
 * - shopSignature: the shop platform's HMAC-SHA256 of the raw body (404 integration_off while
 *   its secret is not configured, 401 invalid_signature when wrong)
 * - optOutToken: the sealed token of a tracking-link message's opt-out link (404 when not ours)
 */
import type { StaffPermission } from "../../../lib/domain/staff-permissions";

export type Access =
  | { kind: "public"; sameOrigin?: true }
  | { kind: "admin"; permission: "view" | "dispatch" }
  | { kind: "staff"; permission: StaffPermission }
  | { kind: "driver"; scope: "self" | "own route's orders" | "own messages" }
  | { kind: "trackingToken"; lookup: "handler" | "gate" }
  | { kind: "trackerId" }
  | { kind: "shopSignature"; platform: ShopPlatform }
  | { kind: "optOutToken" };

export type ShopPlatform = "shopify" | "woocommerce";

const PUBLIC = { kind: "public" } as const;
const TOKEN = { kind: "trackingToken", lookup: "handler" } as const;
const staff = <P extends StaffPermission>(permission: P) => ({ kind: "staff", permission }) as const;
const driver = <S extends "self" | "own route's orders" | "own messages">(scope: S) => ({ kind: "driver", scope }) as const;

/** Keyed `METHOD path`, the path as registered with the router (`/api/orders/:orderId/events`). */
export const ACCESS_POLICY = {
  "GET /api/health": PUBLIC,
  // The API's and the event backbone's descriptions: public, like any API reference.
  "GET /api/openapi.json": PUBLIC,
  "GET /api/asyncapi.json": PUBLIC,

  // The contract's admin API (DESIGN.md): reads need view, writes dispatch.
  "POST /api/drivers": { kind: "admin", permission: "dispatch" },
  "PUT /api/drivers/:driverId/route": { kind: "admin", permission: "dispatch" },
  "POST /api/drivers/:driverId/revoke": { kind: "admin", permission: "dispatch" },
  "POST /api/orders": { kind: "admin", permission: "dispatch" },
  "GET /api/orders": { kind: "admin", permission: "view" },
  "GET /api/orders/:orderId/events": staff("view"),

  // Staff sessions and accounts. Sign-in is public: whoever has the credentials.
  "POST /api/admin/session": { kind: "public", sameOrigin: true },
  "GET /api/admin/session": staff("view"),
  "DELETE /api/admin/session": staff("view"),
  "GET /api/admin/staff": staff("manage_staff"),
  "POST /api/admin/staff": staff("manage_staff"),
  "DELETE /api/admin/staff/:staffId": staff("manage_staff"),

  // The dispatch dashboard: reads (view) and writes (dispatch, delete, message).
  "GET /api/admin/fleet": staff("view"),
  "GET /api/admin/alerts": staff("view"),
  "GET /api/admin/insight": staff("view"),
  "GET /api/admin/eta-scoreboard": staff("view"),
  // Address search for the new-order form: creating orders is dispatch's.
  "GET /api/admin/geocode": staff("dispatch"),
  "GET /api/admin/orders": staff("view"),
  "POST /api/admin/orders": staff("dispatch"),
  "POST /api/admin/orders/import": staff("dispatch"),
  "POST /api/admin/orders/:orderId/cancel": staff("delete"),
  "POST /api/admin/orders/:orderId/tracking-link": staff("dispatch"),
  "GET /api/admin/orders/:orderId/choice": staff("view"),
  "POST /api/admin/orders/:orderId/reschedule/accept": staff("dispatch"),
  "GET /api/admin/orders/:orderId/delivery": staff("view"),
  "GET /api/admin/orders/:orderId/proof/:kind": staff("view"),
  // The answer's trackerId is blanked for a role without dispatch (it lets its holder post as the driver).
  "GET /api/admin/drivers/:driverId": staff("view"),
  "GET /api/admin/drivers/:driverId/track": staff("view"),
  "POST /api/admin/drivers/:driverId/route/optimise": staff("dispatch"),
  "GET /api/admin/drivers/:driverId/messages": staff("view"),
  "POST /api/admin/drivers/:driverId/messages": staff("message"),

  // Webhooks: support may see them and their log; registering one (it receives every order event) is manage_webhooks.
  "GET /api/admin/webhooks": staff("view"),
  "POST /api/admin/webhooks": staff("manage_webhooks"),
  "DELETE /api/admin/webhooks/:webhookId": staff("manage_webhooks"),
  "GET /api/admin/webhooks/:webhookId/deliveries": staff("view"),

  // Orders from shops, and the shop orders waiting for a location (placing one creates the order: dispatch).
  "POST /api/integrations/shopify/orders": { kind: "shopSignature", platform: "shopify" },
  "POST /api/integrations/woocommerce/orders": { kind: "shopSignature", platform: "woocommerce" },
  "GET /api/admin/shop-orders": staff("view"),
  "POST /api/admin/shop-orders/:shopOrderId/location": staff("dispatch"),
  "GET /api/tracking-link/opt-out/:optOutToken": { kind: "optOutToken" },

  // The driver app.
  "POST /api/driver/locations": driver("self"),
  "GET /api/driver/fixes": driver("self"),
  "GET /api/driver/me": driver("self"),
  "GET /api/driver/messages": driver("self"),
  "POST /api/driver/messages/:messageId/read": driver("own messages"),
  "POST /api/driver/orders/:orderId/status": driver("own route's orders"),
  "POST /api/driver/orders/:orderId/hand-in": driver("own route's orders"),
  "GET /api/driver/orders/:orderId/proof": driver("own route's orders"),

  // Tracker apps (OsmAnd / Traccar).
  "GET /api/osmand": { kind: "trackerId" },
  "POST /api/osmand": { kind: "trackerId" },

  // The customer's tracking page and its notification opt-ins.
  "GET /api/track/:token": TOKEN,
  "PUT /api/track/:token/instructions": TOKEN,
  "PUT /api/track/:token/choice": TOKEN,
  "POST /api/track/:token/feedback": TOKEN,
  // The token is looked up first: a delivery without a proof yet is a 404 that is not a miss.
  "GET /api/track/:token/proof/:kind": { kind: "trackingToken", lookup: "gate" },
  "POST /api/track/:token/push": TOKEN,
  "DELETE /api/track/:token/push": TOKEN,
  "POST /api/track/:token/email": TOKEN,
  "DELETE /api/track/:token/email": TOKEN,
} as const satisfies Record<string, Access>;

export type AccessPolicy = typeof ACCESS_POLICY;
export type RouteKey = keyof AccessPolicy;

/** `GET /api/orders` → `{ method: "GET", path: "/api/orders" }`. */
export function splitRouteKey(key: string): { method: string; path: string } {
  const space = key.indexOf(" ");
  return { method: key.slice(0, space), path: key.slice(space + 1) };
}

/** The row of `method path`, if the policy has one. */
export function accessOf(method: string, path: string): Access | undefined {
  return (ACCESS_POLICY as Readonly<Record<string, Access>>)[`${method} ${path}`];
}
