import type { IncomingMessage } from "node:http";
import type { PrismaClient } from "../../generated/prisma/client";
import { unauthorized } from "../http/api-error";
import { principalOf } from "../staff/request-principal";
import { requireStaff } from "../staff/require-staff";
import { bearerToken, hashToken, tokensEqual } from "./tokens";

/**
 * The admin bearer token (the contract), or a staff session resolved before routing
 * (server/staff/request-principal.ts): reads need the `view` permission, writes `dispatch`.
 */
export function requireAdmin(req: IncomingMessage, adminToken: string): void {
  const token = bearerToken(req.headers.authorization);
  if (token && tokensEqual(token, adminToken)) return;
  if (!principalOf(req)) throw unauthorized("admin bearer token required");
  requireStaff(req, req.method === "GET" || req.method === "HEAD" ? "view" : "dispatch");
}

/** The driver behind `Authorization: Bearer <driver token>`; a revoked token no longer matches any hash. */
export async function requireDriver(req: IncomingMessage, prisma: PrismaClient): Promise<{ id: string; name: string }> {
  const token = bearerToken(req.headers.authorization);
  if (!token) throw unauthorized("driver bearer token required");
  const driver = await prisma.driver.findUnique({ where: { tokenHash: hashToken(token) }, select: { id: true, name: true } });
  if (!driver) throw unauthorized("unknown or revoked driver token");
  return driver;
}
