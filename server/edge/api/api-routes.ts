/** The HTTP API of DESIGN.md's contract: each route parses its input and delegates. */
import type { ApiDeps, ApiRouter } from "./api-deps";
import { createDriver } from "../../features/drivers/create-driver";
import { Router } from "../../platform/http/router";
import { DriverTokenCache } from "../../platform/auth/driver-token-cache";
import { ACCESS_POLICY, type Access } from "../security/access-policy";
import { createAccessGate, type Grants } from "../security/access-gate";
import { registerAdminRoutes } from "./admin-routes";
import { registerCustomerRoutes } from "./customer-routes";
import { registerDriverDetailRoutes } from "./driver-detail-routes";
import { registerDriverMessageRoutes } from "./driver-message-routes";
import { registerDriverRoutes } from "./driver-routes";
import { registerGeocodeRoutes } from "./geocode-routes";
import { registerIntegrationRoutes } from "./integration-routes";
import { withPublicTrackingUrl } from "./public-tracking-url";
import { registerInsightRoutes } from "./insight-routes";
import { registerNotificationRoutes } from "./notification-routes";
import { registerOrderAdminRoutes } from "./order-admin-routes";
import { registerWebhookRoutes } from "./webhook-routes";
import { registerApiDocumentRoutes } from "./api-document-routes";
import { readJson } from "../../platform/http/read-body";
import { validate } from "../../platform/http/validate";
import { createOrder } from "../../features/orders/create-order";
import { keepTrackingLinkIfContact } from "../../features/integrations/keep-tracking-link";
import { listOrders } from "../../features/orders/list-orders";
import { setRoute } from "../../features/orders/set-route";
import { ZCreateDriverRequest, ZCreateOrderRequest, ZListOrdersQuery, ZSetRouteRequest, MAX_ROUTE_BODY_BYTES } from "../../../lib/schemas/api";

export function createApiRouter(deps: ApiDeps): ApiRouter {
  const gate = createAccessGate({
    prisma: deps.prisma,
    rateLimits: deps.rateLimits,
    driverTokens: new DriverTokenCache(deps.prisma, deps.nc),
    linkSealer: deps.notifications?.linkSealer,
    shopSecrets: { shopify: deps.shopIntegrations?.shopifySecret, woocommerce: deps.shopIntegrations?.woocommerceSecret },
  });
  const router: ApiRouter = new Router<Access, Grants>(ACCESS_POLICY, gate)
    .on("GET /api/health", async () => ({ status: 200, body: { ok: true, nats: !deps.nc.isClosed() } }))
    .on("POST /api/drivers", async ({ req }) => {
      const input = validate(ZCreateDriverRequest, await readJson(req));
      return { status: 201, body: await createDriver(deps, input) };
    })
    .on("PUT /api/drivers/:driverId/route", async ({ req, params }) => {
      const input = validate(ZSetRouteRequest, await readJson(req, MAX_ROUTE_BODY_BYTES));
      return { status: 200, body: await setRoute(deps, params.driverId ?? "", input) };
    })
    .on("POST /api/orders", async ({ req }) => {
      const input = validate(ZCreateOrderRequest, await readJson(req));
      const created = await createOrder(deps, input);
      await keepTrackingLinkIfContact(deps, created);
      return { status: 201, body: withPublicTrackingUrl(created, deps.publicUrl) };
    })
    .on("GET /api/orders", async ({ url }) => {
      const query = validate(ZListOrdersQuery, Object.fromEntries(url.searchParams));
      return { status: 200, body: await listOrders(deps, query) };
    });
  registerAdminRoutes(router, deps);
  registerDriverRoutes(router, deps);
  registerCustomerRoutes(router, deps);
  registerNotificationRoutes(router, deps);
  registerWebhookRoutes(router, deps);
  registerInsightRoutes(router, deps);
  registerDriverDetailRoutes(router, deps);
  registerOrderAdminRoutes(router, deps);
  registerDriverMessageRoutes(router, deps);
  registerGeocodeRoutes(router, deps);
  registerApiDocumentRoutes(router, deps);
  registerIntegrationRoutes(router, deps);
  return router;
}
