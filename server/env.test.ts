import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseEnv } from "./env";

describe("tracking visibility variables", () => {
  it("defaults to 3 stops and no minutes limit", () => {
    const env = parseEnv({ NODE_ENV: "test" });
    assert.equal(env.TRACKING_VISIBLE_STOPS, 3);
    assert.equal(env.TRACKING_VISIBLE_MINUTES, undefined);
  });

  it("takes minutes alone once stops are off, or both", () => {
    assert.equal(parseEnv({ NODE_ENV: "test", TRACKING_VISIBLE_STOPS: "off", TRACKING_VISIBLE_MINUTES: "15" }).TRACKING_VISIBLE_STOPS, null);
    const both = parseEnv({ NODE_ENV: "test", TRACKING_VISIBLE_STOPS: "2", TRACKING_VISIBLE_MINUTES: "10" });
    assert.deepEqual([both.TRACKING_VISIBLE_STOPS, both.TRACKING_VISIBLE_MINUTES], [2, 10]);
  });

  it("refuses no limit at all and malformed values, naming the variable", () => {
    assert.throws(() => parseEnv({ NODE_ENV: "test", TRACKING_VISIBLE_STOPS: "off" }), /TRACKING_VISIBLE_STOPS/);
    assert.throws(() => parseEnv({ NODE_ENV: "test", TRACKING_VISIBLE_MINUTES: "0" }), /TRACKING_VISIBLE_MINUTES/);
    assert.throws(() => parseEnv({ NODE_ENV: "test", TRACKING_VISIBLE_STOPS: "three" }), /TRACKING_VISIBLE_STOPS/);
  });
});
