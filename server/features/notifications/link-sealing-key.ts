/**
 * The key that seals tracking links in notification subscriptions (link-sealing.ts): configured
 * (LINK_SEALING_KEY, 32 bytes in base64url) or generated on first start and kept in
 * DATA_DIR/link-sealing-key (0600), like the admin token and the VAPID keys. Never in the
 * database: that is the point. Every process of a deployment must use the same key (a link
 * sealed by one is sent by whichever process handles the event), and losing it loses the links
 * of the subscriptions open at that moment (their notifications then fail; nothing else does).
 */
import { randomBytes } from "node:crypto";
import { existsSync, linkSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { LINK_SEALING_KEY_BYTES } from "./link-sealing";

export const LINK_SEALING_KEY_HELP = `32 random bytes in base64url (node -e "console.log(crypto.randomBytes(32).toString('base64url'))")`;

/** The key's bytes, or null when `text` is not 32 bytes of base64url (a trailing `=` allowed) or not random-looking. */
export function parseLinkSealingKey(text: string): Buffer | null {
  if (!/^[A-Za-z0-9_-]{43}=?$/.test(text)) return null;
  const key = Buffer.from(text, "base64url");
  if (key.length !== LINK_SEALING_KEY_BYTES) return null;
  // One byte repeated (AAAA…, ____…) is a placeholder, not a key.
  if (key.every((byte) => byte === key[0])) return null;
  return key;
}

export function resolveLinkSealingKey(configured: string | undefined, dataDir: string): { key: Buffer; file: string | null } {
  if (configured) {
    const key = parseLinkSealingKey(configured);
    if (!key) throw new Error(`LINK_SEALING_KEY must be ${LINK_SEALING_KEY_HELP}`);
    return { key, file: null };
  }
  const file = path.join(dataDir, "link-sealing-key");
  if (!existsSync(file)) createKeyFile(file);
  const key = parseLinkSealingKey(readFileSync(file, "utf8").trim());
  if (!key)
    throw new Error(
      `${file} does not hold a link sealing key (${LINK_SEALING_KEY_HELP}); restore it from a backup, or remove it to start with a new one (open subscriptions then get no notifications)`,
    );
  return { key, file };
}

/**
 * Written whole to a temp file, then linked into place: link() fails if the file exists, so two
 * processes starting together on one DATA_DIR both end up reading the same, complete key.
 */
function createKeyFile(file: string): void {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  writeFileSync(temp, `${randomBytes(LINK_SEALING_KEY_BYTES).toString("base64url")}\n`, { mode: 0o600 });
  try {
    linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    rmSync(temp, { force: true });
  }
}
