/**
 * Who may do what: every API route and every client Socket.IO event, with the roles allowed.
 * This is data, not prose: authorization.test.ts tries every role against every entry on the
 * real application, and fails for any route the router has (or event the relay listens to)
 * that is missing here. A new route without a line in this table does not pass CI.
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
export const ROLES = ["anonymous", "customer", "otherCustomer", "driverX", "driverY", "support", "admin"] as const;
export type Role = (typeof ROLES)[number];

const EVERYONE: readonly Role[] = ROLES;
const STAFF: readonly Role[] = ["support", "admin"];
const ADMIN: readonly Role[] = ["admin"];
/** A tracking token in the path: whoever holds a token reaches that token's order (its own), nobody else. */
const TOKEN_HOLDERS: readonly Role[] = ["customer", "otherCustomer"];
const DRIVER_X: readonly Role[] = ["driverX"];
const ANY_DRIVER: readonly Role[] = ["driverX", "driverY"];

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

export const ROUTE_RULES: readonly RouteRule[] = [
  { method: "GET", path: "/api/health", allowed: EVERYONE },
  // The API's and the event backbone's descriptions (OpenAPI, AsyncAPI): public, like any API reference.
  { method: "GET", path: "/api/openapi.json", allowed: EVERYONE },
  { method: "GET", path: "/api/asyncapi.json", allowed: EVERYONE },
  // The contract's admin API (ADMIN_TOKEN bearer, or a staff session: reads need view, writes dispatch).
  { method: "POST", path: "/api/drivers", allowed: ADMIN, body: { name: "Authz driver" } },
  { method: "PUT", path: "/api/drivers/:driverId/route", allowed: ADMIN, body: { orderIds: [] } },
  { method: "POST", path: "/api/orders", allowed: ADMIN, body: { customerName: "Authz", address: "1 Road", lat: 40.4, lng: -3.7 } },
  { method: "GET", path: "/api/orders", allowed: STAFF },
  { method: "POST", path: "/api/drivers/:driverId/revoke", allowed: ADMIN },
  // Staff sessions and accounts.
  // Sign-in is public: whoever has the credentials (the test sends a support account's).
  { method: "POST", path: "/api/admin/session", allowed: EVERYONE, body: { email: "authz-support@example.com", password: "support-password-1" } },
  { method: "GET", path: "/api/admin/session", allowed: STAFF },
  { method: "DELETE", path: "/api/admin/session", allowed: STAFF },
  { method: "GET", path: "/api/admin/staff", allowed: ADMIN },
  { method: "POST", path: "/api/admin/staff", allowed: ADMIN, body: { email: "new-staff@example.com", name: "New", password: "a-long-password-9", role: "support" } },
  { method: "DELETE", path: "/api/admin/staff/:staffId", allowed: ADMIN },
  // Dashboard reads (view) and writes (dispatch, delete, message, manage_webhooks).
  { method: "GET", path: "/api/admin/fleet", allowed: STAFF },
  { method: "GET", path: "/api/admin/alerts", allowed: STAFF },
  { method: "GET", path: "/api/admin/insight", allowed: STAFF },
  { method: "GET", path: "/api/admin/eta-scoreboard", allowed: STAFF },
  { method: "GET", path: "/api/admin/orders", allowed: STAFF },
  // Address search for the new-order form: dispatching is the admin's (requireStaff "dispatch").
  { method: "GET", path: "/api/admin/geocode", query: "q=Calle%20Mayor", allowed: ADMIN },
  { method: "POST", path: "/api/admin/orders", allowed: ADMIN, body: { customerName: "Authz", address: "1 Road", lat: 40.4, lng: -3.7 } },
  { method: "POST", path: "/api/admin/orders/import", allowed: ADMIN, body: { csv: "customerName,address,lat,lng\nA,1 Road,40.4,-3.7\n", isDryRun: true } },
  { method: "POST", path: "/api/admin/orders/:orderId/cancel", allowed: ADMIN },
  { method: "POST", path: "/api/admin/orders/:orderId/tracking-link", allowed: ADMIN, body: {} },
  { method: "GET", path: "/api/admin/orders/:orderId/choice", allowed: STAFF },
  // Without a reschedule request this answers 409 (allowed: past the gate); support may not decide.
  { method: "POST", path: "/api/admin/orders/:orderId/reschedule/accept", allowed: ADMIN, body: {} },
  { method: "GET", path: "/api/admin/orders/:orderId/delivery", allowed: STAFF },
  { method: "GET", path: "/api/admin/orders/:orderId/proof/:kind", allowed: STAFF },
  { method: "GET", path: "/api/orders/:orderId/events", allowed: STAFF },
  { method: "GET", path: "/api/admin/drivers/:driverId", allowed: STAFF },
  { method: "GET", path: "/api/admin/drivers/:driverId/track", allowed: STAFF },
  { method: "POST", path: "/api/admin/drivers/:driverId/route/optimise", allowed: ADMIN, body: {} },
  { method: "GET", path: "/api/admin/drivers/:driverId/messages", allowed: STAFF },
  { method: "POST", path: "/api/admin/drivers/:driverId/messages", allowed: STAFF, body: { body: "Authz says hi" } },
  { method: "GET", path: "/api/admin/webhooks", allowed: STAFF },
  { method: "POST", path: "/api/admin/webhooks", allowed: ADMIN, body: { url: "http://127.0.0.1:9/hook" } },
  { method: "DELETE", path: "/api/admin/webhooks/:webhookId", allowed: ADMIN },
  { method: "GET", path: "/api/admin/webhooks/:webhookId/deliveries", allowed: STAFF },
  // Shop orders waiting for a location: support sees the list; placing one (creating the order) is dispatch's.
  { method: "GET", path: "/api/admin/shop-orders", allowed: STAFF },
  { method: "POST", path: "/api/admin/shop-orders/:shopOrderId/location", allowed: ADMIN, body: { lat: 40.4, lng: -3.7 } },
  // Shop webhooks: the platform's HMAC signature is the only credential, and no role here holds the
  // secret (the test app configures none, so they answer 404 integration_off to everyone).
  { method: "POST", path: "/api/integrations/shopify/orders", allowed: [] },
  { method: "POST", path: "/api/integrations/woocommerce/orders", allowed: [] },
  // The opt-out link of a tracking-link email: its sealed token is the credential, and no role here holds one (404).
  { method: "GET", path: "/api/tracking-link/opt-out/:optOutToken", allowed: [] },
  // The driver PWA (the driver's own bearer; another driver's order is a 404).
  { method: "POST", path: "/api/driver/locations", allowed: ANY_DRIVER, body: () => ({ fixes: [{ lat: 40.4, lng: -3.7, at: Date.now() }] }) },
  { method: "GET", path: "/api/driver/fixes", allowed: ANY_DRIVER },
  { method: "GET", path: "/api/driver/me", allowed: ANY_DRIVER },
  { method: "GET", path: "/api/driver/messages", allowed: ANY_DRIVER },
  { method: "POST", path: "/api/driver/messages/:messageId/read", allowed: DRIVER_X, body: {} },
  { method: "POST", path: "/api/driver/orders/:orderId/status", allowed: DRIVER_X, body: { status: "arrived" } },
  { method: "GET", path: "/api/driver/orders/:orderId/proof", allowed: DRIVER_X },
  // A parcel still on the route is refused (409 still_on_route: past the gate).
  { method: "POST", path: "/api/driver/orders/:orderId/hand-in", allowed: DRIVER_X, body: {} },
  // Tracker apps: the trackerId is the credential (generated, long, rate limited); public by protocol.
  { method: "GET", path: "/api/osmand", allowed: EVERYONE },
  { method: "POST", path: "/api/osmand", allowed: EVERYONE },
  // The customer's page: the tracking token in the path is the only credential.
  { method: "GET", path: "/api/track/:token", allowed: TOKEN_HOLDERS },
  { method: "PUT", path: "/api/track/:token/instructions", allowed: TOKEN_HOLDERS, body: { instructions: "Ring twice" } },
  { method: "PUT", path: "/api/track/:token/choice", allowed: TOKEN_HOLDERS, body: { kind: "neighbour", neighbourName: "Marta", neighbourDoor: "2B" } },
  { method: "POST", path: "/api/track/:token/feedback", allowed: TOKEN_HOLDERS, body: { rating: 5 } },
  { method: "GET", path: "/api/track/:token/proof/:kind", allowed: TOKEN_HOLDERS },
  // Notification opt-ins (email is off in the test: 409 email_unavailable, still past the gate).
  {
    method: "POST",
    path: "/api/track/:token/push",
    allowed: TOKEN_HOLDERS,
    body: { subscription: { endpoint: "https://push.example.com/send/authz", keys: { p256dh: `B${"A".repeat(86)}`, auth: "A".repeat(22) } }, locale: "en" },
  },
  { method: "DELETE", path: "/api/track/:token/push", allowed: TOKEN_HOLDERS, query: "endpoint=https%3A%2F%2Fpush.example.com%2Fsend%2Fauthz" },
  { method: "POST", path: "/api/track/:token/email", allowed: TOKEN_HOLDERS, body: { email: "customer@example.com", locale: "en" } },
  { method: "DELETE", path: "/api/track/:token/email", allowed: TOKEN_HOLDERS },
];

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
