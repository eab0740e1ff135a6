import type { IncomingMessage } from "node:http";
import { NotSignedIn } from "../domain-errors";
import { principalOf } from "../staff/request-principal";
import { requireStaff } from "../staff/require-staff";
import { bearerToken, tokensEqual } from "./tokens";

/**
 * The admin bearer token (the contract), or a staff session resolved before routing
 * (server/staff/request-principal.ts): reads need the `view` permission, writes `dispatch`.
 */
export function requireAdmin(req: IncomingMessage, adminToken: string): void {
  const token = bearerToken(req.headers.authorization);
  if (token && tokensEqual(token, adminToken)) return;
  if (!principalOf(req)) throw new NotSignedIn("admin bearer token required");
  requireStaff(req, req.method === "GET" || req.method === "HEAD" ? "view" : "dispatch");
}
