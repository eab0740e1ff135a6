/**
 * The driver side of the API: the PWA's routes (bearer token per driver), tracker apps
 * (OsmAnd / Traccar, identified by trackerId) and the admin's token revocation. Handlers
 * parse and delegate; their gates (server/edge/security/access-gate.ts) authenticate. The hot path
 * (`POST /api/driver/locations`) authenticates from memory and dedupes by seq watermark
 * without a database round trip.
 */
import type { ApiDeps, ApiRouter } from "./api-deps";
import { getDeliveryProof } from "../../features/drivers/get-delivery-proof";
import { getDriverDay } from "../../features/drivers/get-driver-day";
import { handInAtDepot } from "../../features/drivers/hand-in-at-depot";
import { revokeDriverToken } from "../../features/drivers/revoke-driver-token";
import { updateStopStatus } from "../../features/drivers/update-stop-status";
import { BackboneUnavailable } from "../../platform/domain-errors";
import { readJson } from "../../platform/http/read-body";
import type { Handler } from "../../platform/http/router";
import { validate } from "../../platform/http/validate";
import { listOwnFixes } from "../../pipeline/ingest/list-own-fixes";
import { ingestFixes } from "../../pipeline/ingest/post-locations";
import type { TrackerGrant } from "../security/access-gate";
import { followConnection, isConnected } from "../../platform/backbone/connection-state";
import { SeqWatermarks } from "../../pipeline/ingest/seq-watermarks";
import { TurnPublisher } from "../../platform/backbone/turn-publisher";
import { MAX_LOCATIONS_BODY_BYTES, ZPostLocationsRequest } from "../../../lib/schemas/api";
import { MAX_STATUS_BODY_BYTES, ZDriverStatusRequest, ZOwnFixesQuery } from "../../../lib/schemas/driver";

export function registerDriverRoutes(router: ApiRouter, deps: ApiDeps): void {
  const watermarks = new SeqWatermarks(deps.jsm);
  // Fixes of all the requests read in one turn leave in one socket write (see turn-publisher.ts).
  const fixPublisher = new TurnPublisher(deps.js);
  followConnection(deps.nc);
  /** Fixes are acknowledged only once on JetStream: with NATS known to be down, say so at once. */
  const refuseWhileBackboneDown = () => {
    if (!isConnected(deps.nc)) throw new BackboneUnavailable("the event backbone is unreachable; fixes were not stored, send them again");
  };
  // The report's trackerId was checked by the gate (the OsmAnd / Traccar protocol has no other credential).
  const onTrackerReport: Handler<TrackerGrant> = async ({ tracker }) => {
    refuseWhileBackboneDown();
    const result = await ingestFixes(fixPublisher, tracker.driverId, [tracker.report.fix], "tracker-app", watermarks, deps.clock);
    return { status: 200, body: result };
  };

  router
    .on("GET /api/osmand", onTrackerReport)
    .on("POST /api/osmand", onTrackerReport)
    .on("POST /api/driver/locations", async ({ driver, req }) => {
      const input = validate(ZPostLocationsRequest, await readJson(req, MAX_LOCATIONS_BODY_BYTES));
      refuseWhileBackboneDown();
      return { status: 202, body: await ingestFixes(fixPublisher, driver.id, input.fixes, "driver-app", watermarks, deps.clock) };
    })
    .on("GET /api/driver/fixes", async ({ driver, url }) => {
      const query = validate(ZOwnFixesQuery, Object.fromEntries(url.searchParams));
      return { status: 200, body: await listOwnFixes(deps, driver.id, query.limit) };
    })
    .on("GET /api/driver/me", async ({ driver }) => {
      return { status: 200, body: await getDriverDay(deps, driver) };
    })
    .on("POST /api/driver/orders/:orderId/status", async ({ driver, req, params }) => {
      const input = validate(ZDriverStatusRequest, await readJson(req, MAX_STATUS_BODY_BYTES));
      return { status: 200, body: await updateStopStatus(deps, driver.id, params.orderId ?? "", input) };
    })
    .on("POST /api/driver/orders/:orderId/hand-in", async ({ driver, params }) => {
      return { status: 200, body: await handInAtDepot(deps, driver.id, params.orderId ?? "") };
    })
    .on("GET /api/driver/orders/:orderId/proof", async ({ driver, params }) => {
      return { status: 200, body: await getDeliveryProof(deps, driver.id, params.orderId ?? "") };
    })
    .on("POST /api/drivers/:driverId/revoke", async ({ params }) => {
      return { status: 200, body: await revokeDriverToken(deps, params.driverId ?? "") };
    });
}
