/** The admin dashboard's API (/api/admin/*): routes parse input and delegate (who may call each: server/edge/security/access-policy.ts). */
import type { IncomingMessage } from "node:http";
import { ZAdminCreateOrderRequest, ZAdminOrdersQuery, ZCreateStaffRequest, ZImportOrdersRequest, ZSignInRequest, ZOptimiseRouteRequest } from "../../../lib/schemas/admin";
import { cancelOrder } from "../../features/dispatch/cancel-order";
import { createAdminOrder } from "../../features/dispatch/create-admin-order";
import { keepTrackingLinkIfContact } from "../../features/integrations/keep-tracking-link";
import { getDriverDetail } from "../../features/dispatch/get-driver-detail";
import { getFleetSnapshot } from "../../features/dispatch/get-fleet-snapshot";
import { importOrders } from "../../features/dispatch/import-orders";
import { listAdminOrders } from "../../features/dispatch/list-admin-orders";
import { listAlerts } from "../../features/dispatch/list-alerts";
import { listOrderEvents } from "../../features/dispatch/list-order-events";
import { ZOrderEventsQuery } from "../../../lib/schemas/order-history";
import { can } from "../../../lib/domain/staff-permissions";
import { previewRouteOptimisation } from "../../features/dispatch/preview-route-optimisation";
import { ApiError } from "../../platform/http/api-error";
import { clientIp } from "../../platform/http/client-ip";
import { readJson, readText } from "../../platform/http/read-body";
import { validate } from "../../platform/http/validate";
import type { SignedIn } from "../../features/staff/require-staff";
import { clearedSessionCookie, csrfTokenFor, deleteSession, sessionCookie } from "../../features/staff/sessions";
import { signIn } from "../../features/staff/sign-in";
import { SignInLimiter } from "../../features/staff/sign-in-limiter";
import { createStaffAccount, deleteStaffAccount, listStaffAccounts } from "../../features/staff/staff-accounts";
import type { ApiDeps, ApiRouter } from "./api-deps";
import { withPublicTrackingUrl } from "./public-tracking-url";

export const DEFAULT_SILENT_AFTER_MS = 5 * 60 * 1000;
const MAX_IMPORT_BODY_BYTES = 4 * 1024 * 1024;

function describeSession(principal: SignedIn) {
  if (principal.kind === "admin-token") throw new ApiError(400, "no_session", "bearer requests have no session; sign in at /admin");
  return {
    role: principal.role,
    staff: principal.session.staff,
    csrfToken: csrfTokenFor(principal.token),
    expiresAt: principal.session.expiresAt.toISOString(),
  };
}

async function readImportBody(req: IncomingMessage): Promise<unknown> {
  // A CSV file straight from a form or curl, or JSON { csv, isDryRun }.
  if ((req.headers["content-type"] ?? "").startsWith("text/csv")) {
    return { csv: await readText(req, MAX_IMPORT_BODY_BYTES), isDryRun: false };
  }
  return readJson(req, MAX_IMPORT_BODY_BYTES);
}

export function registerAdminRoutes(router: ApiRouter, deps: ApiDeps): void {
  const silentAfterMs = deps.silentAfterMs ?? DEFAULT_SILENT_AFTER_MS;
  const signInLimiter = new SignInLimiter(deps.adminToken);

  router
    .on("POST /api/admin/session", async ({ req }) => {
      const input = validate(ZSignInRequest, await readJson(req));
      const { result: session, deviceCookie } = await signInLimiter.guard(req, clientIp(req, deps.rateLimits.trustProxyHops), input, () => signIn(deps.prisma, deps.adminToken, input));
      return {
        status: 201,
        body: { role: session.role, csrfToken: csrfTokenFor(session.token), expiresAt: session.expiresAt.toISOString() },
        headers: { "Set-Cookie": [sessionCookie(req, session.token, session.expiresAt), deviceCookie] },
      };
    })
    .on("GET /api/admin/session", async ({ staff }) => ({ status: 200, body: describeSession(staff) }))
    .on("DELETE /api/admin/session", async ({ req, staff }) => {
      if (staff.kind === "session") await deleteSession(deps.prisma, staff.token);
      return { status: 200, body: { ok: true }, headers: { "Set-Cookie": clearedSessionCookie(req) } };
    })
    .on("GET /api/admin/staff", async () => {
      return { status: 200, body: await listStaffAccounts(deps) };
    })
    .on("POST /api/admin/staff", async ({ req }) => {
      const input = validate(ZCreateStaffRequest, await readJson(req));
      return { status: 201, body: await createStaffAccount(deps, input) };
    })
    .on("DELETE /api/admin/staff/:staffId", async ({ params }) => {
      await deleteStaffAccount(deps, params.staffId ?? "");
      return { status: 200, body: { ok: true } };
    })
    .on("GET /api/admin/fleet", async () => {
      return { status: 200, body: await getFleetSnapshot(deps, silentAfterMs) };
    })
    .on("GET /api/admin/drivers/:driverId", async ({ staff, params }) => {
      const detail = await getDriverDetail(deps, params.driverId ?? "");
      // A tracker id lets its holder post as the driver: only those who may dispatch see it.
      return { status: 200, body: can(staff.role, "dispatch") ? detail : { ...detail, trackerId: null } };
    })
    .on("POST /api/admin/drivers/:driverId/route/optimise", async ({ req, params }) => {
      validate(ZOptimiseRouteRequest, await readJson(req));
      return { status: 200, body: await previewRouteOptimisation(deps, params.driverId ?? "") };
    })
    .on("GET /api/admin/orders", async ({ url }) => {
      const query = validate(ZAdminOrdersQuery, Object.fromEntries(url.searchParams));
      return { status: 200, body: await listAdminOrders(deps, query) };
    })
    .on("POST /api/admin/orders", async ({ req }) => {
      const input = validate(ZAdminCreateOrderRequest, await readJson(req));
      const created = await createAdminOrder(deps, input);
      await keepTrackingLinkIfContact(deps, created);
      return { status: 201, body: withPublicTrackingUrl(created, deps.publicUrl) };
    })
    .on("POST /api/admin/orders/import", async ({ req }) => {
      const input = validate(ZImportOrdersRequest, await readImportBody(req));
      const report = await importOrders(deps, input.csv, input.isDryRun);
      const imported = report.imported.map((row) => withPublicTrackingUrl(row, deps.publicUrl));
      return { status: input.isDryRun ? 200 : 201, body: { ...report, imported } };
    })
    .on("POST /api/admin/orders/:orderId/cancel", async ({ params }) => {
      return { status: 200, body: await cancelOrder(deps, params.orderId ?? "") };
    })
    .on("GET /api/orders/:orderId/events", async ({ params, url }) => {
      const query = validate(ZOrderEventsQuery, Object.fromEntries(url.searchParams));
      return { status: 200, body: await listOrderEvents(deps, params.orderId ?? "", query.afterSeq) };
    })
    .on("GET /api/admin/alerts", async () => {
      return { status: 200, body: await listAlerts(deps, silentAfterMs) };
    });
}
