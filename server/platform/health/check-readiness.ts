import type { NatsConnection } from "@nats-io/transport-node";
import type { PrismaClient } from "../../../generated/prisma/client";
import { withTimeout } from "../async/deadlines";

export interface Readiness {
  isReady: boolean;
  checks: Record<string, { ok: boolean; detail?: string }>;
}

const CHECK_TIMEOUT_MS = 2_000;

/** Anyone may ask: the answer names what failed, never an error message (it may carry hosts or credentials). */
async function check(work: () => Promise<unknown>, what: string): Promise<{ ok: boolean; detail?: string }> {
  try {
    await withTimeout(work(), CHECK_TIMEOUT_MS, what);
    return { ok: true };
  } catch {
    return { ok: false, detail: `${what} is unreachable or did not answer within ${CHECK_TIMEOUT_MS} ms` };
  }
}

/**
 * What a load balancer asks before sending traffic here (`/readyz`): the database answers and
 * the NATS connection round-trips. Liveness (`/healthz`) asks nothing of them: a process waiting
 * for its database is alive, and restarting it would not help.
 */
export async function checkReadiness(deps: { prisma: PrismaClient; nc: Pick<NatsConnection, "isClosed" | "flush"> }): Promise<Readiness> {
  const [database, nats] = await Promise.all([
    check(() => deps.prisma.$queryRaw`SELECT 1`, "the database"),
    check(() => (deps.nc.isClosed() ? Promise.reject(new Error("the NATS connection is closed")) : deps.nc.flush()), "NATS"),
  ]);
  return { isReady: database.ok && nats.ok, checks: { database, nats } };
}
