/**
 * The demo fleet's time: what it stamps on its GPS fixes and when its next tick runs. Real time
 * by default (`npm start`); a test passes a simulated clock to run a working day in minutes.
 *
 * Only the demo's own time is simulated. The server keeps real time: ingest stamps `receivedAt`,
 * status changes their `statusAt`, the tracker's ETA counts from Date.now(). The GPS filter
 * rejects a fix dated more than a minute after the time it was received ("future"), so a
 * simulated day must never run ahead of real time: see simulatedClock.
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
