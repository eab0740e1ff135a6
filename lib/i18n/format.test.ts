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
  // Not today: the date is written too.
  assert.match(formatTime(lateUtc, madrid), /7 Dec 2026.*00:30/);
});

test("a window in the clock's zone; an unknown language tag falls back", () => {
  assert.match(formatTimeWindow(new Date(nowMs).toISOString(), new Date(nowMs + 20 * 60_000).toISOString(), madrid), /^21:30\s?–\s?21:50$/);
  assert.equal(supportedLocaleTag("es-ES", "en"), "es-ES");
  assert.equal(supportedLocaleTag("not a tag!", "es"), "es");
  assert.equal(supportedLocaleTag(undefined, "en"), "en");
});
