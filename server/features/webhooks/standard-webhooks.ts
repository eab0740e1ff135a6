/**
 * Webhook signatures by Standard Webhooks 1.0 (https://www.standardwebhooks.com;
 * docs/integrations.md "Webhooks"): `webhook-signature: v1,<base64 HMAC-SHA256>` over `<webhook-id>.<webhook-timestamp>.<raw body>`,
 * keyed with the base64-decoded part of the endpoint's `whsec_…` secret. Any Standard Webhooks
 * library verifies it (the tests use the `standardwebhooks` npm package).
 */
import { createHmac, randomBytes } from "node:crypto";
import { WEBHOOK_SECRET_PREFIX } from "../../../lib/domain/webhook-secret";

export const WEBHOOK_ID_HEADER = "webhook-id";
export const WEBHOOK_TIMESTAMP_HEADER = "webhook-timestamp";
export const WEBHOOK_SIGNATURE_HEADER = "webhook-signature";
const GENERATED_KEY_BYTES = 32;

/** A new endpoint secret: `whsec_` + base64 of 32 random bytes. */
export function generateWebhookSecret(): string {
  return `${WEBHOOK_SECRET_PREFIX}${randomBytes(GENERATED_KEY_BYTES).toString("base64")}`;
}

/** The HMAC key of a `whsec_…` secret (every stored secret has that form since the migration). */
export function webhookKeyOf(secret: string): Buffer {
  const encoded = secret.startsWith(WEBHOOK_SECRET_PREFIX) ? secret.slice(WEBHOOK_SECRET_PREFIX.length) : secret;
  return Buffer.from(encoded, "base64");
}

/** The `webhook-signature` value for one attempt. */
export function signWebhook(secret: string, webhookId: string, timestampSeconds: number, rawBody: string): string {
  const signature = createHmac("sha256", webhookKeyOf(secret)).update(`${webhookId}.${timestampSeconds}.`).update(rawBody).digest("base64");
  return `v1,${signature}`;
}
