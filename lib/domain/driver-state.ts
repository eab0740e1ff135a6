/** A driver's state on the fleet map. Pure: no framework imports. */
export const DRIVER_STATES = ["moving", "stopped", "silent", "off_shift", "not_started"] as const;
export type DriverState = (typeof DRIVER_STATES)[number];

/** Below this speed (m/s, about 3.6 km/h) a driver counts as stopped: GPS jitter, walking to a door. */
export const MOVING_SPEED_MPS = 1;

export interface DriverStateInput {
  /** ms epoch of the last fix, null when the driver never sent one. */
  lastFixAt: number | null;
  /** m/s from the last fix, when the device reported it. */
  speed: number | null;
  /** Stops on the route not yet delivered, failed or cancelled. */
  openStops: number;
  /**
   * Whether the driver began today's work: a position or a stop's status sent since midnight
   * (server/features/dispatch/get-fleet-snapshot.ts). Quiet before that is not silence: nobody is out yet.
   */
  hasStartedDay: boolean;
}

/**
 * - off_shift: nothing left to deliver and no fix within the silence window (or never a fix):
 *   a driver who went home is not an alarm.
 * - not_started: stops waiting, but the driver has not begun the day (no fix, no stop today).
 * - silent: began the day, work on the route, but no fix for longer than `silentAfterMs`:
 *   someone should call.
 * - moving / stopped: a recent fix, split by its speed.
 */
export function classifyDriver(input: DriverStateInput, nowMs: number, silentAfterMs: number): DriverState {
  const isQuiet = input.lastFixAt === null || nowMs - input.lastFixAt > silentAfterMs;
  if (isQuiet) {
    if (input.openStops === 0) return "off_shift";
    return input.hasStartedDay ? "silent" : "not_started";
  }
  return (input.speed ?? 0) >= MOVING_SPEED_MPS ? "moving" : "stopped";
}
