/**
 * Exactly once after long offline periods: JetStream's msgID dedupe only covers the stream's
 * duplicate window (10 min), so a phone that resends older seqs later must still be stored
 * once. The window is shrunk to 1 s here to play "much later" without waiting.
 */
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import type { TLocationEvent } from "../../../lib/schemas/events";
import { STREAMS, subjects } from "../../platform/backbone/subjects";
import { createApplication, type Application } from "../../create-application";
import { startTestApp, type Driver, type Fix, type TestApp } from "../../../testing/test-app";

let t: TestApp;
let driver: Driver;

before(async () => {
  t = await startTestApp({ tracker: false });
  const info = await t.core.jsm.streams.info(STREAMS.locations);
  await t.core.jsm.streams.update(STREAMS.locations, { ...info.config, duplicate_window: 1_000_000_000 });
  driver = await t.createDriver({ name: "Offline" });
});

after(async () => {
  await t?.close();
});

const fixes = (from: number, to: number): Fix[] =>
  Array.from({ length: to - from + 1 }, (_, index) => ({ lat: 40 + (from + index) / 1e4, lng: -3.7, at: Date.now() - (to - from - index) * 1000, seq: from + index }));

async function storedSeqs(driverId: string): Promise<Array<number | null>> {
  const response = await t.api<Array<{ seq: number | null }>>("GET", "/api/driver/fixes", undefined, driver.token);
  assert.equal(response.status, 200, response.text);
  void driverId;
  return response.body.map((fix) => fix.seq);
}

const outlastWindow = () => new Promise((resolve) => setTimeout(resolve, 1_500));

/** A second app process on the same backbone and database: its caches start cold. */
async function secondProcess(): Promise<{ app: Application; post: (body: unknown) => Promise<{ status: number; body: { accepted: number; duplicates: number } }> }> {
  const app = createApplication({ core: t.core, adminToken: t.adminToken, log: () => undefined });
  await new Promise<void>((resolve) => app.httpServer.listen(0, "127.0.0.1", resolve));
  const { port } = app.httpServer.address() as AddressInfo;
  return {
    app,
    async post(body) {
      const response = await fetch(`http://127.0.0.1:${port}/api/driver/locations`, {
        method: "POST",
        headers: { authorization: `Bearer ${driver.token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as { accepted: number; duplicates: number } };
    },
  };
}

describe("seq watermark", () => {
  test("a batch resent after the duplicate window is still stored once", async () => {
    assert.deepEqual(await t.postFixes(driver.token, fixes(1, 5)), { accepted: 5, duplicates: 0 });
    await outlastWindow();
    assert.deepEqual(await t.postFixes(driver.token, fixes(1, 5)), { accepted: 0, duplicates: 5 });
    // Old and new together: only the new ones are stored.
    assert.deepEqual(await t.postFixes(driver.token, fixes(3, 8)), { accepted: 3, duplicates: 3 });
    assert.deepEqual(await storedSeqs(driver.id), [1, 2, 3, 4, 5, 6, 7, 8]);
  });

  test("another process, with a cold cache, knows the watermark from the stream", async () => {
    const other = await secondProcess();
    try {
      await outlastWindow();
      const resent = await other.post({ fixes: fixes(6, 10) });
      assert.equal(resent.status, 202);
      assert.deepEqual(resent.body, { accepted: 2, duplicates: 3 });
      // Back to the first process, whose cache is now stale: JetStream's expectation catches it.
      await outlastWindow();
      assert.deepEqual(await t.postFixes(driver.token, fixes(9, 11)), { accepted: 1, duplicates: 2 });
      assert.deepEqual(await storedSeqs(driver.id), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    } finally {
      await other.app.close();
    }
  });

  test("tracker-app fixes on the same subject keep the watermark", async () => {
    await t.api("POST", "/api/driver/locations", { fixes: [{ lat: 40.1, lng: -3.7, at: Date.now() }] }, driver.token);
    const last = await t.core.jsm.streams.getMessage(STREAMS.locations, { last_by_subj: subjects.driverLocation(driver.id) });
    assert.equal(last?.json<TLocationEvent>().seq, null);
    await outlastWindow();
    const other = await secondProcess();
    try {
      assert.deepEqual((await other.post({ fixes: fixes(10, 12) })).body, { accepted: 1, duplicates: 2 });
    } finally {
      await other.app.close();
    }
  });

  test("GET /api/driver/me tells a reinstalled phone where to continue", async () => {
    const me = await t.api<{ lastSeq: number | null }>("GET", "/api/driver/me", undefined, driver.token);
    assert.equal(me.status, 200, me.text);
    assert.equal(me.body.lastSeq, 12);
    const fresh = await t.createDriver({ name: "New phone" });
    assert.equal((await t.api<{ lastSeq: number | null }>("GET", "/api/driver/me", undefined, fresh.token)).body.lastSeq, null);
  });
});
