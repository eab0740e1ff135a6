/**
 * Time as the server and the demo fleet see it. Real time by default; a test passes another clock
 * to run a working day in minutes.
 *
 * The server: what it stamps on the pipeline's path — ingest's `receivedAt`, status and route
 * changes' `at`, the tracker's ETA "now" and the `eta_predictions` it writes, the scoreboard's
 * default period — comes from `CoreDeps.clock` (`nowMs(deps)`; unset: real time). Leases, rate
 * limits, sessions, checkpoints and deadlines stay on real time: they measure how long the
 * machine took, not the simulated day (server/pipeline/tracker/eta-replay.test.ts sets a `settableClock`).
 *
 * The demo fleet: what it stamps on its GPS fixes and when its next tick runs (server/features/demo). The
 * GPS filter rejects a fix dated more than a minute after the time it was received ("future"), so
 * a simulated demo day on a server with real time must never run ahead of it: see simulatedClock.
 */

export interface Clock {
  /** ms epoch, this clock's time. */
  now(): number;
  /** Runs `fn` once `ms` of this clock's time have passed; the returned function cancels it. */
  schedule(ms: number, fn: () => void): () => void;
}

export const realClock: Clock = {
  now: () => Date.now(),
  schedule(ms, fn) {
    const timer = setTimeout(fn, ms);
    return () => clearTimeout(timer);
  },
};

/** The server's "now" on the pipeline's path, ms epoch: its deps' clock, real time without one. */
export function nowMs(deps: { clock?: Clock }): number {
  return (deps.clock ?? realClock).now();
}

export interface SettableClock extends Clock {
  /** Moves the clock to `ms` (never back) and runs the timers due by then, in due order. */
  set(ms: number): void;
}

/** A clock that moves only when told (`set`): a test replays a simulated day on it, step by step. */
export function settableClock(startAt: number): SettableClock {
  let current = startAt;
  let timers: { due: number; fn: () => void }[] = [];
  return {
    now: () => current,
    schedule(ms, fn) {
      const timer = { due: current + Math.max(0, ms), fn };
      timers.push(timer);
      return () => {
        timers = timers.filter((t) => t !== timer);
      };
    },
    set(ms) {
      current = Math.max(current, ms);
      const due = timers.filter((t) => t.due <= current).sort((a, b) => a.due - b.due);
      timers = timers.filter((t) => t.due > current);
      for (const timer of due) timer.fn();
    },
  };
}

export interface SimulatedClock extends Clock {
  /** Clock time that has passed since `startAt`. */
  elapsed(): number;
}

/**
 * A clock whose time moves only when its timers fire: a timer due `ms` from now fires after
 * `ms / speed` of wall time (Infinity: at once, after pending I/O) and sets the clock to its due
 * time. The time stands still while the work of a tick runs, so a tick's fixes are dated alike
 * and a slow machine simulates the same day, only more slowly.
 *
 * Start it at `Date.now() - dayMs` and stop at `startAt + dayMs`: every fix is then dated in the
 * past (the simulated time can gain on real time by at most `dayMs`), never "future" to the GPS
 * filter, while the distance between two fixes is judged against simulated seconds, so speeds
 * stay those of a van in town. The price: statuses are stamped in real time, later than the
 * fixes around them (the tracker's "set off since pick-up" test relies on the order of the two;
 * a route's later stops still get their milestones from stops finishing before them).
 */
export function simulatedClock(options: { startAt: number; speed?: number }): SimulatedClock {
  const speed = options.speed ?? Number.POSITIVE_INFINITY;
  let current = options.startAt;
  return {
    now: () => current,
    elapsed: () => current - options.startAt,
    schedule(ms, fn) {
      const due = current + Math.max(0, ms);
      const fire = () => {
        current = Math.max(current, due);
        fn();
      };
      if (!Number.isFinite(speed)) {
        const immediate = setImmediate(fire);
        return () => clearImmediate(immediate);
      }
      const timer = setTimeout(fire, Math.max(0, ms) / speed);
      return () => clearTimeout(timer);
    },
  };
}
