/**
 * Maps a shop's order webhook body to a Lastmile order (docs/integrations.md "Shopify",
 * "WooCommerce"). Pure: no framework imports; the bodies are already parsed by
 * lib/schemas/integrations.ts, which reads only the fields used here.
 *
 * An order with nothing to deliver (no shipping address: a pickup, a digital product) maps to
 * `null`: the webhook answers 200 and creates nothing, since a 4xx would make the platform retry
 * an order that can never become a delivery (and Shopify removes a subscription that keeps failing).
 */
import type { TShopifyOrder, TShopOrder, TWooOrder } from "../schemas/integrations";

const MAX_NAME = 200;
const MAX_ADDRESS = 500;

function joinParts(parts: readonly (string | null | undefined)[], separator: string): string {
  return parts.filter((part): part is string => Boolean(part)).join(separator);
}

function clip(text: string | null, max: number): string | null {
  return text === null ? null : text.slice(0, max);
}

/** A coordinate pair only when both are finite numbers in range (Shopify sends null when it has none; 0,0 is "none" too). */
export function coordinatesOf(latitude: unknown, longitude: unknown): { lat: number; lng: number } | null {
  const lat = typeof latitude === "string" && latitude.trim() ? Number(latitude) : latitude;
  const lng = typeof longitude === "string" && longitude.trim() ? Number(longitude) : longitude;
  if (typeof lat !== "number" || typeof lng !== "number" || !Number.isFinite(lat) || !Number.isFinite(lng)) return null;
  if (Math.abs(lat) > 90 || Math.abs(lng) > 180 || (lat === 0 && lng === 0)) return null;
  return { lat, lng };
}

/** A phone number as given, or null when it holds no digit ("555-555-SHIP" keeps its digits: E.164 is checked where SMS is sent). */
function phoneOrNull(phone: string | null | undefined): string | null {
  return phone && /\d/.test(phone) ? phone.slice(0, 40) : null;
}

/** An email address as given, or null when it is not one (the platform validated it; this only guards the column). */
function emailOrNull(email: string | null | undefined): string | null {
  return email && /^[^\s@]+@[^\s@]+$/.test(email) && email.length <= 254 ? email : null;
}

/** The Shopify order's id as text: from `admin_graphql_api_id` when present (exact), else `id`. */
export function shopifyOrderId(order: TShopifyOrder): string {
  const fromGid = order.admin_graphql_api_id ? /^gid:\/\/shopify\/Order\/(\d+)$/.exec(order.admin_graphql_api_id)?.[1] : undefined;
  return fromGid ?? String(order.id);
}

export function mapShopifyOrder(order: TShopifyOrder): TShopOrder | null {
  const ship = order.shipping_address;
  if (!ship?.address1 && !ship?.address2) return null;
  const street = joinParts([ship.address1, ship.address2], " ");
  const town = joinParts([ship.zip, ship.city], " ");
  const address = joinParts([street, town, ship.province, ship.country], ", ");
  const name = ship.name ?? joinParts([ship.first_name, ship.last_name], " ");
  const customerName = name || joinParts([order.customer?.first_name, order.customer?.last_name], " ") || ship.company || "Customer";
  const orderNumber = order.name ?? (order.order_number === null || order.order_number === undefined ? null : String(order.order_number));
  const at = coordinatesOf(ship.latitude, ship.longitude);
  return {
    source: "shopify",
    shopOrderId: shopifyOrderId(order),
    orderNumber: clip(orderNumber, 64),
    customerName: customerName.slice(0, MAX_NAME),
    address: address.slice(0, MAX_ADDRESS),
    customerPhone: phoneOrNull(ship.phone ?? order.phone ?? order.customer?.phone),
    customerEmail: emailOrNull(order.email ?? order.contact_email ?? order.customer?.email),
    locale: order.customer_locale?.toLowerCase().startsWith("es") ? "es" : "en",
    lat: at?.lat ?? null,
    lng: at?.lng ?? null,
  };
}

export function mapWooOrder(order: TWooOrder): TShopOrder | null {
  const shipping = order.shipping;
  const billing = order.billing;
  // An order shipped to its billing address may leave `shipping` empty (WooCommerce's "ship to a different address" unticked).
  const hasShipping = Boolean(shipping?.address_1 || shipping?.address_2);
  const to = hasShipping ? shipping : billing;
  if (!to?.address_1 && !to?.address_2) return null;
  const street = joinParts([to.address_1, to.address_2], " ");
  const town = joinParts([to.postcode, to.city], " ");
  const address = joinParts([street, town, to.state, to.country], ", ");
  const customerName = joinParts([to.first_name, to.last_name], " ") || to.company || joinParts([billing?.first_name, billing?.last_name], " ") || "Customer";
  const orderNumber = order.number === null || order.number === undefined || order.number === "" ? String(order.id) : String(order.number);
  return {
    source: "woocommerce",
    shopOrderId: String(order.id),
    orderNumber: clip(orderNumber, 64),
    customerName: customerName.slice(0, MAX_NAME),
    address: address.slice(0, MAX_ADDRESS),
    customerPhone: phoneOrNull(to.phone ?? billing?.phone),
    customerEmail: emailOrNull(billing?.email ?? to.email),
    locale: "en",
    lat: null,
    lng: null,
  };
}

/** Whether a WooCommerce delivery is the ping it sends when a webhook is created or saved (`webhook_id=<id>`, form-encoded). */
export function isWooPing(rawBody: string): boolean {
  return /^webhook_id=\d{1,20}$/.test(rawBody.trim());
}
