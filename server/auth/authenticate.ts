import type { IncomingMessage } from "node:http";
import type { PrismaClient } from "../../generated/prisma/client";
import { unauthorized } from "../http/api-error";
import { bearerToken, hashToken, tokensEqual } from "./tokens";

export function requireAdmin(req: IncomingMessage, adminToken: string): void {
  const token = bearerToken(req.headers.authorization);
  if (!token || !tokensEqual(token, adminToken)) throw unauthorized("admin bearer token required");
}

/** The driver behind `Authorization: Bearer <driver token>`; a revoked token no longer matches any hash. */
export async function requireDriver(req: IncomingMessage, prisma: PrismaClient): Promise<{ id: string; name: string }> {
  const token = bearerToken(req.headers.authorization);
  if (!token) throw unauthorized("driver bearer token required");
  const driver = await prisma.driver.findUnique({ where: { tokenHash: hashToken(token) }, select: { id: true, name: true } });
  if (!driver) throw unauthorized("unknown or revoked driver token");
  return driver;
}
