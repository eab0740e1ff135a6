/**
 * Shapes of the shop integrations (docs/integrations.md "Shopify", "WooCommerce"): what Lastmile
 * reads of Shopify's `orders/create` and WooCommerce's `order.created` webhook bodies (every other
 * field passes through unread), the order a shop's webhook maps to, and the admin API of the
 * orders waiting for a location. Types are inferred, never written twice.
 */
import { z } from "zod";
import { ZLatitude, ZLongitude } from "./api";

/** A shop order webhook body is a few kilobytes; a large order's line items stay far below this. */
export const MAX_SHOP_WEBHOOK_BODY_BYTES = 512 * 1024;

/** A text field a platform may send as null, absent or empty: all three mean "not given". */
const ZOptionalText = z
  .string()
  .nullish()
  .transform((text) => (text && text.trim() ? text.trim() : null));
/** Shopify sends coordinates as numbers (or null); some apps as strings. */
const ZOptionalCoordinate = z.union([z.number(), z.string(), z.null()]).optional();

export const ZShopifyAddress = z.looseObject({
  name: ZOptionalText,
  first_name: ZOptionalText,
  last_name: ZOptionalText,
  company: ZOptionalText,
  address1: ZOptionalText,
  address2: ZOptionalText,
  city: ZOptionalText,
  zip: ZOptionalText,
  province: ZOptionalText,
  country: ZOptionalText,
  phone: ZOptionalText,
  latitude: ZOptionalCoordinate,
  longitude: ZOptionalCoordinate,
});

/** Shopify's order (REST Admin API shape, as `orders/create` delivers it). */
export const ZShopifyOrder = z.looseObject({
  /** Not `.int()`: zod refuses integers past 2^53, and Shopify ids are past it. */
  id: z.union([z.number().positive(), z.string().regex(/^\d{1,25}$/)]),
  /** `gid://shopify/Order/<id>`: the id as text (the numeric id can exceed 2^53 and lose digits in JSON.parse). */
  admin_graphql_api_id: ZOptionalText,
  name: ZOptionalText,
  order_number: z.union([z.number(), z.string()]).nullish(),
  email: ZOptionalText,
  contact_email: ZOptionalText,
  /** The language the customer shopped in ("en", "es-ES"): the tracking link's message follows it. */
  customer_locale: ZOptionalText,
  phone: ZOptionalText,
  shipping_address: ZShopifyAddress.nullish(),
  customer: z.looseObject({ first_name: ZOptionalText, last_name: ZOptionalText, email: ZOptionalText, phone: ZOptionalText }).nullish(),
});
export type TShopifyOrder = z.infer<typeof ZShopifyOrder>;

const ZWooAddress = z.looseObject({
  first_name: ZOptionalText,
  last_name: ZOptionalText,
  company: ZOptionalText,
  address_1: ZOptionalText,
  address_2: ZOptionalText,
  city: ZOptionalText,
  state: ZOptionalText,
  postcode: ZOptionalText,
  country: ZOptionalText,
  email: ZOptionalText,
  phone: ZOptionalText,
});

/** WooCommerce's order (REST API v3 shape: an order webhook's body "is exactly the same"). */
export const ZWooOrder = z.looseObject({
  id: z.number().int().positive(),
  number: z.union([z.string(), z.number()]).nullish(),
  billing: ZWooAddress.nullish(),
  shipping: ZWooAddress.nullish(),
});
export type TWooOrder = z.infer<typeof ZWooOrder>;

export const SHOP_SOURCES = ["shopify", "woocommerce"] as const;
export const ZShopSource = z.enum(SHOP_SOURCES);
export type TShopSource = z.infer<typeof ZShopSource>;

/** What a shop's order becomes in Lastmile (lib/domain/shop-orders.ts maps each platform's body to it). */
export const ZShopOrder = z.object({
  source: ZShopSource,
  /** The platform's own id of the order (redeliveries and later topics carry the same). */
  shopOrderId: z.string().min(1).max(100),
  /** What the shop calls the order and shows its customer: "#1001" (Shopify), "727" (WooCommerce). */
  orderNumber: z.string().min(1).max(64).nullable(),
  customerName: z.string().min(1).max(200),
  address: z.string().min(1).max(500),
  customerPhone: z.string().max(40).nullable(),
  customerEmail: z.string().max(254).nullable(),
  /** The language of messages to the customer. */
  locale: z.enum(["en", "es"]),
  /** Coordinates of the shipping address when the platform sends them (Shopify may). */
  lat: ZLatitude.nullable(),
  lng: ZLongitude.nullable(),
});
export type TShopOrder = z.infer<typeof ZShopOrder>;

/** One order of the "needs a location" list (`GET /api/admin/shop-orders`). */
export const ZPendingShopOrder = z.object({
  id: z.string(),
  source: ZShopSource,
  shop: z.string().nullable(),
  orderNumber: z.string().nullable(),
  customerName: z.string(),
  address: z.string(),
  receivedAt: z.string(),
});
export type TPendingShopOrder = z.infer<typeof ZPendingShopOrder>;
export const ZPendingShopOrderList = z.array(ZPendingShopOrder);

/** `POST /api/admin/shop-orders/<id>/location`: dispatch places a waiting order; the real order is created. */
export const ZLocateShopOrderRequest = z.object({ lat: ZLatitude, lng: ZLongitude }).strict();
export type TLocateShopOrderRequest = z.infer<typeof ZLocateShopOrderRequest>;

/** What a shop webhook answers (200): the order made, waiting for a location, a redelivery, or nothing to deliver. */
export const ZShopWebhookAnswer = z.object({
  outcome: z.enum(["created", "needs_location", "duplicate", "ignored", "ping"]),
  shopOrderId: z.string().nullable(),
  orderId: z.string().nullable(),
});
export type TShopWebhookAnswer = z.infer<typeof ZShopWebhookAnswer>;
