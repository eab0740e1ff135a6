/**
 * A device cookie (OWASP's answer to lock-out abuse): a browser that signed in to an account
 * gets a signed cookie naming that account, and its later sign-ins to it are counted against the
 * device alone, so an attacker who locks the account, or shares the office's address, does not
 * lock out the people who use it. Signed with a key derived from ADMIN_TOKEN: nothing stored,
 * and a new ADMIN_TOKEN retires every device cookie with the sessions.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { readCookie } from "./sessions";

export const DEVICE_COOKIE = "lastmile_device";
const DEVICE_COOKIE_TTL_S = 180 * 24 * 3600;

const macOf = (adminToken: string, account: string, nonce: string) =>
  createHmac("sha256", createHmac("sha256", adminToken).update("lastmile-device-cookie").digest()).update(`${account}|${nonce}`).digest("base64url");

/** The device's id when the request carries a valid device cookie for `account`, else null. */
export function deviceOf(req: IncomingMessage, adminToken: string, account: string): string | null {
  const value = readCookie(req.headers.cookie, DEVICE_COOKIE);
  const [nonce, mac] = value?.split(".") ?? [];
  if (!nonce || !mac || nonce.length > 64) return null;
  const expected = Buffer.from(macOf(adminToken, account, nonce));
  const given = Buffer.from(mac);
  return given.length === expected.length && timingSafeEqual(given, expected) ? nonce : null;
}

/** A Set-Cookie for a browser that just signed in to `account` (its nonce kept when it had one). */
export function deviceCookie(req: IncomingMessage, adminToken: string, account: string, existingDevice: string | null): string {
  const nonce = existingDevice ?? randomBytes(16).toString("base64url");
  const secure = (req.socket as { encrypted?: boolean }).encrypted === true || req.headers["x-forwarded-proto"] === "https" ? "; Secure" : "";
  return `${DEVICE_COOKIE}=${nonce}.${macOf(adminToken, account, nonce)}; Path=/api/admin/session; HttpOnly; SameSite=Strict; Max-Age=${DEVICE_COOKIE_TTL_S}${secure}`;
}
