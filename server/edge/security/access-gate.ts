/**
 * The gate of each kind of access in access-policy.ts: what the router runs before a route's
 * handler, and what it hands the handler about the caller. Handlers do not check credentials;
 * the checks that need the loaded resource (a driver's own orders) stay in the domain code and
 * the policy row names them (`scope`).
 */
import type { IncomingMessage } from "node:http";
import type { PrismaClient } from "../../../generated/prisma/client";
import { isWooPing } from "../../../lib/domain/shop-orders";
import { MAX_SHOP_WEBHOOK_BODY_BYTES } from "../../../lib/schemas/integrations";
import { MIN_CHOSEN_TRACKER_ID_LENGTH } from "../../../lib/schemas/api";
import type { TTrackerReport } from "../../../lib/schemas/osmand";
import type { AuthenticatedDriver, DriverTokenCache } from "../../platform/auth/driver-token-cache";
import { bearerToken } from "../../platform/auth/tokens";
import { NotSignedIn, TrackingLinkNotFound } from "../../platform/domain-errors";
import { ApiError, toApiError, unauthorized } from "../../platform/http/api-error";
import type { RateLimits } from "../../platform/http/rate-limits";
import { readBody } from "../../platform/http/read-body";
import type { Answer, Gate, RequestContext } from "../../platform/http/router";
import { findDriverByTrackerId } from "../../pipeline/ingest/osmand";
import { isValidShopSignature } from "../../features/integrations/verify-shop-signature";
import type { LinkSealer } from "../../features/notifications/link-sealing";
import { openOptOutToken } from "../../features/notifications/deliver-tracking-link";
import { isSameOrigin, principalOf } from "../../features/staff/request-principal";
import { requireStaff, type SignedIn } from "../../features/staff/require-staff";
import { findOrderIdByToken } from "../../pipeline/views/get-order-view";
import type { Access, AccessPolicy, ShopPlatform } from "./access-policy";
import { readTrackerReport } from "./read-tracker-report";

/** What the gate of each kind hands the handler. */
export interface StaffGrant {
  staff: SignedIn;
}
export interface DriverGrant {
  driver: AuthenticatedDriver;
}
export interface TokenGrant {
  token: string;
}
export interface TokenOrderGrant extends TokenGrant {
  orderId: string;
}
export interface TrackerGrant {
  tracker: { driverId: string; report: TTrackerReport };
}
export interface ShopGrant {
  shop: { raw: Buffer; isPing: boolean };
}
export interface OptOutGrant {
  optOut: NonNullable<ReturnType<typeof openOptOutToken>>;
}

export type GrantOf<A extends Access> = A extends { kind: "admin" } | { kind: "staff" }
  ? StaffGrant
  : A extends { kind: "driver" }
    ? DriverGrant
    : A extends { kind: "trackingToken"; lookup: "gate" }
      ? TokenOrderGrant
      : A extends { kind: "trackingToken" }
        ? TokenGrant
        : A extends { kind: "trackerId" }
          ? TrackerGrant
          : A extends { kind: "shopSignature" }
            ? ShopGrant
            : A extends { kind: "optOutToken" }
              ? OptOutGrant
              : object;

/** Route key → what its handler is handed. */
export type Grants = { [Key in keyof AccessPolicy]: GrantOf<AccessPolicy[Key]> };

/** How each shop platform signs its webhooks, and the secret this server has for it (unset: the route is off). */
interface ShopSigning {
  name: string;
  secret: string | undefined;
  signatureHeader: string;
  /** An unsigned request the platform sends that is answered without a signature (WooCommerce's ping). */
  isPing?: (raw: Buffer) => boolean;
}

export interface AccessGateDeps {
  prisma: PrismaClient;
  rateLimits: RateLimits;
  /** Driver bearer tokens, resolved from memory (server/platform/auth/driver-token-cache.ts). */
  driverTokens: DriverTokenCache;
  /** Opens the opt-out links of tracking-link messages; unset, no such link is ours. */
  linkSealer?: LinkSealer;
  shopSecrets: Record<ShopPlatform, string | undefined>;
}

export function createAccessGate(deps: AccessGateDeps): Gate<Access> {
  const { rateLimits } = deps;
  const shops: Record<ShopPlatform, ShopSigning> = {
    shopify: { name: "Shopify", secret: deps.shopSecrets.shopify, signatureHeader: "x-shopify-hmac-sha256" },
    woocommerce: {
      name: "WooCommerce",
      secret: deps.shopSecrets.woocommerce,
      signatureHeader: "x-wc-webhook-signature",
      // Sent unsigned when the webhook is created or saved: answered 200, nothing stored.
      isPing: (raw) => raw.length < 64 && isWooPing(raw.toString("utf8")),
    },
  };

  /**
   * Tracking-token misses (a 404) count against the address, reserved before the lookup so a burst
   * cannot slip past the limit. Tokens are unguessable (256 bits), so a locked-out address still
   * reaches a real order (customers behind a carrier's NAT share it with whoever guessed); its misses get the 429.
   */
  const countingMisses = <T>(req: IncomingMessage, run: () => Promise<T>): Promise<T> =>
    rateLimits.spendOnFailure("trackingMissesPerIp", rateLimits.ipOf(req), run, {
      isFailure: (error) => toApiError(error)?.status === 404,
      mayTryWhileLocked: true,
    });

  /** The driver behind the bearer token: 401 without one, or for an unknown or revoked one. */
  const authenticateDriver = (req: IncomingMessage): Promise<AuthenticatedDriver> => {
    const token = bearerToken(req.headers.authorization);
    if (!token) throw unauthorized("driver bearer token required");
    return deps.driverTokens.authenticate(token);
  };

  // Tracker apps identify themselves by trackerId alone, as the OsmAnd / Traccar protocol does.
  // Knowing a tracker id is all it takes to post as its driver: ids are long and generated (see
  // create-driver.ts), misses lock the address out, and each id and address is rate limited.
  const authenticateTracker = async ({ req, url }: RequestContext) => {
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
    return { driverId: driver.id, report };
  };

  /** A shop's webhook: the size first, as on every route (413), then off (404), ping, signature (401). */
  const verifyShop = async (platform: ShopPlatform, req: IncomingMessage) => {
    const shop = shops[platform];
    const raw = await readBody(req, MAX_SHOP_WEBHOOK_BODY_BYTES);
    if (!shop.secret) throw new ApiError(404, "integration_off", `the ${shop.name} integration is not configured on this server`);
    if (shop.isPing?.(raw)) return { raw, isPing: true };
    if (!isValidShopSignature(raw, req.headers[shop.signatureHeader], shop.secret)) {
      throw new ApiError(401, "invalid_signature", `missing or wrong ${shop.signatureHeader} (the base64 HMAC-SHA256 of the raw body with the webhook's secret)`);
    }
    return { raw, isPing: false };
  };

  return async (access, ctx, next): Promise<Answer> => {
    const { req, params } = ctx;
    switch (access.kind) {
      case "public":
        // Sign-in is not cookie-authenticated, so the CSRF header cannot apply; a foreign Origin is still refused.
        if (access.sameOrigin && !isSameOrigin(req.headers.origin, req.headers.host)) throw new ApiError(403, "csrf_failed", "cross-origin request refused");
        return next({});
      case "admin":
        if (!principalOf(req)) throw new NotSignedIn("admin bearer token required");
        return next({ staff: requireStaff(req, access.permission) });
      case "staff":
        return next({ staff: requireStaff(req, access.permission) });
      case "driver":
        return next({ driver: await authenticateDriver(req) });
      case "trackingToken": {
        const token = params.token ?? "";
        if (access.lookup === "handler") return countingMisses(req, () => next({ token }));
        const orderId = await countingMisses(req, async () => {
          const found = await findOrderIdByToken(deps.prisma, token);
          if (!found) throw new TrackingLinkNotFound();
          return found;
        });
        return next({ token, orderId });
      }
      case "trackerId":
        return next({ tracker: await authenticateTracker(ctx) });
      case "shopSignature":
        return next({ shop: await verifyShop(access.platform, req) });
      case "optOutToken": {
        const optOut = deps.linkSealer ? openOptOutToken(deps.linkSealer, params.optOutToken ?? "") : null;
        if (!optOut) throw new ApiError(404, "unknown_opt_out", "this opt-out link is not one of ours, or was damaged in copying");
        return next({ optOut });
      }
    }
  };
}
