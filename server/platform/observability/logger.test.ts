import assert from "node:assert/strict";
import { test } from "node:test";
import { prettyLine } from "./logger";

test("a JSON log line reads as a line for a person at a terminal, lists on their own lines", () => {
  const line = JSON.stringify({
    level: "info",
    time: "2026-11-30T12:00:01.123Z",
    service: "lastmile",
    pid: 7,
    port: 3000,
    links: ["http://a/track/1", "http://a/track/2"],
    msg: "demo fleet is moving",
  });
  assert.equal(prettyLine(line), "12:00:01 info  demo fleet is moving port=3000\n    http://a/track/1\n    http://a/track/2\n");
  const failed = prettyLine(JSON.stringify({ level: "error", time: "2026-11-30T12:00:02.000Z", msg: "publish failed", err: { message: "timeout", stack: "Error: timeout\n    at x" } }));
  assert.match(failed, /^12:00:02 error publish failed\n {4}Error: timeout/);
  assert.equal(prettyLine("not json\n"), "not json\n");
});
