/** The HTTP API of DESIGN.md's contract: each route parses its input and delegates. */
import type { CoreDeps } from "../deps";
import { requireAdmin, requireDriver } from "../auth/authenticate";
import { createDriver } from "../drivers/create-driver";
import { Router } from "../http/router";
import { readJson } from "../http/read-body";
import { validate } from "../http/validate";
import { findDriverByTrackerId, readTrackerReport } from "../ingest/osmand";
import { ingestFixes } from "../ingest/post-locations";
import type { Handler } from "../http/router";
import { createOrder } from "../orders/create-order";
import { listOrders } from "../orders/list-orders";
import { setRoute } from "../orders/set-route";
import { updateOrderStatus } from "../orders/update-order-status";
import {
  ZCreateDriverRequest,
  ZCreateOrderRequest,
  ZListOrdersQuery,
  ZOrderStatusRequest,
  ZPostLocationsRequest,
  ZSetRouteRequest,
} from "../../lib/schemas/api";

export interface ApiDeps extends CoreDeps {
  adminToken: string;
}

export function createApiRouter(deps: ApiDeps): Router {
  // Tracker apps identify themselves by trackerId alone, as the OsmAnd / Traccar protocol does.
  const onTrackerReport: Handler = async ({ req, url }) => {
    const report = await readTrackerReport(req, url);
    const driver = await findDriverByTrackerId(deps.prisma, report.trackerId);
    const result = await ingestFixes(deps.js, driver.id, [report.fix], "tracker-app");
    return { status: 200, body: result };
  };

  return new Router()
    .on("GET", "/api/osmand", onTrackerReport)
    .on("POST", "/api/osmand", onTrackerReport)
    .on("GET", "/api/health", async () => ({ status: 200, body: { ok: true, nats: !deps.nc.isClosed() } }))
    .on("POST", "/api/drivers", async ({ req }) => {
      requireAdmin(req, deps.adminToken);
      const input = validate(ZCreateDriverRequest, await readJson(req));
      return { status: 201, body: await createDriver(deps, input) };
    })
    .on("PUT", "/api/drivers/:driverId/route", async ({ req, params }) => {
      requireAdmin(req, deps.adminToken);
      const input = validate(ZSetRouteRequest, await readJson(req));
      return { status: 200, body: await setRoute(deps, params.driverId ?? "", input) };
    })
    .on("POST", "/api/orders", async ({ req }) => {
      requireAdmin(req, deps.adminToken);
      const input = validate(ZCreateOrderRequest, await readJson(req));
      return { status: 201, body: await createOrder(deps, input) };
    })
    .on("GET", "/api/orders", async ({ req, url }) => {
      requireAdmin(req, deps.adminToken);
      const query = validate(ZListOrdersQuery, Object.fromEntries(url.searchParams));
      return { status: 200, body: await listOrders(deps, query) };
    })
    .on("POST", "/api/driver/locations", async ({ req }) => {
      const driver = await requireDriver(req, deps.prisma);
      const input = validate(ZPostLocationsRequest, await readJson(req));
      return { status: 202, body: await ingestFixes(deps.js, driver.id, input.fixes, "driver-app") };
    })
    .on("POST", "/api/driver/orders/:orderId/status", async ({ req, params }) => {
      const driver = await requireDriver(req, deps.prisma);
      const input = validate(ZOrderStatusRequest, await readJson(req));
      return { status: 200, body: await updateOrderStatus(deps, driver.id, params.orderId ?? "", input) };
    });
}
