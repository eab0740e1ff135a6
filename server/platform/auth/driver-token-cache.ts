/**
 * Driver bearer tokens resolved from memory on the hot ingest path, with revocation that
 * still takes effect at once.
 *
 * - In this process: `noteRevocation()` bumps a per-driver epoch synchronously, before the
 *   revoke call returns, and every cache entry older than its driver's epoch is ignored. A
 *   lookup that raced the revocation (read the old hash, then the revoke committed) carries the
 *   epoch it started at, so its result is never cached as valid.
 * - In other processes: the revoke publishes on a core NATS subject that every cache listens
 *   to. While NATS is disconnected a cache cannot hear revocations, so it empties itself on
 *   every disconnect/reconnect; a driver's writes need NATS anyway, so no stale entry can
 *   let a write through.
 * - A TTL bounds anything else (a missed message on a flapping link).
 */
import type { NatsConnection } from "@nats-io/transport-node";
import type { PrismaClient } from "../../../generated/prisma/client";
import { onConnectionStatus } from "../backbone/connection-state";
import { isDatabaseUnavailable } from "../db/database-unavailable";
import { NotSignedIn } from "../domain-errors";
import { hashToken } from "./tokens";

export const DRIVER_REVOKED_SUBJECT = "lastmile.drivers.revoked";
const TTL_MS = 60_000;
const MAX_ENTRIES = 50_000;

export interface AuthenticatedDriver {
  id: string;
  name: string;
}

let epochCounter = 0;
const revokedAtEpoch = new Map<string, number>();

/** Marks every cached token of `driverId` in this process as invalid, synchronously. */
export function noteRevocation(driverId: string): void {
  epochCounter += 1;
  revokedAtEpoch.set(driverId, epochCounter);
}

interface Entry {
  driver: AuthenticatedDriver;
  epoch: number;
  expiresAt: number;
}

export class DriverTokenCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly prisma: PrismaClient,
    nc?: NatsConnection,
  ) {
    if (nc) this.listen(nc);
  }

  /** The driver behind a bearer token, or a 401 for an unknown or revoked one. */
  async authenticate(token: string): Promise<AuthenticatedDriver> {
    const hash = hashToken(token);
    const now = Date.now();
    const entry = this.entries.get(hash);
    if (entry && entry.expiresAt > now && entry.epoch >= (revokedAtEpoch.get(entry.driver.id) ?? 0)) return entry.driver;
    if (entry) this.entries.delete(hash);

    const epoch = epochCounter;
    let driver: AuthenticatedDriver | null;
    try {
      driver = await this.prisma.driver.findUnique({ where: { tokenHash: hash }, select: { id: true, name: true } });
    } catch (error) {
      // Database down: an expired entry not revoked since still identifies the driver, so live
      // tracking keeps flowing (a revocation needs the database too, and its NATS message still
      // wins). Kept under its old expiry, so it is looked up again as soon as the database answers.
      if (entry && isDatabaseUnavailable(error) && entry.epoch >= (revokedAtEpoch.get(entry.driver.id) ?? 0)) {
        this.entries.set(hash, entry);
        return entry.driver;
      }
      throw error;
    }
    if (!driver) throw new NotSignedIn("unknown or revoked driver token");
    if ((revokedAtEpoch.get(driver.id) ?? 0) <= epoch) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
      this.entries.set(hash, { driver, epoch, expiresAt: now + TTL_MS });
    }
    return driver;
  }

  clear(): void {
    this.entries.clear();
  }

  private listen(nc: NatsConnection): void {
    nc.subscribe(DRIVER_REVOKED_SUBJECT, {
      callback: (_error, message) => {
        const driverId = message?.string();
        if (driverId) noteRevocation(driverId);
      },
    });
    onConnectionStatus(nc, (type) => {
      if (type === "disconnect" || type === "reconnect") this.clear();
    });
  }
}
