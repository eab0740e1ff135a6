import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { connectionState, isServerAnswer, secondsAgo, SENT_RECENTLY_MS, sharingState, type SharingInput } from "./position-sharing";

const now = 1_000_000_000;
const base: SharingInput = { isOnShift: true, hasOpenStops: true, gpsProblem: null, lastReadingAt: now - 2_000, lastSentAt: now - 12_000, watchingSince: now - 60_000, connection: "online", now };

describe("sharingState: 'sharing' only while fixes are found and acknowledged", () => {
  it("sharing, with when the last fix reached the server", () => {
    assert.deepEqual(sharingState(base), { kind: "sharing", lastSentAt: now - 12_000 });
    assert.equal(secondsAgo(now - 12_000, now), 12);
  });

  it("not sharing when nothing reaches the server: offline, unreachable, or the last fix too old", () => {
    assert.deepEqual(sharingState({ ...base, connection: "offline" }), { kind: "not_sent", lastSentAt: now - 12_000, connection: "offline" });
    assert.equal(sharingState({ ...base, connection: "unreachable" }).kind, "not_sent");
    assert.equal(sharingState({ ...base, lastSentAt: now - SENT_RECENTLY_MS - 1 }).kind, "not_sent");
    assert.equal(sharingState({ ...base, lastSentAt: null }).kind, "not_sent");
  });

  it("location refused, no GPS in the browser, no position: each its own state, whatever the network says", () => {
    assert.deepEqual(sharingState({ ...base, gpsProblem: "denied" }), { kind: "denied" });
    assert.deepEqual(sharingState({ ...base, gpsProblem: "unsupported" }), { kind: "unsupported" });
    assert.deepEqual(sharingState({ ...base, lastReadingAt: now - 5 * 60_000 }), { kind: "unavailable", lastReadingAt: now - 5 * 60_000 });
    assert.deepEqual(sharingState({ ...base, gpsProblem: "unavailable", lastReadingAt: null }), { kind: "unavailable", lastReadingAt: null });
  });

  it("finding the first position for a while, then 'no GPS position'", () => {
    assert.deepEqual(sharingState({ ...base, lastReadingAt: null, lastSentAt: null, watchingSince: now - 5_000 }), { kind: "locating" });
    assert.equal(sharingState({ ...base, lastReadingAt: null, lastSentAt: null, watchingSince: now - 45_000 }).kind, "unavailable");
  });

  it("off shift: a pause while stops are open, plain 'not sharing' once the day is done", () => {
    assert.deepEqual(sharingState({ ...base, isOnShift: false }), { kind: "off", hasOpenStops: true });
    assert.deepEqual(sharingState({ ...base, isOnShift: false, hasOpenStops: false, gpsProblem: "denied" }), { kind: "off", hasOpenStops: false });
  });
});

describe("connectionState: a server that does not answer is not online", () => {
  it("offline by the browser; unreachable when the last request got no answer or a 5xx", () => {
    assert.equal(connectionState(false, { isOk: true, at: now }), "offline");
    assert.equal(connectionState(true, { isOk: false, at: now }), "unreachable");
    assert.equal(connectionState(true, { isOk: true, at: now }), "online");
    assert.equal(connectionState(true, null), "online");
  });

  it("which answers show the server up", () => {
    assert.equal(isServerAnswer("network-error"), false);
    assert.equal(isServerAnswer(503), false);
    assert.equal(isServerAnswer(502), false);
    assert.equal(isServerAnswer(409), true, "a refusal is an answer");
    assert.equal(isServerAnswer(202), true);
  });
});
