import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { describeForCustomer, type CustomerMessageInput } from "./customer-message";

const MIN = 60_000;
/** 15:40 on a Tuesday, the page's clock. */
const now = new Date(2026, 11, 8, 15, 40).getTime();
const iso = (ms: number) => new Date(ms).toISOString();
const at = (minutesFromNow: number) => iso(now + minutesFromNow * MIN);

function input(overrides: Partial<CustomerMessageInput> = {}): CustomerMessageInput {
  return {
    status: "picked_up",
    timeline: [{ kind: "created" }, { kind: "assigned" }, { kind: "picked_up" }, { kind: "out_for_delivery" }],
    stopsAway: 2,
    eta: { at: at(20), earliest: at(15), latest: at(30) },
    updatedAt: at(0),
    statusAt: at(-30),
    driverFixAt: at(0),
    promisedBy: null,
    reschedule: null,
    socket: "live",
    nowMs: now,
    today: "2026-12-08",
    ...overrides,
  };
}

describe("on the way", () => {
  test("fresh news: the status, stops away, the window and Live", () => {
    const message = describeForCustomer(input());
    assert.deepEqual(message.headline, { kind: "status", stage: "out_for_delivery" });
    assert.deepEqual(message.subline, { kind: "stops_away", count: 2 });
    assert.equal(message.eta.kind, "window");
    assert.equal(message.isRunningLate, false);
    assert.deepEqual(message.live, { kind: "live", ageMs: 0 });
    assert.equal(message.lastSeenMinutes, null);
  });

  test("a shown position 6 min old: 'last seen 6 min ago' and never Live beside it", () => {
    const message = describeForCustomer(input({ driverFixAt: at(-6), updatedAt: at(-6) }));
    assert.equal(message.lastSeenMinutes, 6);
    assert.equal(message.live.kind, "stale");
  });

  test("an old fix that just arrived (a phone's queue): the estimate is new, the position is not live", () => {
    const message = describeForCustomer(input({ driverFixAt: at(-20), updatedAt: at(0) }));
    assert.equal(message.eta.kind, "window", "the tracker's estimate is fresh");
    assert.equal(message.live.kind, "stale");
    assert.equal(message.lastSeenMinutes, 20);
  });

  test("no position shown (too far away): the view's age decides, and there is no 'last seen'", () => {
    const fresh = describeForCustomer(input({ driverFixAt: null, updatedAt: at(-1) }));
    assert.equal(fresh.live.kind, "live");
    const stale = describeForCustomer(input({ driverFixAt: null, updatedAt: at(-8) }));
    assert.equal(stale.live.kind, "stale");
    assert.equal(stale.lastSeenMinutes, null);
  });

  test("the socket's own state comes first: offline is offline, whatever the data", () => {
    assert.deepEqual(describeForCustomer(input({ socket: "offline" })).live, { kind: "offline" });
    assert.deepEqual(describeForCustomer(input({ socket: "reconnecting", driverFixAt: at(-9) })).live, { kind: "reconnecting" });
  });

  test("running late holds while late: an estimate after the promise, or the promise already passed", () => {
    const later = describeForCustomer(input({ promisedBy: now + 10 * MIN }));
    assert.equal(later.isRunningLate, true);
    assert.equal(later.eta.kind, "running_late");
    // The promise passed while the driver's position is awaited: still late.
    const waiting = describeForCustomer(input({ eta: null, promisedBy: now - 5 * MIN }));
    assert.equal(waiting.eta.kind, "waiting_for_position");
    assert.equal(waiting.isRunningLate, true);
    // Near the end and past the promise: the countdown says it too.
    const close = describeForCustomer(input({ eta: { at: at(4), earliest: at(2), latest: at(8) }, promisedBy: now - MIN }));
    assert.equal(close.eta.kind, "countdown");
    assert.equal(close.eta.kind === "countdown" && close.eta.isRunningLate, true);
    const onTime = describeForCustomer(input({ promisedBy: now + 60 * MIN }));
    assert.equal(onTime.isRunningLate, false);
  });

  test("before hydration nothing time-dependent is decided", () => {
    const message = describeForCustomer(input({ nowMs: null, today: null }));
    assert.deepEqual(message.eta, { kind: "pending" });
    assert.equal(message.lastSeenMinutes, null);
    assert.deepEqual(message.live, { kind: "live", ageMs: null });
  });
});

describe("at the door", () => {
  const arrived = (overrides: Partial<CustomerMessageInput> = {}) => input({ status: "arrived", stopsAway: 0, statusAt: at(-2), eta: null, ...overrides });

  test("fresh: 'Driver has arrived', at the door since when — never 'You're next' under it", () => {
    const message = describeForCustomer(arrived());
    assert.deepEqual(message.headline, { kind: "at_door", since: at(-2) });
    assert.deepEqual(message.subline, { kind: "at_door", since: at(-2) });
    assert.deepEqual(message.eta, { kind: "here", isRunningLate: false });
    assert.equal(message.live.kind, "live");
  });

  test("stale: 'was at your door at 15:38', no news for N min, and not Live (never beside 'last seen')", () => {
    const message = describeForCustomer(arrived({ statusAt: at(-7), driverFixAt: at(-6), updatedAt: at(-6) }));
    assert.deepEqual(message.headline, { kind: "was_at_door", at: at(-7) });
    assert.deepEqual(message.subline, { kind: "no_news", minutes: 6 });
    assert.equal(message.eta.kind, "here_stale");
    assert.equal(message.live.kind, "stale");
    assert.equal(message.lastSeenMinutes, null, "said once, under the headline");
  });

  test("running late holds at the door: arrived after the promise", () => {
    const late = describeForCustomer(arrived({ promisedBy: now - 20 * MIN }));
    assert.equal(late.isRunningLate, true);
    assert.deepEqual(late.eta, { kind: "here", isRunningLate: true });
    const stillLate = describeForCustomer(arrived({ promisedBy: now - 20 * MIN, driverFixAt: at(-9), updatedAt: at(-9) }));
    assert.deepEqual(stillLate.eta, { kind: "here_stale", isRunningLate: true });
    const onTime = describeForCustomer(arrived({ promisedBy: now - MIN, statusAt: at(-5) }));
    assert.equal(onTime.isRunningLate, false, "reached the door before the promised time");
  });
});

describe("another day", () => {
  const accepted = { state: "accepted" as const, preferredDate: "2026-12-10", windowStart: "10:00", windowEnd: "12:00", acceptedAt: at(-1) };

  test("accepted while on board: the agreed day on top, back to the depot, no ETA and never Live for today", () => {
    const message = describeForCustomer(input({ reschedule: accepted, stopsAway: null, eta: null, statusAt: at(-40) }));
    assert.deepEqual(message.headline, { kind: "moved", day: "2026-12-10", windowStart: "10:00", windowEnd: "12:00", isToday: false });
    assert.deepEqual(message.subline, { kind: "back_to_depot" });
    assert.deepEqual(message.eta, { kind: "not_today" });
    assert.deepEqual(message.live, { kind: "paused" });
    assert.equal(message.isRunningLate, false);
    assert.equal(message.notice, null);
  });

  test("even an ETA still in the view (a late frame) is not shown once the day moved", () => {
    const message = describeForCustomer(input({ reschedule: accepted, promisedBy: now - 30 * MIN }));
    assert.equal(message.eta.kind, "not_today");
    assert.equal(message.isRunningLate, false);
  });

  test("back at the depot or never picked up: it goes out again on the new day", () => {
    assert.deepEqual(describeForCustomer(input({ status: "created", reschedule: accepted, stopsAway: null, eta: null })).subline, { kind: "new_day", hasDay: true });
    const noDay = describeForCustomer(input({ status: "created", reschedule: { ...accepted, preferredDate: null, windowStart: null, windowEnd: null }, stopsAway: null, eta: null }));
    assert.deepEqual(noDay.headline, { kind: "moved", day: null, windowStart: null, windowEnd: null, isToday: false });
    assert.deepEqual(noDay.subline, { kind: "new_day", hasDay: false });
  });

  test("on the agreed day, before pick-up: the agreed window is the ETA, and the lines say today, not 'that day'", () => {
    const message = describeForCustomer(input({ status: "assigned", reschedule: { ...accepted, preferredDate: "2026-12-08" }, stopsAway: null, eta: null }));
    assert.equal(message.headline.kind === "moved" && message.headline.isToday, true);
    assert.deepEqual(message.eta, { kind: "agreed_window", windowStart: "10:00", windowEnd: "12:00" });
    assert.deepEqual(message.subline, { kind: "new_day", hasDay: true, isToday: true });
    assert.deepEqual(message.live, { kind: "paused", isToday: true });
    const noWindow = describeForCustomer(input({ status: "created", reschedule: { ...accepted, preferredDate: "2026-12-08", windowStart: null, windowEnd: null }, stopsAway: null, eta: null }));
    assert.deepEqual(noWindow.eta, { kind: "not_yet" });
  });

  test("picked up again after the acceptance: the new day's delivery is tracked as usual", () => {
    const message = describeForCustomer(input({ reschedule: { ...accepted, acceptedAt: at(-60) }, statusAt: at(-10) }));
    assert.deepEqual(message.headline, { kind: "status", stage: "out_for_delivery" });
    assert.equal(message.live.kind, "live");
  });

  test("requested and not yet answered: today's plan holds, and the page says so", () => {
    const requested = { ...accepted, state: "requested" as const, acceptedAt: null };
    const message = describeForCustomer(input({ reschedule: requested }));
    assert.equal(message.headline.kind, "status");
    assert.equal(message.eta.kind, "window");
    assert.deepEqual(message.notice, { kind: "reschedule_requested", isAfterFailure: false });
    const afterFailure = describeForCustomer(input({ status: "failed", reschedule: requested }));
    assert.deepEqual(afterFailure.notice, { kind: "reschedule_requested", isAfterFailure: true });
    assert.deepEqual(afterFailure.headline, { kind: "status", stage: "failed" });
  });
});

describe("finished", () => {
  test("no ETA, no lateness, no last seen: the final status", () => {
    const message = describeForCustomer(input({ status: "delivered", driverFixAt: null, promisedBy: now - 60 * MIN }));
    assert.deepEqual(message.eta, { kind: "none" });
    assert.equal(message.isRunningLate, false);
    assert.deepEqual(message.live, { kind: "final" });
    assert.deepEqual(message.subline, { kind: "finished", at: null });
  });
});
