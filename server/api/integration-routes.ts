/**
 * Orders from shops (docs/integrations.md "Shopify", "WooCommerce"): each platform's order webhook,
 * verified on the raw bytes with its secret, mapped and handed to server/integrations; and
 * dispatch's list of shop orders that wait for a location.
 *
 * An integration whose secret is not configured answers 404 `integration_off`: nothing at that
 * address accepts orders (a 503 would tell the platform to keep retrying something that is off).
 * A bad or missing signature is a 401 and nothing is stored; a body that is not an order is a 400.
 * An order with nothing to deliver (no shipping address) is a 200 `ignored`: a 4xx would make the
 * platform retry it for days.
 */
import type { IncomingMessage } from "node:http";
import type { z } from "zod";
import { isWooPing, mapShopifyOrder, mapWooOrder } from "../../lib/domain/shop-orders";
import {
  MAX_SHOP_WEBHOOK_BODY_BYTES,
  ZLocateShopOrderRequest,
  ZShopifyOrder,
  ZWooOrder,
  type TShopOrder,
  type TShopWebhookAnswer,
} from "../../lib/schemas/integrations";
import { geocodeAddress } from "../geocode/geocode-address";
import { ApiError } from "../http/api-error";
import { parseJsonBody, readBody, readJson } from "../http/read-body";
import type { Router } from "../http/router";
import { validate } from "../http/validate";
import { listShopOrdersNeedingLocation, locateShopOrder } from "../integrations/locate-shop-order";
import { receiveShopOrder, type ShopOrderDeps } from "../integrations/receive-shop-order";
import { isValidShopSignature } from "../integrations/verify-shop-signature";
import { openOptOutToken, recordOptOut } from "../notifications/deliver-tracking-link";
import { requireStaff } from "../staff/require-staff";
import type { ApiDeps } from "./api-routes";

export interface ShopIntegrationOptions {
  /** SHOPIFY_WEBHOOK_SECRET: unset, the Shopify route is off (404). */
  shopifySecret?: string;
  /** WOOCOMMERCE_WEBHOOK_SECRET: unset, the WooCommerce route is off (404). */
  woocommerceSecret?: string;
  /** SHOP_NAME: who the customer's messages say the parcel is from. */
  shopName?: string;
  /**
   * How long a webhook waits for the geocoder before the order goes to "needs a location"
   * (Shopify gives up on a webhook after 5 s; this leaves room for everything else).
   */
  geocodeDeadlineMs?: number;
  /** SMS_DEFAULT_COUNTRY_CODE: the calling code (digits) of phone numbers a shop sends without one. */
  defaultCountryCode?: string;
}

const DEFAULT_GEOCODE_DEADLINE_MS = 2_000;

const OPT_OUT_PAGE = `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Unsubscribed</title></head>
<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem">
<h1>You will get no more tracking links here.</h1><p lang="es">No recibirás más enlaces de seguimiento aquí.</p>
<p>Messages you asked for on a tracking page are not affected.</p></body></html>`;

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text && text.trim() ? text.trim().slice(0, 200) : null;
}

export function registerIntegrationRoutes(router: Router, deps: ApiDeps): void {
  const options = deps.shopIntegrations ?? {};
  const geocoderUrl = deps.geocoderUrl;
  const shopDeps: ShopOrderDeps = {
    prisma: deps.prisma,
    outbox: deps.outbox,
    linkSealer: deps.notifications?.linkSealer,
    defaultCountryCode: options.defaultCountryCode,
    geocode: geocoderUrl
      ? async (address) => {
          const [best] = await geocodeAddress(geocoderUrl, address, { limit: 1, timeoutMs: options.geocodeDeadlineMs ?? DEFAULT_GEOCODE_DEADLINE_MS });
          return best ? { lat: best.lat, lng: best.lng } : null;
        }
      : undefined,
  };

  /** One shop's webhook: off without its secret, 401 on a bad signature, then parse, map, receive. */
  const shopWebhook = (platform: { name: string; secret: string | undefined; signatureHeader: string; schema: z.ZodType; map: (order: never) => TShopOrder | null; shopHeader: string; deliveryHeader: string; isPing?: (raw: Buffer) => boolean }) =>
    async ({ req }: { req: IncomingMessage }): Promise<{ status: number; body: TShopWebhookAnswer }> => {
      // The size first, as on every route: an oversize body is a 413 before anything else.
      const raw = await readBody(req, MAX_SHOP_WEBHOOK_BODY_BYTES);
      if (!platform.secret) throw new ApiError(404, "integration_off", `the ${platform.name} integration is not configured on this server`);
      if (platform.isPing?.(raw)) return { status: 200, body: { outcome: "ping", shopOrderId: null, orderId: null } };
      if (!isValidShopSignature(raw, req.headers[platform.signatureHeader], platform.secret)) {
        throw new ApiError(401, "invalid_signature", `missing or wrong ${platform.signatureHeader} (the base64 HMAC-SHA256 of the raw body with the webhook's secret)`);
      }
      const payload = validate(platform.schema, parseJsonBody(raw));
      const order = platform.map(payload as never);
      if (!order) return { status: 200, body: { outcome: "ignored", shopOrderId: null, orderId: null } };
      const answer = await receiveShopOrder(shopDeps, {
        order,
        shop: header(req, platform.shopHeader) ?? "",
        webhookId: header(req, platform.deliveryHeader),
        senderName: options.shopName ?? null,
      });
      return { status: 200, body: answer };
    };

  router
    .on(
      "POST",
      "/api/integrations/shopify/orders",
      shopWebhook({
        name: "Shopify",
        secret: options.shopifySecret,
        signatureHeader: "x-shopify-hmac-sha256",
        schema: ZShopifyOrder,
        map: mapShopifyOrder,
        shopHeader: "x-shopify-shop-domain",
        deliveryHeader: "x-shopify-webhook-id",
      }),
    )
    .on(
      "POST",
      "/api/integrations/woocommerce/orders",
      shopWebhook({
        name: "WooCommerce",
        secret: options.woocommerceSecret,
        signatureHeader: "x-wc-webhook-signature",
        schema: ZWooOrder,
        map: mapWooOrder,
        shopHeader: "x-wc-webhook-source",
        deliveryHeader: "x-wc-webhook-delivery-id",
        // Sent unsigned when the webhook is created or saved: answered 200, nothing stored.
        isPing: (raw) => raw.length < 64 && isWooPing(raw.toString("utf8")),
      }),
    )
    // The link at the foot of a tracking-link email (docs/integrations.md): no more tracking links to
    // that address. A GET, so it works from any mail client; repeating it changes nothing.
    .on("GET", "/api/tracking-link/opt-out/:optOutToken", async ({ res, params }) => {
      const sealer = deps.notifications?.linkSealer;
      const optOut = sealer ? openOptOutToken(sealer, params.optOutToken ?? "") : null;
      if (!optOut) throw new ApiError(404, "unknown_opt_out", "this opt-out link is not one of ours, or was damaged in copying");
      await recordOptOut(deps.prisma, optOut);
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
      res.end(OPT_OUT_PAGE);
      return { status: 200, body: null };
    })
    .on("GET", "/api/admin/shop-orders", async ({ req }) => {
      requireStaff(req, "view");
      return { status: 200, body: await listShopOrdersNeedingLocation(deps) };
    })
    .on("POST", "/api/admin/shop-orders/:shopOrderId/location", async ({ req, params }) => {
      requireStaff(req, "dispatch");
      const input = validate(ZLocateShopOrderRequest, await readJson(req));
      return { status: 201, body: await locateShopOrder(shopDeps, params.shopOrderId ?? "", input) };
    });
}
