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

/**
 * A time this close to now needs no date: at 23:47 "12:07 AM" can only be the coming night, and
 * a window from 23:50 to 00:10 reads as one. Further away, the date says which day.
 */
const TIME_ALONE_WITHIN_MS = 12 * 3_600_000;

// The date and the time are written apart so the time reads as everywhere else ("09:00" in en-GB).
const MONTH_DAY = { month: "short", day: "numeric" } as const;
const YEAR_MONTH_DAY = { ...MONTH_DAY, year: "numeric" } as const;

interface Formats {
  time: Intl.DateTimeFormat;
  /** "Dec 7": another day this year. */
  monthDay: Intl.DateTimeFormat;
  /** "Jan 4, 2027": another year. */
  yearMonthDay: Intl.DateTimeFormat;
  /** The year and the day in the zone, to compare dates (fixed clocks only). */
  year: Intl.DateTimeFormat;
  day: Intl.DateTimeFormat;
}

/**
 * One locale's and zone's formats (the browser's own when undefined), each made on first use: a
 * page's first Intl.DateTimeFormat costs the browser tens of milliseconds (locale and zone data),
 * and a page that shows only today's times needs one or two of them.
 */
function lazyFormats(locale: string | undefined, timeZone: string | undefined): Formats {
  const made: Partial<Formats> = {};
  const format = (name: keyof Formats, options: Intl.DateTimeFormatOptions, formatLocale = locale) => ({
    get: () => (made[name] ??= new Intl.DateTimeFormat(formatLocale, { ...options, timeZone })),
  });
  return Object.defineProperties({} as Formats, {
    time: format("time", { timeStyle: "short" }),
    monthDay: format("monthDay", MONTH_DAY),
    yearMonthDay: format("yearMonthDay", YEAR_MONTH_DAY),
    year: format("year", { year: "numeric" }, "en-CA"),
    day: format("day", { year: "numeric", month: "2-digit", day: "2-digit" }, "en-CA"),
  });
}

const browserFormats = lazyFormats(undefined, undefined);
const fixedFormats = new Map<string, Formats>();
function formatsFor(clock: FixedClock): Formats {
  const key = `${clock.locale}|${clock.timeZone}`;
  let formats = fixedFormats.get(key);
  if (!formats) {
    formats = lazyFormats(clock.locale, clock.timeZone);
    fixedFormats.set(key, formats);
  }
  return formats;
}

function isSameYear(a: Date, b: Date, clock?: FixedClock): boolean {
  if (clock) {
    const { year } = formatsFor(clock);
    return year.format(a) === year.format(b);
  }
  return a.getFullYear() === b.getFullYear();
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
 * it) for today or within 12 hours of now; "Dec 7, 14:05" for another day; the year too when it
 * is another year. Accepts ISO strings and ms epochs.
 */
export function formatTime(value: string | number | Date, clock?: FixedClock): string {
  const date = new Date(value);
  const now = new Date(clock ? clock.nowMs : Date.now());
  const formats = clock ? formatsFor(clock) : browserFormats;
  if (isSameDay(date, now, clock) || Math.abs(date.getTime() - now.getTime()) < TIME_ALONE_WITHIN_MS) return formats.time.format(date);
  const day = isSameYear(date, now, clock) ? formats.monthDay : formats.yearMonthDay;
  return `${day.format(date)}, ${formats.time.format(date)}`;
}

/**
 * "14:05–14:15" (or "2:05 – 2:15 PM", as the locale writes ranges). Times only, across midnight
 * too ("23:50 – 00:10"): a window is hours long, and the caller says the day when it is not today.
 */
export function formatTimeWindow(earliestIso: string, latestIso: string, clock?: FixedClock): string {
  const format = clock ? formatsFor(clock).time : browserFormats.time;
  const earliest = new Date(earliestIso);
  const latest = new Date(latestIso);
  if (latest.getTime() <= earliest.getTime()) return format.format(earliest);
  // formatRange writes both dates once the ends fall on different days.
  if (!isSameDay(earliest, latest, clock)) return `${format.format(earliest)} – ${format.format(latest)}`;
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
