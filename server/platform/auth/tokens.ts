import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** 32 random bytes, URL-safe: unguessable, so a plain SHA-256 is enough to store it safely. */
export function generateToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The last `b` of tokensEqual and its digest: it is the admin token on every API request. */
let knownSecret: { token: string; digest: Buffer } | null = null;

export function tokensEqual(a: string, b: string): boolean {
  if (knownSecret?.token !== b) knownSecret = { token: b, digest: Buffer.from(hashToken(b), "hex") };
  return timingSafeEqual(Buffer.from(hashToken(a), "hex"), knownSecret.digest);
}

export function bearerToken(authorization: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  return match?.[1] ?? null;
}
