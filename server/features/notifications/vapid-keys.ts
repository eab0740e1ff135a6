/**
 * The VAPID key pair that signs our web pushes (RFC 8292). Browsers bind a push subscription to
 * the public key, so it must outlive restarts: configured (VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY)
 * or generated on first start and kept in DATA_DIR/vapid-keys.json (0600), like the admin token.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import webpush from "web-push";
import { z } from "zod";

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  /** Who runs the push sender: a mailto: or https: URL push services may contact. */
  subject: string;
}

const ZStoredKeys = z.object({ publicKey: z.string().min(1), privateKey: z.string().min(1) });

/** Push services want an https: or mailto: contact; an http PUBLIC_URL (local set-ups) gets a placeholder address. */
export function defaultVapidSubject(publicUrl: string | undefined): string {
  return publicUrl?.startsWith("https://") ? publicUrl : "mailto:notifications@lastmile.invalid";
}

export function resolveVapidKeys(configured: { publicKey?: string; privateKey?: string; subject?: string }, dataDir: string, publicUrl: string | undefined): VapidKeys & { file: string | null } {
  const subject = configured.subject ?? defaultVapidSubject(publicUrl);
  if (configured.publicKey && configured.privateKey) return { publicKey: configured.publicKey, privateKey: configured.privateKey, subject, file: null };
  const file = path.join(dataDir, "vapid-keys.json");
  if (existsSync(file)) {
    const stored = ZStoredKeys.parse(JSON.parse(readFileSync(file, "utf8")));
    return { ...stored, subject, file };
  }
  const generated = webpush.generateVAPIDKeys();
  writeFileSync(file, `${JSON.stringify(generated)}\n`, { mode: 0o600 });
  return { ...generated, subject, file };
}
