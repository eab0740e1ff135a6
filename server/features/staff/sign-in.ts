import type { PrismaClient } from "../../../generated/prisma/client";
import type { TSignInRequest } from "../../../lib/schemas/admin";
import type { StaffRole } from "../../../lib/domain/staff-permissions";
import { tokensEqual } from "../../platform/auth/tokens";
import { NotSignedIn } from "../../platform/domain-errors";
import { DUMMY_HASH_PROMISE, verifyPassword } from "./password";
import { createSession } from "./sessions";

/** Checks the credentials and opens a session; one vague error for every failure. */
export async function signIn(prisma: PrismaClient, adminToken: string, input: TSignInRequest): Promise<{ token: string; expiresAt: Date; role: StaffRole }> {
  if ("adminToken" in input) {
    if (!tokensEqual(input.adminToken, adminToken)) throw new NotSignedIn("wrong admin password");
    return { ...(await createSession(prisma, { staffId: null, role: "admin", adminToken })), role: "admin" };
  }
  const account = await prisma.staffAccount.findUnique({ where: { email: input.email } });
  // Hash even for an unknown email, so the reply time does not reveal which emails exist.
  const isValid = await verifyPassword(input.password, account?.passwordHash ?? (await DUMMY_HASH_PROMISE));
  if (!account || !isValid) throw new NotSignedIn("wrong email or password");
  return { ...(await createSession(prisma, { staffId: account.id, role: account.role })), role: account.role };
}
