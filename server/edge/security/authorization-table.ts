/**
 * Who may do what, as the test presents it: every API route (from the access policy, the one the
 * router enforces: access-policy.ts) and every client Socket.IO event, with the roles allowed.
 * authorization.test.ts tries every role against every entry on the real application, and fails
 * for any route the router has (or event the relay listens to) that is missing here. A route
 * cannot be registered without its policy row, so a route's roles cannot drift from its check.
 *
 * Roles, as the test presents them:
 * - anonymous: no credential at all
 * - customer: the tracking token of the order the request is about
 * - otherCustomer: another order's tracking token (never this order's)
 * - driverX: the bearer token of the driver whose route holds the order
 * - driverY: another driver's bearer token
 * - support, admin: a staff session cookie with its CSRF token (admin: the ADMIN_TOKEN bearer
 *   on HTTP, an admin session on the socket)
 *
 * "Allowed" means the role gets past the gate: a 2xx, or a 4xx about the input (400/409/422).
 * "Denied" means 401, 403 or 404 (a token that is not this order's finds nothing) and nothing
 * changed. Public routes (health, the tracker protocol, sign-in) list every role.
 */
import { can } from "../../../lib/domain/staff-permissions";
import { ACCESS_POLICY, splitRouteKey, type Access, type RouteKey } from "./access-policy";

export const ROLES = ["anonymous", "customer", "otherCustomer", "driverX", "driverY", "support", "admin"] as const;
export type Role = (typeof ROLES)[number];

const EVERYONE: readonly Role[] = ROLES;
const STAFF: readonly Role[] = ["support", "admin"];
/** A tracking token in the path: whoever holds a token reaches that token's order (its own), nobody else. */
const TOKEN_HOLDERS: readonly Role[] = ["customer", "otherCustomer"];

/** The roles a policy row lets through, in the test's world (driverX's route holds the order and the message). */
export function rolesAllowed(access: Access): readonly Role[] {
  switch (access.kind) {
    case "public":
      return EVERYONE;
    // The ADMIN_TOKEN bearer has every permission; a support session what its role grants.
    case "admin":
    case "staff":
      return can("support", access.permission) ? STAFF : ["admin"];
    case "driver":
      return access.scope === "self" ? ["driverX", "driverY"] : ["driverX"];
    case "trackingToken":
      return TOKEN_HOLDERS;
    // The tracker id is the credential, and the test sends driverX's with every role's report.
    case "trackerId":
      return EVERYONE;
    // No role holds a shop's secret (the test app configures none: 404 integration_off to everyone)
    // or an opt-out link's sealed token (404).
    case "shopSignature":
    case "optOutToken":
      return [];
  }
}

export interface RouteRule {
  method: string;
  /** As registered with the router: `:orderId`, `:driverId`, `:token`, `:staffId`, `:webhookId`, `:messageId`, `:kind`. */
  path: string;
  allowed: readonly Role[];
  /** A body that passes validation for an allowed role (so the gate is what is tested); a function for one that needs the time. */
  body?: unknown;
  /** A query string that passes validation (without `?`). */
  query?: string;
  contentType?: string;
}

type Fixture = Pick<RouteRule, "body" | "query" | "contentType">;

/** What each route needs to pass validation, so that the gate is what decides the answer. */
const FIXTURES: Partial<Record<RouteKey, Fixture>> = {
  "POST /api/drivers": { body: { name: "Authz driver" } },
  "PUT /api/drivers/:driverId/route": { body: { orderIds: [] } },
  "POST /api/orders": { body: { customerName: "Authz", address: "1 Road", lat: 40.4, lng: -3.7 } },
  // The test signs in with the support account's credentials.
  "POST /api/admin/session": { body: { email: "authz-support@example.com", password: "support-password-1" } },
  "POST /api/admin/staff": { body: { email: "new-staff@example.com", name: "New", password: "a-long-password-9", role: "support" } },
  "GET /api/admin/geocode": { query: "q=Calle%20Mayor" },
  "POST /api/admin/orders": { body: { customerName: "Authz", address: "1 Road", lat: 40.4, lng: -3.7 } },
  "POST /api/admin/orders/import": { body: { csv: "customerName,address,lat,lng\nA,1 Road,40.4,-3.7\n", isDryRun: true } },
  "POST /api/admin/orders/:orderId/tracking-link": { body: {} },
  // Without a reschedule request this answers 409 (allowed: past the gate).
  "POST /api/admin/orders/:orderId/reschedule/accept": { body: {} },
  "POST /api/admin/drivers/:driverId/route/optimise": { body: {} },
  "POST /api/admin/drivers/:driverId/messages": { body: { body: "Authz says hi" } },
  "POST /api/admin/webhooks": { body: { url: "http://127.0.0.1:9/hook" } },
  "POST /api/admin/shop-orders/:shopOrderId/location": { body: { lat: 40.4, lng: -3.7 } },
  "POST /api/driver/locations": { body: () => ({ fixes: [{ lat: 40.4, lng: -3.7, at: Date.now() }] }) },
  "POST /api/driver/messages/:messageId/read": { body: {} },
  "POST /api/driver/orders/:orderId/status": { body: { status: "arrived" } },
  // A parcel still on the route is refused (409 still_on_route: past the gate).
  "POST /api/driver/orders/:orderId/hand-in": { body: {} },
  "PUT /api/track/:token/instructions": { body: { instructions: "Ring twice" } },
  "PUT /api/track/:token/choice": { body: { kind: "neighbour", neighbourName: "Marta", neighbourDoor: "2B" } },
  "POST /api/track/:token/feedback": { body: { rating: 5 } },
  // Notification opt-ins (email is off in the test: 409 email_unavailable, still past the gate).
  "POST /api/track/:token/push": {
    body: { subscription: { endpoint: "https://push.example.com/send/authz", keys: { p256dh: `B${"A".repeat(86)}`, auth: "A".repeat(22) } }, locale: "en" },
  },
  "DELETE /api/track/:token/push": { query: "endpoint=https%3A%2F%2Fpush.example.com%2Fsend%2Fauthz" },
  "POST /api/track/:token/email": { body: { email: "customer@example.com", locale: "en" } },
};

/** Every route of the access policy, with the roles its row allows and its fixture. */
export const ROUTE_RULES: readonly RouteRule[] = (Object.entries(ACCESS_POLICY) as [RouteKey, Access][]).map(([key, access]) => ({
  ...splitRouteKey(key),
  allowed: rolesAllowed(access),
  ...FIXTURES[key],
}));

export interface EventRule {
  event: string;
  allowed: readonly Role[];
  /** Events without an ack cannot be refused visibly; they must be harmless for everyone. */
  hasAck: boolean;
}

export const EVENT_RULES: readonly EventRule[] = [
  { event: "order:watch", allowed: TOKEN_HOLDERS, hasAck: true },
  { event: "order:history", allowed: TOKEN_HOLDERS, hasAck: true },
  { event: "order:unwatch", allowed: EVERYONE, hasAck: false },
  { event: "fleet:watch", allowed: STAFF, hasAck: true },
  { event: "fleet:unwatch", allowed: EVERYONE, hasAck: false },
];
