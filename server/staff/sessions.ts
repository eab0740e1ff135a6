/**
 * Admin sessions: a random token in an httpOnly cookie, only its SHA-256 in `staff_sessions`.
 * The CSRF token is an HMAC of the session token, so it needs no storage, differs per session
 * and cannot be computed by a page that cannot read the httpOnly cookie.
 */
import { createHmac, randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { PrismaClient } from "../../generated/prisma/client";
import type { StaffRole } from "../../lib/domain/staff-permissions";
import { generateToken, hashToken } from "../auth/tokens";

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

export async function createSession(prisma: PrismaClient, input: { staffId: string | null; role: StaffRole }): Promise<{ token: string; expiresAt: Date }> {
  const token = generateToken();
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await prisma.staffSession.create({ data: { id: randomUUID(), tokenHash: hashToken(token), staffId: input.staffId, role: input.role, expiresAt } });
  return { token, expiresAt };
}

/** The live session behind a token; expired sessions are deleted when met. */
export async function findSession(prisma: PrismaClient, token: string): Promise<StaffSessionInfo | null> {
  if (token.length > 200) return null;
  const session = await prisma.staffSession.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { staff: { select: { id: true, email: true, name: true, role: true } } },
  });
  if (!session) return null;
  if (session.expiresAt.getTime() <= Date.now()) {
    await prisma.staffSession.deleteMany({ where: { id: session.id } });
    return null;
  }
  // A staff member's current role wins over the one they signed in with (demotion takes effect at once).
  const role = session.staff ? session.staff.role : session.role;
  const staff = session.staff ? { id: session.staff.id, email: session.staff.email, name: session.staff.name } : null;
  return { sessionId: session.id, role, staff, expiresAt: session.expiresAt };
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
