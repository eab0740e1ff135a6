import type { CoreDeps } from "../../deps";
import { DRIVER_REVOKED_SUBJECT, noteRevocation } from "../../platform/auth/driver-token-cache";
import { generateToken, hashToken } from "../../platform/auth/tokens";
import { DriverNotFound } from "../../platform/domain-errors";
import type { TRevokedDriverToken } from "../../../lib/schemas/driver";

/**
 * Revokes a driver's bearer token and issues a new one for the admin to hand over. The old
 * token is a 401 from the moment this resolves, in this process at once and in every other
 * process as soon as the NATS message arrives (see driver-token-cache.ts).
 */
export async function revokeDriverToken(deps: Pick<CoreDeps, "prisma" | "nc">, driverId: string): Promise<TRevokedDriverToken> {
  const token = generateToken();
  const updated = await deps.prisma.driver.updateMany({ where: { id: driverId }, data: { tokenHash: hashToken(token) } });
  if (updated.count === 0) throw new DriverNotFound(driverId, `no driver ${driverId}`);
  noteRevocation(driverId);
  if (!deps.nc.isClosed()) {
    deps.nc.publish(DRIVER_REVOKED_SUBJECT, driverId);
    // Out of our buffer before we answer, so other processes hear it as soon as possible.
    await deps.nc.flush().catch(() => undefined);
  }
  return { driverId, token };
}
