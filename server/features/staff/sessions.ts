/**
 * Admin sessions: a random token in an httpOnly cookie, only its SHA-256 in `staff_sessions`.
 * The CSRF token is an HMAC of the session token, so it needs no storage, differs per session
 * and cannot be computed by a page that cannot read the httpOnly cookie.
 */
import { createHmac, randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { PrismaClient } from "../../../generated/prisma/client";
import type { StaffRole } from "../../../lib/domain/staff-permissions";
import { generateToken, hashToken } from "../../platform/auth/tokens";

export const SESSION_COOKIE = "lastmile_admin";
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export interface StaffSessionInfo {
  sessionId: string;
  role: StaffRole;
  staff: { id: string; email: string; name: string } | null;
  expiresAt: Date;
}

export function csrfTokenFor(sessionToken: string): string {
  return createHmac("sha256", sessionToken).update("lastmile-csrf").digest("base64url");
}

/** Which ADMIN_TOKEN opened a session: an HMAC keyed by it, so the stored value reveals nothing. */
export function adminTokenFingerprint(adminToken: string): string {
  return createHmac("sha256", adminToken).update("lastmile-session-binding").digest("base64url");
}

/** Opens a session: a staff member's, or (staffId null) one opened with `adminToken`. */
export async function createSession(
  prisma: PrismaClient,
  input: { staffId: string; role: StaffRole } | { staffId: null; role: "admin"; adminToken: string },
): Promise<{ token: string; expiresAt: Date }> {
  const token = generateToken();
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  const secretFingerprint = input.staffId === null ? adminTokenFingerprint(input.adminToken) : null;
  await prisma.staffSession.create({ data: { id: randomUUID(), tokenHash: hashToken(token), staffId: input.staffId, secretFingerprint, role: input.role, expiresAt } });
  return { token, expiresAt };
}

/**
 * The live session behind a token. Expired sessions, and sessions opened with an ADMIN_TOKEN
 * that is no longer the configured one, are over: deleted when met.
 */
export async function findSession(prisma: PrismaClient, token: string, adminToken: string): Promise<StaffSessionInfo | null> {
  if (token.length > 200) return null;
  const session = await prisma.staffSession.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { staff: { select: { id: true, email: true, name: true, role: true } } },
  });
  if (!session) return null;
  const isOpenedWithOldToken = session.staffId === null && session.secretFingerprint !== adminTokenFingerprint(adminToken);
  if (isOpenedWithOldToken || session.expiresAt.getTime() <= Date.now()) {
    await prisma.staffSession.deleteMany({ where: { id: session.id } });
    return null;
  }
  // A staff member's current role wins over the one they signed in with (demotion takes effect at once).
  const role = session.staff ? session.staff.role : session.role;
  const staff = session.staff ? { id: session.staff.id, email: session.staff.email, name: session.staff.name } : null;
  return { sessionId: session.id, role, staff, expiresAt: session.expiresAt };
}

/** Ends every session opened with an ADMIN_TOKEN other than `adminToken` (at start-up, after a rotation). */
export async function endSessionsOfOldAdminTokens(prisma: PrismaClient, adminToken: string): Promise<number> {
  const { count } = await prisma.staffSession.deleteMany({ where: { staffId: null, NOT: { secretFingerprint: adminTokenFingerprint(adminToken) } } });
  return count;
}

export async function deleteSession(prisma: PrismaClient, token: string): Promise<void> {
  await prisma.staffSession.deleteMany({ where: { tokenHash: hashToken(token) } });
}

export function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index < 0) continue;
    if (part.slice(0, index).trim() === name) return part.slice(index + 1).trim() || null;
  }
  return null;
}

function isSecureRequest(req: IncomingMessage): boolean {
  return (req.socket as { encrypted?: boolean }).encrypted === true || req.headers["x-forwarded-proto"] === "https";
}

export function sessionCookie(req: IncomingMessage, token: string, expiresAt: Date): string {
  const secure = isSecureRequest(req) ? "; Secure" : "";
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Expires=${expiresAt.toUTCString()}${secure}`;
}

export function clearedSessionCookie(req: IncomingMessage): string {
  const secure = isSecureRequest(req) ? "; Secure" : "";
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Expires=Thu, 01 Jan 1970 00:00:00 GMT${secure}`;
}
