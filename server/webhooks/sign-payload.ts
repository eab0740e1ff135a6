/**
 * Webhook signatures (documented in README "Webhooks"): HMAC-SHA256 with the webhook's secret
 * over `<timestamp>.<raw body>`, sent as `X-Lastmile-Signature: sha256=<hex>` with the
 * timestamp (unix seconds) in `X-Lastmile-Timestamp`. Signing the timestamp too means a
 * captured request cannot be replayed later with a fresh timestamp.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "X-Lastmile-Signature";
export const TIMESTAMP_HEADER = "X-Lastmile-Timestamp";
export const EVENT_HEADER = "X-Lastmile-Event";
export const DELIVERY_HEADER = "X-Lastmile-Delivery";
/** How old a timestamp a receiver should accept; the advice in the README. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export function signatureOf(secret: string, timestamp: number, rawBody: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest("hex")}`;
}

/** What a receiver does (and the tests do): recompute, compare in constant time, check the age. */
export function isValidSignature(input: { secret: string; rawBody: string; signature: string | undefined; timestamp: string | undefined; nowSeconds?: number }): boolean {
  const timestamp = Number(input.timestamp);
  if (!input.signature || !Number.isInteger(timestamp)) return false;
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > SIGNATURE_TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(signatureOf(input.secret, timestamp, input.rawBody));
  const actual = Buffer.from(input.signature);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
