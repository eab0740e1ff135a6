import assert from "node:assert/strict";
import { test } from "node:test";
import { checkTestedRange, installedVersion, isInRange, PatchCannotApply } from "./tested-range";

test("a version is in range from `from` (inclusive) to `below` (exclusive), prereleases by their numbers", () => {
  const range = { from: "6.6.0", below: "7.0.0" };
  assert.ok(isInRange("6.6.0", range));
  assert.ok(isInRange("6.10.2", range));
  assert.ok(isInRange("6.6.12-rc.1", range));
  assert.equal(isInRange("6.5.9", range), false);
  assert.equal(isInRange("7.0.0", range), false);
});

test("the installed version is read from the library's own package.json, a dependency's from where its dependent finds it", () => {
  assert.match(installedVersion({ library: "socket.io" }), /^4\.\d+\.\d+/);
  assert.match(installedVersion({ library: "engine.io", dependencyOf: "socket.io" }), /^6\.\d+\.\d+/);
  assert.throws(() => installedVersion({ library: "no-such-library-lastmile" }), /no-such-library-lastmile is not installed/);
});

test("outside the tested range: one warning naming the patch, the library, the range and the installed version", () => {
  const warnings: string[] = [];
  const version = checkTestedRange({ library: "socket.io", from: "5.0.0", below: "6.0.0" }, "A patch", (message) => warnings.push(message));
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, new RegExp(`^A patch relies on socket.io's internals and was tested on >=5.0.0 <6.0.0; ${version.replaceAll(".", "\\.")} is installed`));
  assert.equal(
    new PatchCannotApply({ library: "engine.io", from: "6.6.0", below: "7.0.0" }, "7.1.0", "its listener is gone").message,
    "engine.io 7.1.0 (tested: >=6.6.0 <7.0.0): its listener is gone",
  );
});
