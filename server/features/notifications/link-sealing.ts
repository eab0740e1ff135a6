/**
 * Tracking tokens a notification subscription must send again later, SEALED for the database:
 * AES-256-GCM under a key that is never stored there (LINK_SEALING_KEY, or DATA_DIR's
 * link-sealing-key: link-sealing-key.ts). Everywhere else a tracking token is kept as a hash,
 * which cannot be turned back into a link; a sealed one can, by the key's holder only. A copy
 * of the database (a backup, a leaked dump, a local reader) shows no working link.
 *
 * `v1.` + base64url(12-byte IV ‖ ciphertext ‖ 16-byte tag). The order's id is the additional
 * data: a sealed link moved to another order's row does not open.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

export const LINK_SEALING_KEY_BYTES = 32;
const VERSION = "v1.";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface LinkSealer {
  seal(token: string, orderId: string): string;
  /** The token, or null when the value was not sealed by this key for this order (tampered, another key, not sealed). */
  open(sealed: string, orderId: string): string | null;
}

export function createLinkSealer(key: Buffer): LinkSealer {
  if (key.length !== LINK_SEALING_KEY_BYTES) throw new Error(`a link sealing key is ${LINK_SEALING_KEY_BYTES} bytes, not ${key.length}`);
  return {
    seal(token, orderId) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", key, iv).setAAD(Buffer.from(orderId, "utf8"));
      const sealed = Buffer.concat([iv, cipher.update(token, "utf8"), cipher.final(), cipher.getAuthTag()]);
      return VERSION + sealed.toString("base64url");
    },
    open(sealed, orderId) {
      if (!sealed.startsWith(VERSION)) return null;
      const bytes = Buffer.from(sealed.slice(VERSION.length), "base64url");
      if (bytes.length < IV_BYTES + TAG_BYTES) return null;
      const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES })
        .setAAD(Buffer.from(orderId, "utf8"))
        .setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
      try {
        return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]).toString("utf8");
      } catch {
        return null;
      }
    },
  };
}
