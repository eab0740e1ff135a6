/**
 * Time formatting in the browser's own locale and time zone. Call these only after hydration:
 * the server knows neither, so server and browser would render different text.
 */
import type { Messages } from "./messages";

const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: "short" });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

function isSameDay(a: Date, b: Date): boolean {
  return a.toDateString() === b.toDateString();
}

/**
 * The one time format of all three apps: "14:05" (or "2:05 PM", as the browser's locale writes
 * it), with the date too when it is not today. Accepts ISO strings and ms epochs.
 */
export function formatTime(value: string | number | Date): string {
  const date = new Date(value);
  return isSameDay(date, new Date()) ? timeFormat.format(date) : dateTimeFormat.format(date);
}

/** "14:05–14:15" (or "2:05 – 2:15 PM", as the locale writes ranges). */
export function formatTimeWindow(earliestIso: string, latestIso: string): string {
  const earliest = new Date(earliestIso);
  const latest = new Date(latestIso);
  if (latest.getTime() <= earliest.getTime()) return timeFormat.format(earliest);
  return timeFormat.formatRange(earliest, latest);
}

export function isToday(value: string | number | Date): boolean {
  return isSameDay(new Date(value), new Date());
}

/** "updated 12 s ago" from the age of the data in milliseconds. */
export function formatFreshness(ageMs: number, messages: Messages["connection"]): string {
  const seconds = Math.max(0, Math.floor(ageMs / 1000));
  if (seconds < 5) return messages.updatedJustNow;
  if (seconds < 60) return messages.updatedSecondsAgo(seconds);
  return messages.updatedMinutesAgo(Math.floor(seconds / 60));
}
