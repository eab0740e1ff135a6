/**
 * Orders from shops (docs/integrations.md "Shopify", "WooCommerce"): each platform's order webhook,
 * verified on the raw bytes with its secret, mapped and handed to server/features/integrations; and
 * dispatch's list of shop orders that wait for a location.
 *
 * The gate (server/edge/security/access-gate.ts, "shopSignature") reads the raw body and checks it: an
 * integration whose secret is not configured answers 404 `integration_off` (nothing at that
 * address accepts orders; a 503 would tell the platform to keep retrying something that is off),
 * a bad or missing signature is a 401 and nothing is stored. A body that is not an order is a 400.
 * An order with nothing to deliver (no shipping address) is a 200 `ignored`: a 4xx would make the
 * platform retry it for days.
 */
import type { IncomingMessage } from "node:http";
import type { z } from "zod";
import { mapShopifyOrder, mapWooOrder } from "../../../lib/domain/shop-orders";
import { ZLocateShopOrderRequest, ZShopifyOrder, ZWooOrder, type TShopOrder, type TShopWebhookAnswer } from "../../../lib/schemas/integrations";
import { geocodeAddress } from "../../features/geocode/geocode-address";
import { parseJsonBody, readJson } from "../../platform/http/read-body";
import { validate } from "../../platform/http/validate";
import { listShopOrdersNeedingLocation, locateShopOrder } from "../../features/integrations/locate-shop-order";
import { receiveShopOrder, type ShopOrderDeps } from "../../features/integrations/receive-shop-order";
import { recordOptOut } from "../../features/notifications/deliver-tracking-link";
import type { ShopGrant } from "../security/access-gate";
import type { ApiDeps, ApiRouter } from "./api-deps";

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

export function registerIntegrationRoutes(router: ApiRouter, deps: ApiDeps): void {
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

  /** One shop's webhook, its signature checked by the gate: a ping is answered, an order parsed, mapped and received. */
  const shopWebhook =
    (platform: { schema: z.ZodType; map: (order: never) => TShopOrder | null; shopHeader: string; deliveryHeader: string }) =>
    async ({ req, shop }: { req: IncomingMessage } & ShopGrant): Promise<{ status: number; body: TShopWebhookAnswer }> => {
      if (shop.isPing) return { status: 200, body: { outcome: "ping", shopOrderId: null, orderId: null } };
      const payload = validate(platform.schema, parseJsonBody(shop.raw));
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
      "POST /api/integrations/shopify/orders",
      shopWebhook({
        schema: ZShopifyOrder,
        map: mapShopifyOrder,
        shopHeader: "x-shopify-shop-domain",
        deliveryHeader: "x-shopify-webhook-id",
      }),
    )
    .on(
      "POST /api/integrations/woocommerce/orders",
      shopWebhook({
        schema: ZWooOrder,
        map: mapWooOrder,
        shopHeader: "x-wc-webhook-source",
        deliveryHeader: "x-wc-webhook-delivery-id",
      }),
    )
    // The link at the foot of a tracking-link email (docs/integrations.md): no more tracking links to
    // that address. A GET, so it works from any mail client; repeating it changes nothing.
    .on("GET /api/tracking-link/opt-out/:optOutToken", async ({ res, optOut }) => {
      await recordOptOut(deps.prisma, optOut);
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
      res.end(OPT_OUT_PAGE);
      return { status: 200, body: null };
    })
    .on("GET /api/admin/shop-orders", async () => {
      return { status: 200, body: await listShopOrdersNeedingLocation(deps) };
    })
    .on("POST /api/admin/shop-orders/:shopOrderId/location", async ({ req, params }) => {
      const input = validate(ZLocateShopOrderRequest, await readJson(req));
      return { status: 201, body: await locateShopOrder(shopDeps, params.shopOrderId ?? "", input) };
    });
}
