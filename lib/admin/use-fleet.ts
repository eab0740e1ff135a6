"use client";
import { useEffect, useRef, useState } from "react";
import type { TFleetDriver, TFleetPosition } from "../schemas/admin";
import { FleetClient } from "./fleet-client";

/** The browser applies positions at most once per second (and so at most once per driver per second). */
export const FLEET_APPLY_MS = 1000;

/** Stop counts change with orders, not positions: re-read the snapshot now and then. */
const REFRESH_EVERY_TICKS = 15;

export interface FleetState {
  drivers: ReadonlyMap<string, TFleetDriver>;
  /** Bumps whenever `drivers` changed, for effects that redraw. */
  revision: number;
  silentAfterMs: number;
  /** The socket is connected and the server's backbone is up: what the page shows is current. */
  isLive: boolean;
  /** The server said its event backbone is down (positions paused even with the socket up). */
  isBackboneDown: boolean;
  /** Was live and is not now (or the backbone is down): what the page shows is the last known state. */
  isPaused: boolean;
  error: string | null;
}

/**
 * Follows the whole fleet. Incoming batches go into a pending map (newest per driver wins) that
 * is applied on a one-second tick, so React renders the fleet once a second however fast
 * positions arrive.
 */
export function useFleet(): FleetState {
  const driversRef = useRef(new Map<string, TFleetDriver>());
  const pendingRef = useRef(new Map<string, TFleetPosition>());
  const [revision, setRevision] = useState(0);
  const [silentAfterMs, setSilentAfterMs] = useState(5 * 60_000);
  const [isLive, setIsLive] = useState(false);
  const [isBackboneDown, setIsBackboneDown] = useState(false);
  const [hasBeenLive, setHasBeenLive] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const client = new FleetClient({
      onSnapshot(snapshot) {
        driversRef.current = new Map(snapshot.drivers.map((driver) => [driver.id, driver]));
        setSilentAfterMs(snapshot.silentAfterMs);
        setError(null);
        setRevision((value) => value + 1);
      },
      onPositions(positions) {
        for (const position of positions) pendingRef.current.set(position.driverId, position);
      },
      onError: setError,
      onConnection: (value) => {
        setIsLive(value);
        if (value) setHasBeenLive(true);
      },
      onBackbone: (isUp) => setIsBackboneDown(!isUp),
    });
    let ticks = 0;
    const tick = setInterval(() => {
      ticks++;
      // Also re-render when nothing moved: states (silent) depend on the clock.
      const pending = pendingRef.current;
      if (pending.size) {
        const next = new Map(driversRef.current);
        let hasUnknown = false;
        for (const position of pending.values()) {
          const driver = next.get(position.driverId);
          if (!driver) {
            hasUnknown = true;
            continue;
          }
          if (driver.lastFixAt !== null && driver.lastFixAt > position.at) continue;
          next.set(position.driverId, { ...driver, lat: position.lat, lng: position.lng, speed: position.speed, heading: position.heading, lastFixAt: position.at, hasStartedDay: true });
        }
        pending.clear();
        driversRef.current = next;
        // A driver created after the snapshot: fetch the fleet again (cheap, and rare).
        if (hasUnknown) client.refresh();
      }
      if (ticks % REFRESH_EVERY_TICKS === 0) client.refresh();
      setRevision((value) => value + 1);
    }, FLEET_APPLY_MS);
    return () => {
      clearInterval(tick);
      client.dispose();
    };
  }, []);

  return { drivers: driversRef.current, revision, silentAfterMs, isLive: isLive && !isBackboneDown, isBackboneDown, isPaused: isBackboneDown || (hasBeenLive && !isLive), error };
}
