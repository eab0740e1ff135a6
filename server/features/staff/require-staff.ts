import type { IncomingMessage } from "node:http";
import { can, type StaffPermission } from "../../../lib/domain/staff-permissions";
import { Forbidden, NotSignedIn } from "../../platform/domain-errors";
import { principalOf, type Principal } from "./request-principal";

export type SignedIn = Exclude<Principal, { kind: "csrf-failed" }>;

/** The caller, when signed in (bearer or session) with `permission`; 401, or 403 otherwise. */
export function requireStaff(req: IncomingMessage, permission: StaffPermission): SignedIn {
  const principal = principalOf(req);
  if (!principal) throw new NotSignedIn("sign in, or send the admin bearer token");
  if (principal.kind === "csrf-failed") throw new Forbidden(principal.reason, "csrf_failed");
  if (!can(principal.role, permission)) throw new Forbidden(`the ${principal.role} role may not do this (${permission})`);
  return principal;
}
