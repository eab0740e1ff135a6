/**
 * The public ETA scoreboard: for each day and driver, how often the driver reached the door
 * inside the window the customer was shown 30 minutes before, 10 minutes before, and when the
 * order was 3 stops away. Pure: it reads settled predictions (eta_predictions rows).
 *
 * "The window shown at T" is the last prediction made at or before T (predictions are written
 * when the ETA changes, so it stood until the next one). An arrival with no prediction that old
 * (an order reached within 30 minutes of its first ETA) is not counted at that checkpoint.
 */

export type ScoredPrediction = {
  predictedAt: number;
  earliestAt: number;
  latestAt: number;
  stopsAway: number | null;
  /**
   * The stream sequence that produced it (the view's version): of two made in the same ms (a batch
   * of fixes applied in parts), the later one is what the customer was left with. Without: the
   * order given.
   */
  seq?: number;
};

export type ScoredArrival = {
  driverId: string | null;
  driverName: string | null;
  /** When the driver reached the door, ms epoch. */
  actualAt: number;
  predictions: readonly ScoredPrediction[];
};

export const SCOREBOARD_CHECKPOINTS = ["minutes30", "minutes10", "stops3"] as const;
export type ScoreboardCheckpoint = (typeof SCOREBOARD_CHECKPOINTS)[number];

export type ScoreCount = { inside: number; total: number; rate: number | null };
export type ScoreboardRow = {
  /** The local calendar day of the arrivals, YYYY-MM-DD. */
  day: string;
  driverId: string | null;
  driverName: string | null;
  arrivals: number;
} & Record<ScoreboardCheckpoint, ScoreCount>;

const MINUTE_MS = 60_000;

/** The window the customer saw at a checkpoint, or null when none was shown yet. */
export function windowShownAt<P extends ScoredPrediction>(arrival: Pick<ScoredArrival, "actualAt"> & { predictions: readonly P[] }, checkpoint: ScoreboardCheckpoint): P | null {
  const before = [...arrival.predictions].filter((p) => p.predictedAt <= arrival.actualAt).sort((a, b) => a.predictedAt - b.predictedAt || (a.seq ?? 0) - (b.seq ?? 0));
  let shown: P | null = null;
  for (const prediction of before) {
    const isInForce =
      checkpoint === "stops3" ? prediction.stopsAway !== null && prediction.stopsAway >= 3 : prediction.predictedAt <= arrival.actualAt - (checkpoint === "minutes30" ? 30 : 10) * MINUTE_MS;
    if (isInForce) shown = prediction;
  }
  return shown;
}

/** YYYY-MM-DD of `atMs` in a zone `offsetMinutes` ahead of UTC (the browser's, negated getTimezoneOffset). */
export function localDayOf(atMs: number, offsetMinutes: number): string {
  return new Date(atMs + offsetMinutes * MINUTE_MS).toISOString().slice(0, 10);
}

const rateOf = (inside: number, total: number): ScoreCount => ({ inside, total, rate: total === 0 ? null : inside / total });

/** Rows by day (newest first), then by driver name. */
export function buildEtaScoreboard(arrivals: readonly ScoredArrival[], offsetMinutes: number): ScoreboardRow[] {
  type Tally = { day: string; driverId: string | null; driverName: string | null; arrivals: number; counts: Record<ScoreboardCheckpoint, [number, number]> };
  const tallies = new Map<string, Tally>();
  for (const arrival of arrivals) {
    const day = localDayOf(arrival.actualAt, offsetMinutes);
    const key = `${day}\u0000${arrival.driverId ?? ""}`;
    let tally = tallies.get(key);
    if (!tally) {
      tally = { day, driverId: arrival.driverId, driverName: arrival.driverName, arrivals: 0, counts: { minutes30: [0, 0], minutes10: [0, 0], stops3: [0, 0] } };
      tallies.set(key, tally);
    }
    tally.arrivals++;
    for (const checkpoint of SCOREBOARD_CHECKPOINTS) {
      const shown = windowShownAt(arrival, checkpoint);
      if (!shown) continue;
      const count = tally.counts[checkpoint];
      count[1]++;
      if (shown.earliestAt <= arrival.actualAt && arrival.actualAt <= shown.latestAt) count[0]++;
    }
  }
  return [...tallies.values()]
    .sort((a, b) => b.day.localeCompare(a.day) || (a.driverName ?? "").localeCompare(b.driverName ?? ""))
    .map((tally) => ({
      day: tally.day,
      driverId: tally.driverId,
      driverName: tally.driverName,
      arrivals: tally.arrivals,
      minutes30: rateOf(...tally.counts.minutes30),
      minutes10: rateOf(...tally.counts.minutes10),
      stops3: rateOf(...tally.counts.stops3),
    }));
}
