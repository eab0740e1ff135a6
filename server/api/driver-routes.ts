/**
 * The driver side of the API: the PWA's routes (bearer token per driver), tracker apps
 * (OsmAnd / Traccar, identified by trackerId) and the admin's token revocation. Handlers
 * parse and delegate; the hot path (`POST /api/driver/locations`) authenticates from memory
 * and dedupes by seq watermark without a database round trip.
 */
import type { ApiDeps } from "./api-routes";
import { requireAdmin } from "../auth/authenticate";
import { DriverTokenCache } from "../auth/driver-token-cache";
import { bearerToken } from "../auth/tokens";
import { getDeliveryProof } from "../drivers/get-delivery-proof";
import { getDriverDay } from "../drivers/get-driver-day";
import { handInAtDepot } from "../drivers/hand-in-at-depot";
import { revokeDriverToken } from "../drivers/revoke-driver-token";
import { updateStopStatus } from "../drivers/update-stop-status";
import { BackboneUnavailable } from "../domain-errors";
import { toApiError, unauthorized } from "../http/api-error";
import { readJson } from "../http/read-body";
import type { Handler, Router } from "../http/router";
import { validate } from "../http/validate";
import { listOwnFixes } from "../ingest/list-own-fixes";
import { findDriverByTrackerId, readTrackerReport } from "../ingest/osmand";
import { ingestFixes } from "../ingest/post-locations";
import { followConnection, isConnected } from "../backbone/connection-state";
import { SeqWatermarks } from "../ingest/seq-watermarks";
import { TurnPublisher } from "../backbone/turn-publisher";
import type { IncomingMessage } from "node:http";
import { MAX_LOCATIONS_BODY_BYTES, MIN_CHOSEN_TRACKER_ID_LENGTH, ZPostLocationsRequest } from "../../lib/schemas/api";
import { MAX_STATUS_BODY_BYTES, ZDriverStatusRequest, ZOwnFixesQuery } from "../../lib/schemas/driver";

export function registerDriverRoutes(router: Router, deps: ApiDeps): void {
  const tokens = new DriverTokenCache(deps.prisma, deps.nc);
  const watermarks = new SeqWatermarks(deps.jsm);
  // Fixes of all the requests read in one turn leave in one socket write (see turn-publisher.ts).
  const fixPublisher = new TurnPublisher(deps.js);
  followConnection(deps.nc);
  /** Fixes are acknowledged only once on JetStream: with NATS known to be down, say so at once. */
  const refuseWhileBackboneDown = () => {
    if (!isConnected(deps.nc)) throw new BackboneUnavailable("the event backbone is unreachable; fixes were not stored, send them again");
  };
  const requireDriver = (req: IncomingMessage) => {
    const token = bearerToken(req.headers.authorization);
    if (!token) throw unauthorized("driver bearer token required");
    return tokens.authenticate(token);
  };

  // Tracker apps identify themselves by trackerId alone, as the OsmAnd / Traccar protocol does.
  // Knowing a tracker id is all it takes to post as its driver: ids are long and generated (see
  // create-driver.ts), misses lock the address out, and each id and address is rate limited.
  const onTrackerReport: Handler = async ({ req, url }) => {
    const { rateLimits } = deps;
    const ip = rateLimits.ipOf(req);
    rateLimits.enforce("osmandPerIp", ip);
    const report = await readTrackerReport(req, url);
    rateLimits.enforce("osmandPerId", report.trackerId);
    // A long id cannot be guessed, so a locked-out address (a depot's NAT with one misconfigured
    // phone) still reaches its own drivers; a short one chosen by the admin stays locked out.
    const driver = await rateLimits.spendOnFailure("osmandUnknownPerIp", ip, () => findDriverByTrackerId(deps.prisma, report.trackerId), {
      isFailure: (error) => toApiError(error)?.status === 404,
      mayTryWhileLocked: report.trackerId.length >= MIN_CHOSEN_TRACKER_ID_LENGTH,
    });
    refuseWhileBackboneDown();
    const result = await ingestFixes(fixPublisher, driver.id, [report.fix], "tracker-app", watermarks, deps.clock);
    return { status: 200, body: result };
  };

  router
    .on("GET", "/api/osmand", onTrackerReport)
    .on("POST", "/api/osmand", onTrackerReport)
    .on("POST", "/api/driver/locations", async ({ req }) => {
      const driver = await requireDriver(req);
      const input = validate(ZPostLocationsRequest, await readJson(req, MAX_LOCATIONS_BODY_BYTES));
      refuseWhileBackboneDown();
      return { status: 202, body: await ingestFixes(fixPublisher, driver.id, input.fixes, "driver-app", watermarks, deps.clock) };
    })
    .on("GET", "/api/driver/fixes", async ({ req, url }) => {
      const driver = await requireDriver(req);
      const query = validate(ZOwnFixesQuery, Object.fromEntries(url.searchParams));
      return { status: 200, body: await listOwnFixes(deps, driver.id, query.limit) };
    })
    .on("GET", "/api/driver/me", async ({ req }) => {
      const driver = await requireDriver(req);
      return { status: 200, body: await getDriverDay(deps, driver) };
    })
    .on("POST", "/api/driver/orders/:orderId/status", async ({ req, params }) => {
      const driver = await requireDriver(req);
      const input = validate(ZDriverStatusRequest, await readJson(req, MAX_STATUS_BODY_BYTES));
      return { status: 200, body: await updateStopStatus(deps, driver.id, params.orderId ?? "", input) };
    })
    .on("POST", "/api/driver/orders/:orderId/hand-in", async ({ req, params }) => {
      const driver = await requireDriver(req);
      return { status: 200, body: await handInAtDepot(deps, driver.id, params.orderId ?? "") };
    })
    .on("GET", "/api/driver/orders/:orderId/proof", async ({ req, params }) => {
      const driver = await requireDriver(req);
      return { status: 200, body: await getDeliveryProof(deps, driver.id, params.orderId ?? "") };
    })
    .on("POST", "/api/drivers/:driverId/revoke", async ({ req, params }) => {
      requireAdmin(req, deps.adminToken);
      return { status: 200, body: await revokeDriverToken(deps, params.driverId ?? "") };
    });
}
