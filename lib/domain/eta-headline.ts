/**
 * Insight's headline: of the arrivals in a period, the share that fell inside the ETA window the
 * customer was shown both 3 stops and 10 minutes before, i.e. the ETA scoreboard's two figures
 * that customers act on, pooled over its rows (drivers and days). Pure.
 */
export interface ScoreCount {
  inside: number;
  total: number;
}

export interface HeadlineRow {
  minutes10: ScoreCount;
  stops3: ScoreCount;
}

export interface EtaHeadline {
  /** Checks counted: each arrival counts once per moment (10 min, 3 stops) it had a window shown then. */
  inside: number;
  total: number;
  /** inside / total, null when no window was shown at either moment. */
  rate: number | null;
}

export function etaHeadline(rows: readonly HeadlineRow[]): EtaHeadline {
  let inside = 0;
  let total = 0;
  for (const row of rows) {
    inside += row.minutes10.inside + row.stops3.inside;
    total += row.minutes10.total + row.stops3.total;
  }
  return { inside, total, rate: total === 0 ? null : inside / total };
}
