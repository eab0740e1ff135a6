/**
 * Who is calling the API: the ADMIN_TOKEN bearer (the contract), or a staff session cookie.
 * Resolved once per request before routing (a database read), so route guards stay synchronous.
 *
 * Cookie-authenticated writes must also prove they come from our own page: an X-CSRF-Token
 * header matching the session, and an Origin (when the browser sends one) equal to our Host.
 * Bearer requests need neither: a browser never attaches a bearer token on its own.
 */
import type { IncomingMessage } from "node:http";
import type { PrismaClient } from "../../../generated/prisma/client";
import type { StaffRole } from "../../../lib/domain/staff-permissions";
import { bearerToken, tokensEqual } from "../../platform/auth/tokens";
import { csrfTokenFor, findSession, readCookie, SESSION_COOKIE, type StaffSessionInfo } from "./sessions";

export type Principal =
  | { kind: "admin-token"; role: "admin" }
  | { kind: "session"; role: StaffRole; session: StaffSessionInfo; token: string }
  /** A valid session cookie on a write that failed the CSRF checks. */
  | { kind: "csrf-failed"; reason: string };

const principals = new WeakMap<IncomingMessage, Principal>();
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function principalOf(req: IncomingMessage): Principal | null {
  return principals.get(req) ?? null;
}

/** True when `origin` (an Origin header) names the host the request was sent to. */
export function isSameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export async function resolvePrincipal(req: IncomingMessage, prisma: PrismaClient, adminToken: string): Promise<Principal | null> {
  const bearer = bearerToken(req.headers.authorization);
  if (bearer !== null && tokensEqual(bearer, adminToken)) {
    const principal: Principal = { kind: "admin-token", role: "admin" };
    principals.set(req, principal);
    return principal;
  }
  const token = readCookie(req.headers.cookie, SESSION_COOKIE);
  if (!token) return null;
  const session = await findSession(prisma, token, adminToken);
  if (!session) return null;
  let principal: Principal = { kind: "session", role: session.role, session, token };
  if (!SAFE_METHODS.has(req.method ?? "GET")) {
    const header = req.headers["x-csrf-token"];
    if (!isSameOrigin(req.headers.origin, req.headers.host)) principal = { kind: "csrf-failed", reason: "cross-origin request refused" };
    else if (typeof header !== "string" || !tokensEqual(header, csrfTokenFor(token))) principal = { kind: "csrf-failed", reason: "missing or invalid X-CSRF-Token header" };
  }
  principals.set(req, principal);
  return principal;
}
