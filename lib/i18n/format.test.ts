import assert from "node:assert/strict";
import { test } from "node:test";
import { dayOf, formatTime, formatTimeWindow, isToday, supportedLocaleTag, type FixedClock } from "./format";

// 2026-12-06 20:30 UTC is 21:30 in Madrid, 15:30 in New York.
const nowMs = Date.UTC(2026, 11, 6, 20, 30);
const madrid: FixedClock = { locale: "en-GB", timeZone: "Europe/Madrid", nowMs };

test("a fixed clock writes times in its zone and language, the same wherever it runs", () => {
  assert.equal(formatTime(nowMs, madrid), "21:30");
  assert.equal(formatTime(nowMs, { ...madrid, timeZone: "America/New_York" }), "15:30");
  assert.match(formatTime(nowMs, { ...madrid, locale: "en-US", timeZone: "America/New_York" }), /^3:30\sPM$/);
  assert.equal(formatTime(new Date(nowMs).toISOString(), { ...madrid, locale: "es-ES" }), "21:30");
});

test("today is the clock's day in its zone: 23:30 UTC is already tomorrow in Madrid", () => {
  const lateUtc = Date.UTC(2026, 11, 6, 23, 30);
  assert.equal(dayOf(nowMs, madrid), "2026-12-06");
  assert.equal(dayOf(lateUtc, madrid), "2026-12-07");
  assert.equal(isToday(lateUtc, madrid), false);
  assert.equal(isToday(nowMs - 60_000, madrid), true);
  // Not today, but three hours away: the time alone says it (tonight's 00:30).
  assert.equal(formatTime(lateUtc, madrid), "00:30");
});

test("another day more than 12 hours away has its date; another year has its year", () => {
  const tomorrowMorning = Date.UTC(2026, 11, 7, 9, 30);
  assert.equal(formatTime(tomorrowMorning, madrid), "7 Dec, 10:30");
  assert.match(formatTime(tomorrowMorning, { ...madrid, locale: "en-US" }), /^Dec 7, 10:30\sAM$/);
  assert.equal(formatTime(Date.UTC(2027, 0, 4, 8, 0), madrid), "4 Jan 2027, 09:00");
  assert.equal(formatTime(nowMs - 2 * 86_400_000, madrid), "4 Dec, 21:30");
});

test("near midnight an ETA and its window read as times, never with a date (the customer's 23:47)", () => {
  const lateEvening: FixedClock = { locale: "en-US", timeZone: "UTC", nowMs: Date.UTC(2026, 11, 6, 23, 47) };
  assert.match(formatTime(Date.UTC(2026, 11, 7, 0, 0), lateEvening), /^12:00\sAM$/);
  assert.match(formatTimeWindow("2026-12-06T23:47:00Z", "2026-12-07T00:07:00Z", lateEvening), /^11:47\sPM – 12:07\sAM$/);
  const justAfter: FixedClock = { locale: "en-GB", timeZone: "UTC", nowMs: Date.UTC(2026, 11, 7, 0, 5) };
  assert.equal(formatTime(Date.UTC(2026, 11, 6, 23, 50), justAfter), "23:50");
  assert.equal(formatTimeWindow("2026-12-06T23:50:00Z", "2026-12-07T00:01:00Z", justAfter), "23:50 – 00:01");
});

test("a window in the clock's zone; an unknown language tag falls back", () => {
  assert.match(formatTimeWindow(new Date(nowMs).toISOString(), new Date(nowMs + 20 * 60_000).toISOString(), madrid), /^21:30\s?–\s?21:50$/);
  assert.equal(supportedLocaleTag("es-ES", "en"), "es-ES");
  assert.equal(supportedLocaleTag("not a tag!", "es"), "es");
  assert.equal(supportedLocaleTag(undefined, "en"), "en");
});
