/**
 * Time formatting in the browser's own locale and time zone, or, before the page is hydrated, in
 * a fixed one the server chose (`FixedClock`): the server renders times in its own zone, the
 * browser's first render repeats exactly that text, and later renders switch to the browser's.
 */
import type { Messages } from "./messages";

/** A locale, time zone and "now" that the server and the browser's first render share. */
export interface FixedClock {
  /** A BCP 47 tag ("en-GB", "es"). */
  locale: string;
  /** An IANA zone ("Europe/Madrid"). */
  timeZone: string;
  /** ms epoch the page was rendered at. */
  nowMs: number;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: "short" });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

const fixedFormats = new Map<string, { time: Intl.DateTimeFormat; dateTime: Intl.DateTimeFormat; day: Intl.DateTimeFormat }>();
function formatsFor(clock: FixedClock) {
  const key = `${clock.locale}|${clock.timeZone}`;
  let formats = fixedFormats.get(key);
  if (!formats) {
    const { locale, timeZone } = clock;
    formats = {
      time: new Intl.DateTimeFormat(locale, { timeStyle: "short", timeZone }),
      dateTime: new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }),
      day: new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone }),
    };
    fixedFormats.set(key, formats);
  }
  return formats;
}

function isSameDay(a: Date, b: Date, clock?: FixedClock): boolean {
  if (clock) {
    const { day } = formatsFor(clock);
    return day.format(a) === day.format(b);
  }
  return a.toDateString() === b.toDateString();
}

/**
 * The one time format of all three apps: "14:05" (or "2:05 PM", as the browser's locale writes
 * it), with the date too when it is not today. Accepts ISO strings and ms epochs.
 */
export function formatTime(value: string | number | Date, clock?: FixedClock): string {
  const date = new Date(value);
  if (clock) {
    const formats = formatsFor(clock);
    return isSameDay(date, new Date(clock.nowMs), clock) ? formats.time.format(date) : formats.dateTime.format(date);
  }
  return isSameDay(date, new Date()) ? timeFormat.format(date) : dateTimeFormat.format(date);
}

/** "14:05–14:15" (or "2:05 – 2:15 PM", as the locale writes ranges). */
export function formatTimeWindow(earliestIso: string, latestIso: string, clock?: FixedClock): string {
  const format = clock ? formatsFor(clock).time : timeFormat;
  const earliest = new Date(earliestIso);
  const latest = new Date(latestIso);
  if (latest.getTime() <= earliest.getTime()) return format.format(earliest);
  return format.formatRange(earliest, latest);
}

export function isToday(value: string | number | Date, clock?: FixedClock): boolean {
  return isSameDay(new Date(value), clock ? new Date(clock.nowMs) : new Date(), clock);
}

/** YYYY-MM-DD of `nowMs` in the clock's zone, or in the browser's own without one. */
export function dayOf(nowMs: number, clock?: FixedClock): string {
  if (clock) return formatsFor(clock).day.format(new Date(nowMs));
  const day = new Date(nowMs);
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, "0")}-${String(day.getDate()).padStart(2, "0")}`;
}

/** A locale tag Intl accepts, else `fallback` (a header may carry anything). */
export function supportedLocaleTag(tag: string | undefined, fallback: string): string {
  if (!tag) return fallback;
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([tag])[0] ?? fallback;
  } catch {
    return fallback;
  }
}

/** "updated 12 s ago" from the age of the data in milliseconds. */
export function formatFreshness(ageMs: number, messages: Messages["connection"]): string {
  const seconds = Math.max(0, Math.floor(ageMs / 1000));
  if (seconds < 5) return messages.updatedJustNow;
  if (seconds < 60) return messages.updatedSecondsAgo(seconds);
  return messages.updatedMinutesAgo(Math.floor(seconds / 60));
}
