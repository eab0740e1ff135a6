/**
 * Shopify (`X-Shopify-Hmac-Sha256`) and WooCommerce (`X-WC-Webhook-Signature`) sign a webhook the
 * same way: the base64 HMAC-SHA256 of the raw body with the webhook's secret. Checked on the exact
 * bytes received (never a re-serialised parse), in constant time.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export function shopSignature(rawBody: Buffer | string, secret: string): string {
  return createHmac("sha256", secret).update(rawBody).digest("base64");
}

export function isValidShopSignature(rawBody: Buffer, header: string | string[] | undefined, secret: string): boolean {
  if (typeof header !== "string" || header.length === 0 || header.length > 128) return false;
  const expected = Buffer.from(shopSignature(rawBody, secret), "utf8");
  const given = Buffer.from(header.trim(), "utf8");
  // Lengths differ only for a malformed header: the length of a base64 SHA-256 is public.
  return given.length === expected.length && timingSafeEqual(given, expected);
}
