/**
 * The fleet's ETA prior across every partition this process owns, not one partition's drivers.
 *
 * Drivers are hashed into TRACKER_PARTITIONS (16) partitions, and `fleetEtaPrior` needs 3 drivers
 * who have learned something: per partition, a fleet of a few drivers (the demo's 4, a small
 * operator's first day) had none at all. One process owns all partitions by default, so the pool
 * is then the whole fleet; with N processes, each process's share of it (a sample of the fleet,
 * partitions being spread by lease). Derived at most once a minute of `now`, not checkpointed.
 */
import { fleetEtaPrior, type DriverEtaState, type EtaFleetPrior } from "../../../lib/domain/eta";

/** Every minute of `now` (as FleetState did for its own partition). */
export const FLEET_PRIOR_EVERY_MS = 60_000;

export class FleetPriorPool {
  /** Bound: one entry per owned partition (at most TRACKER_PARTITIONS). */
  private readonly sources = new Map<number, () => Iterable<DriverEtaState>>();
  private cached: { prior: EtaFleetPrior; at: number } | null = null;

  /** A partition's drivers count toward the prior while it is owned (`leave` when it is released or restarts). */
  join(partition: number, drivers: () => Iterable<DriverEtaState>): void {
    this.sources.set(partition, drivers);
    this.cached = null;
  }

  leave(partition: number): void {
    this.sources.delete(partition);
    this.cached = null;
  }

  /** The prior at `now`: derived again once `now` is a minute away from the last derivation (either way: partitions' clocks differ a little). */
  priorAt(now: number): EtaFleetPrior {
    const cached = this.cached;
    if (cached && Math.abs(now - cached.at) < FLEET_PRIOR_EVERY_MS) return cached.prior;
    const states: DriverEtaState[] = [];
    for (const drivers of this.sources.values()) for (const state of drivers()) states.push(state);
    const prior = fleetEtaPrior(states);
    this.cached = { prior, at: now };
    return prior;
  }
}
