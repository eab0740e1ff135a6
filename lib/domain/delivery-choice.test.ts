import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ZDeliveryChoiceRequest } from "../schemas/delivery-choice";
import {
  checkCanAcceptReschedule,
  checkCanChoose,
  checkCanHandInAtDepot,
  checkChoiceForm,
  checkRescheduleWish,
  fieldOfChoiceError,
  MAX_RESCHEDULE_DAYS_AHEAD,
  rescheduledDueAt,
  type ChoiceForm,
} from "./delivery-choice";

/** Monday 30 November 2026, 14:00 local time. */
const now = new Date(2026, 10, 30, 14, 0);

describe("who may choose when", () => {
  test("any unfinished order; delivered and cancelled ones are closed", () => {
    for (const status of ["created", "assigned", "picked_up", "arrived"] as const) {
      for (const kind of ["door", "neighbour", "safe_place", "reschedule"] as const) assert.deepEqual(checkCanChoose(status, kind), { ok: true }, `${status} ${kind}`);
    }
    for (const status of ["delivered", "cancelled"] as const) {
      const check = checkCanChoose(status, "reschedule");
      assert.equal(check.ok, false);
      assert.equal(!check.ok && check.code, "order_finished");
    }
  });

  test("after a failed delivery the customer may ask for another day, and only that", () => {
    assert.deepEqual(checkCanChoose("failed", "reschedule"), { ok: true });
    for (const kind of ["door", "neighbour", "safe_place"] as const) {
      const check = checkCanChoose("failed", kind);
      assert.equal(!check.ok && check.code, "order_failed", kind);
    }
  });
});

describe("a reschedule request's day and window", () => {
  test("no day at all is a plain request: dispatch picks the day", () => {
    assert.deepEqual(checkRescheduleWish({}, now), { ok: true });
  });

  test("today (with a window still to come) up to two weeks ahead", () => {
    assert.deepEqual(checkRescheduleWish({ preferredDate: "2026-11-30", windowStart: "16:00", windowEnd: "18:00" }, now), { ok: true });
    assert.deepEqual(checkRescheduleWish({ preferredDate: "2026-11-30" }, now), { ok: true }, "the rest of today");
    assert.deepEqual(checkRescheduleWish({ preferredDate: "2026-12-01", windowStart: "08:00", windowEnd: "10:00" }, now), { ok: true });
    assert.deepEqual(checkRescheduleWish({ preferredDate: "2026-12-14" }, now), { ok: true }, `${MAX_RESCHEDULE_DAYS_AHEAD} days ahead`);
  });

  test("a past day, a window already over, a day too far or one the calendar lacks are refused with their code", () => {
    const codeOf = (wish: Parameters<typeof checkRescheduleWish>[0]) => {
      const check = checkRescheduleWish(wish, now);
      return check.ok ? "ok" : check.code;
    };
    assert.equal(codeOf({ preferredDate: "2026-11-29" }), "date_in_past");
    assert.equal(codeOf({ preferredDate: "2026-11-30", windowStart: "09:00", windowEnd: "12:00" }), "window_in_past");
    assert.equal(codeOf({ preferredDate: "2026-11-30", windowStart: "12:00", windowEnd: "14:00" }), "window_in_past", "a window ending now is over");
    assert.equal(codeOf({ preferredDate: "2026-12-15" }), "date_too_far");
    assert.equal(codeOf({ preferredDate: "2026-02-30" }), "invalid_date");
    assert.equal(codeOf({ preferredDate: "2026-13-01" }), "invalid_date");
  });

  test("the schema refuses half a window, a window without a day, one that ends first, and notes too long", () => {
    const bad = [
      { kind: "reschedule", windowStart: "10:00", windowEnd: "12:00" },
      { kind: "reschedule", preferredDate: "2026-12-01", windowStart: "10:00" },
      { kind: "reschedule", preferredDate: "2026-12-01", windowStart: "12:00", windowEnd: "10:00" },
      { kind: "reschedule", preferredDate: "2026-12-01", windowStart: "24:00", windowEnd: "25:00" },
      { kind: "reschedule", preferredDate: "1 Dec" },
      { kind: "neighbour", neighbourName: "Marta" },
      { kind: "neighbour", neighbourName: "  ", neighbourDoor: "2B" },
      { kind: "neighbour", neighbourName: "M".repeat(81), neighbourDoor: "2B" },
      { kind: "safe_place" },
      { kind: "safe_place", note: "   " },
      { kind: "door", note: "n".repeat(301) },
      { kind: "porch" },
      {},
    ];
    for (const body of bad) assert.equal(ZDeliveryChoiceRequest.safeParse(body).success, false, JSON.stringify(body));
    const good = ZDeliveryChoiceRequest.parse({ kind: "neighbour", neighbourName: " Marta ", neighbourDoor: "2B", note: "n".repeat(300) });
    assert.equal(good.kind === "neighbour" && good.neighbourName, "Marta");
  });
});

describe("what accepting a reschedule promises", () => {
  test("due at the end of the window, else the end of the day; no day named: no promise", () => {
    assert.deepEqual(rescheduledDueAt({ preferredDate: "2026-12-02", windowStart: "10:00", windowEnd: "12:00" }), new Date(2026, 11, 2, 12, 0));
    assert.deepEqual(rescheduledDueAt({ preferredDate: "2026-12-02" }), new Date(2026, 11, 2, 23, 59));
    assert.equal(rescheduledDueAt({}), null);
  });
});

describe("who may accept a reschedule", () => {
  const requested = { kind: "reschedule", rescheduleState: "requested" };
  test("at any status before the order is finished, each with what it does", () => {
    assert.deepEqual(checkCanAcceptReschedule("created", requested), { ok: true, isNoop: false, outcome: "back_to_pool" });
    assert.deepEqual(checkCanAcceptReschedule("assigned", requested), { ok: true, isNoop: false, outcome: "back_to_pool" });
    assert.deepEqual(checkCanAcceptReschedule("picked_up", requested), { ok: true, isNoop: false, outcome: "bring_back" });
    assert.deepEqual(checkCanAcceptReschedule("arrived", requested), { ok: true, isNoop: false, outcome: "bring_back" });
    assert.deepEqual(checkCanAcceptReschedule("failed", requested), { ok: true, isNoop: false, outcome: "reopen" });
  });

  test("accepting again changes nothing (a retried click)", () => {
    assert.deepEqual(checkCanAcceptReschedule("created", { kind: "reschedule", rescheduleState: "accepted" }), { ok: true, isNoop: true });
    assert.deepEqual(checkCanAcceptReschedule("picked_up", { kind: "reschedule", rescheduleState: "accepted" }), { ok: true, isNoop: true });
  });

  test("refused without a request, and once delivered or cancelled", () => {
    const codeOf = (...args: Parameters<typeof checkCanAcceptReschedule>) => {
      const check = checkCanAcceptReschedule(...args);
      return check.ok ? "ok" : check.code;
    };
    assert.equal(codeOf("assigned", null), "no_reschedule_request");
    assert.equal(codeOf("assigned", { kind: "neighbour", rescheduleState: null }), "no_reschedule_request");
    assert.equal(codeOf("delivered", requested), "order_finished");
    assert.equal(codeOf("cancelled", requested), "order_finished");
  });
});

describe("handing a parcel in at the depot", () => {
  test("only a parcel on board that left today's route", () => {
    assert.deepEqual(checkCanHandInAtDepot("picked_up", false), { ok: true });
    const codeOf = (...args: Parameters<typeof checkCanHandInAtDepot>) => {
      const check = checkCanHandInAtDepot(...args);
      return check.ok ? "ok" : check.code;
    };
    assert.equal(codeOf("picked_up", true), "still_on_route");
    for (const status of ["created", "assigned", "arrived", "delivered", "failed", "cancelled"] as const) assert.equal(codeOf(status, false), "not_on_board", status);
  });
});

describe("the choice form, field by field", () => {
  const empty: ChoiceForm = { kind: null, neighbourName: "", neighbourDoor: "", safePlace: "", preferredDate: "", windowStart: "", windowEnd: "", note: "" };
  const check = (form: Partial<ChoiceForm>) => checkChoiceForm({ ...empty, ...form }, now, 300);

  test("nothing chosen, a note only, the door: nothing to correct", () => {
    assert.deepEqual(check({}), []);
    assert.deepEqual(check({ note: "Gate code 1234" }), []);
    assert.deepEqual(check({ kind: "door" }), []);
  });

  test("each field names its own problem", () => {
    assert.deepEqual(check({ kind: "neighbour", neighbourName: " " }), [
      { field: "neighbourName", problem: "required" },
      { field: "neighbourDoor", problem: "required" },
    ]);
    assert.deepEqual(check({ kind: "neighbour", neighbourName: "M".repeat(81), neighbourDoor: "2B" }), [{ field: "neighbourName", problem: "too_long" }]);
    assert.deepEqual(check({ kind: "safe_place" }), [{ field: "safePlace", problem: "required" }]);
    assert.deepEqual(check({ kind: "door", note: "n".repeat(301) }), [{ field: "note", problem: "too_long" }]);
  });

  test("a reschedule's window and day, with the server's own day rules", () => {
    assert.deepEqual(check({ kind: "reschedule" }), [], "no day: dispatch picks one");
    assert.deepEqual(check({ kind: "reschedule", preferredDate: "2026-12-01", windowStart: "10:00" }), [{ field: "windowEnd", problem: "window_incomplete" }]);
    assert.deepEqual(check({ kind: "reschedule", preferredDate: "2026-12-01", windowEnd: "10:00" }), [{ field: "windowStart", problem: "window_incomplete" }]);
    assert.deepEqual(check({ kind: "reschedule", windowStart: "10:00", windowEnd: "12:00" }), [{ field: "preferredDate", problem: "window_needs_day" }]);
    assert.deepEqual(check({ kind: "reschedule", preferredDate: "2026-12-01", windowStart: "12:00", windowEnd: "10:00" }), [{ field: "windowEnd", problem: "window_order" }]);
    assert.deepEqual(check({ kind: "reschedule", preferredDate: "2026-11-29" }), [{ field: "preferredDate", problem: "date_in_past" }]);
    assert.deepEqual(check({ kind: "reschedule", preferredDate: "2026-12-30" }), [{ field: "preferredDate", problem: "date_too_far" }]);
    assert.deepEqual(check({ kind: "reschedule", preferredDate: "2026-11-30", windowStart: "09:00", windowEnd: "11:00" }), [{ field: "windowEnd", problem: "window_in_past" }]);
    assert.deepEqual(check({ kind: "reschedule", preferredDate: "1 Dec" }), [{ field: "preferredDate", problem: "bad_format" }]);
  });

  test("a server refusal is put on its field", () => {
    assert.equal(fieldOfChoiceError("date_in_past"), "preferredDate");
    assert.equal(fieldOfChoiceError("window_in_past"), "windowEnd");
    assert.equal(fieldOfChoiceError("rate_limited"), null);
  });
});
