/**
 * ISO-8601 text of ms-epoch times, remembered: a fix recomputes the views of every stop on its
 * driver's route, and each view carries up to five times that mostly repeat (ETAs are whole
 * minutes, a status time stays until the status changes, the driver's fix time is the same in
 * every visible stop's view). Formatting them afresh was a measurable share of a fix's cost.
 * Bound: CAPACITY entries, then it starts over.
 */
const CAPACITY = 8_192;

const known = new Map<number, string>();

export function isoTime(ms: number): string {
  let text = known.get(ms);
  if (text === undefined) {
    if (known.size >= CAPACITY) known.clear();
    text = new Date(ms).toISOString();
    known.set(ms, text);
  }
  return text;
}
