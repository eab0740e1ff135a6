/**
 * Webhook secrets in the Standard Webhooks form: `whsec_` + standard base64 of the key, 24 to 64
 * random bytes. Pure: no framework imports (the server generates them: create-webhook.ts).
 */
export const WEBHOOK_SECRET_PREFIX = "whsec_";
export const WEBHOOK_KEY_MIN_BYTES = 24;
export const WEBHOOK_KEY_MAX_BYTES = 64;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** How many bytes a well-formed standard base64 text decodes to. */
function decodedLength(base64: string): number {
  const padding = base64.endsWith("==") ? 2 : base64.endsWith("=") ? 1 : 0;
  return (base64.length / 4) * 3 - padding;
}

/** Why a secret given at registration is refused, or null when it is fine. */
export function webhookSecretProblem(secret: string): string | null {
  if (!secret.startsWith(WEBHOOK_SECRET_PREFIX)) return `a webhook secret starts with ${WEBHOOK_SECRET_PREFIX} (Standard Webhooks); leave it out to have one generated`;
  const key = secret.slice(WEBHOOK_SECRET_PREFIX.length);
  if (!key || !BASE64.test(key)) return `after ${WEBHOOK_SECRET_PREFIX} comes the key in standard base64 (A–Z, a–z, 0–9, +, /, = padding)`;
  const bytes = decodedLength(key);
  if (bytes < WEBHOOK_KEY_MIN_BYTES || bytes > WEBHOOK_KEY_MAX_BYTES) return `the key is ${bytes} bytes; use ${WEBHOOK_KEY_MIN_BYTES} to ${WEBHOOK_KEY_MAX_BYTES} random bytes`;
  return null;
}
