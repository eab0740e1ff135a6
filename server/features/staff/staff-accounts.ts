import { randomUUID } from "node:crypto";
import type { TCreateStaffRequest } from "../../../lib/schemas/admin";
import { orConflict } from "../../platform/db/unique-violation";
import { AlreadyTaken, StaffAccountNotFound } from "../../platform/domain-errors";
import type { CoreDeps } from "../../deps";
import { hashPassword } from "./password";

export interface StaffAccountSummary {
  id: string;
  email: string;
  name: string;
  role: string;
  createdAt: string;
}

const summary = (account: { id: string; email: string; name: string; role: string; createdAt: Date }): StaffAccountSummary => ({
  id: account.id,
  email: account.email,
  name: account.name,
  role: account.role,
  createdAt: account.createdAt.toISOString(),
});

export async function createStaffAccount(deps: Pick<CoreDeps, "prisma">, input: TCreateStaffRequest): Promise<StaffAccountSummary> {
  const passwordHash = await hashPassword(input.password);
  // The unique index decides (two simultaneous requests for one email both find it free).
  const account = await orConflict(
    () => deps.prisma.staffAccount.create({ data: { id: randomUUID(), email: input.email, name: input.name, role: input.role, passwordHash } }),
    () => new AlreadyTaken("email_taken", `a staff account with email ${input.email} already exists`),
  );
  return summary(account);
}

export async function listStaffAccounts(deps: Pick<CoreDeps, "prisma">): Promise<StaffAccountSummary[]> {
  const accounts = await deps.prisma.staffAccount.findMany({ orderBy: { email: "asc" } });
  return accounts.map(summary);
}

/** Removes the account and, by cascade, signs out all its sessions. */
export async function deleteStaffAccount(deps: Pick<CoreDeps, "prisma">, id: string): Promise<void> {
  const { count } = await deps.prisma.staffAccount.deleteMany({ where: { id } });
  if (count === 0) throw new StaffAccountNotFound(id);
}
