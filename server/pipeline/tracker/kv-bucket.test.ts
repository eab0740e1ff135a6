/**
 * The KV bucket's compare-and-set on a real nats-server (2.9): what partition leases rely on.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestBackbone } from "../../../testing/test-nats";
import { waitFor } from "../../../testing/test-app";
import { KvBucket } from "./kv-bucket";
import { assignPartitions } from "./partition-leases";
import { SequenceGuard } from "./sequence-guard";

let backbone: Awaited<ReturnType<typeof startTestBackbone>>;
let bucket: KvBucket;

before(async () => {
  backbone = await startTestBackbone();
  bucket = await KvBucket.open(backbone, "kv_test", { ttlMs: 1_500 });
});

after(async () => {
  await backbone?.close();
});

describe("KvBucket", () => {
  test("create only when absent; update only on the latest revision; delete by revision", async () => {
    const first = await bucket.create("leases.1", "a");
    assert.ok(first);
    assert.equal(await bucket.create("leases.1", "b"), null, "a live lease cannot be created twice");
    const renewed = await bucket.update("leases.1", "a", first);
    assert.ok(renewed && renewed > first);
    assert.equal(await bucket.update("leases.1", "b", first), null, "a stale revision cannot renew");
    assert.equal(await bucket.delete("leases.1", first), false, "nor delete");
    assert.equal(await bucket.delete("leases.1", renewed), true);
    assert.equal(await bucket.get("leases.1"), null);
    const again = await bucket.create("leases.1", "b");
    assert.ok(again, "a deleted lease can be created again");
    assert.deepEqual(await bucket.get("leases.1"), { value: "b", revision: again });
  });

  test("an entry not rewritten expires after the TTL, and can then be created by another", async () => {
    assert.ok(await bucket.create("leases.2", "a"));
    const startedAt = Date.now();
    await waitFor(async () => (await bucket.get("leases.2")) === null, 5_000, "the lease to expire");
    assert.ok(Date.now() - startedAt >= 1_000, "not before its TTL");
    assert.ok(await bucket.create("leases.2", "b"));
  });

  test("keys lists members; purge removes one outright", async () => {
    await bucket.put("members.x", "1");
    await bucket.put("members.y", "1");
    assert.deepEqual((await bucket.keys("members.")).sort(), ["members.x", "members.y"]);
    await bucket.purge("members.x");
    assert.deepEqual(await bucket.keys("members."), ["members.y"]);
  });
});

describe("assignPartitions and SequenceGuard", () => {
  test("every member computes the same balanced assignment", () => {
    const owners = assignPartitions(["c", "a", "b"], 16);
    assert.deepEqual(assignPartitions(["b", "c", "a"], 16), owners);
    const counts = ["a", "b", "c"].map((member) => [...owners.values()].filter((owner) => owner === member).length);
    assert.deepEqual(counts, [6, 5, 5]);
  });

  test("the guard applies only newer sequences", () => {
    const guard = new SequenceGuard(10);
    assert.equal(guard.accept(10), false);
    assert.equal(guard.accept(9), false);
    assert.equal(guard.accept(11), true);
    assert.equal(guard.accept(11), false, "a redelivery");
    assert.equal(guard.accept(15), true);
    assert.equal(guard.applied, 15);
  });
});
