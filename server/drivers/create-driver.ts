import { randomUUID } from "node:crypto";
import type { TCreateDriverRequest } from "../../lib/schemas/api";
import { generateToken, hashToken } from "../auth/tokens";
import { conflict } from "../http/api-error";
import type { CoreDeps } from "../deps";

export interface CreatedDriver {
  id: string;
  name: string;
  trackerId: string | null;
  /** The driver's bearer token: returned once, stored only as a hash. */
  token: string;
  createdAt: string;
}

export async function createDriver(deps: Pick<CoreDeps, "prisma">, input: TCreateDriverRequest): Promise<CreatedDriver> {
  const token = generateToken();
  if (input.trackerId) {
    const taken = await deps.prisma.driver.findUnique({ where: { trackerId: input.trackerId }, select: { id: true } });
    if (taken) throw conflict("tracker_id_taken", `trackerId "${input.trackerId}" already belongs to another driver`);
  }
  const driver = await deps.prisma.driver.create({
    data: { id: randomUUID(), name: input.name, trackerId: input.trackerId ?? null, tokenHash: hashToken(token) },
  });
  return { id: driver.id, name: driver.name, trackerId: driver.trackerId, token, createdAt: driver.createdAt.toISOString() };
}
