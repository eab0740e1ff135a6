import assert from "node:assert/strict";
import { test } from "node:test";
import { freshRead } from "./fresh-read";

/** A read whose answers the test releases one at a time. */
function controlledRead() {
  const pending: { resolve(value: number): void; reject(error: Error): void }[] = [];
  let started = 0;
  const read = () =>
    new Promise<number>((resolve, reject) => {
      started += 1;
      pending.push({ resolve, reject });
    });
  return { read, pending, started: () => started };
}

test("callers that ask while a read is under way share the NEXT read, which starts after the first ends", async () => {
  const source = controlledRead();
  const shared = freshRead(source.read);
  const first = shared();
  assert.equal(source.started(), 1, "the first call reads at once");
  const second = shared();
  const third = shared();
  assert.equal(source.started(), 1, "no read starts while one is under way");
  source.pending[0]!.resolve(1);
  assert.equal(await first, 1);
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(source.started(), 2, "the waiting callers' read started after the first ended");
  source.pending[1]!.resolve(2);
  assert.deepEqual(await Promise.all([second, third]), [2, 2], "never the result of a read that started before their call");
  const fourth = shared();
  assert.equal(source.started(), 3, "idle again: the next call reads at once");
  source.pending[2]!.resolve(3);
  assert.equal(await fourth, 3);
});

test("a failed read fails only the callers it served; the next call reads anew", async () => {
  const source = controlledRead();
  const shared = freshRead(source.read);
  const first = shared();
  const second = shared();
  source.pending[0]!.reject(new Error("database down"));
  await assert.rejects(first, /database down/);
  await new Promise((resolve) => setImmediate(resolve));
  source.pending[1]!.resolve(7);
  assert.equal(await second, 7, "the queued read runs after a failed one");
  const third = shared();
  source.pending[2]!.resolve(8);
  assert.equal(await third, 8);
});
