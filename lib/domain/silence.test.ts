import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { describeLastSeen } from "./silence";

const NOW = Date.UTC(2025, 5, 11, 12);
const MINUTE = 60_000;

describe("describeLastSeen", () => {
  it("counts whole minutes since the last fix", () => {
    assert.deepEqual(describeLastSeen(NOW - 7.9 * MINUTE, NOW, 10 * MINUTE), { isSilent: false, minutesAgo: 7 });
    assert.deepEqual(describeLastSeen(NOW - 30_000, NOW, 10 * MINUTE), { isSilent: false, minutesAgo: 0 });
  });
  it("turns silent only after the allowed silence", () => {
    assert.equal(describeLastSeen(NOW - 10 * MINUTE, NOW, 10 * MINUTE).isSilent, false);
    assert.deepEqual(describeLastSeen(NOW - 10 * MINUTE - 1, NOW, 10 * MINUTE), { isSilent: true, minutesAgo: 10 });
  });
  it("reads a fix from a clock ahead of ours as just now", () => {
    assert.deepEqual(describeLastSeen(NOW + 5 * MINUTE, NOW, 10 * MINUTE), { isSilent: false, minutesAgo: 0 });
  });
});
