/**
 * POST /api/driver/locations against a real JetStream: a 202 means the fixes are on the
 * LOCATIONS stream, resends are deduplicated, shuffled batches are stored in time order, and
 * with the backbone down the endpoint says 503 + Retry-After, then recovers losing nothing.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { STREAMS, subjects } from "../../platform/backbone/subjects";
import type { TLocationEvent } from "../../../lib/schemas/events";
import { isApiError, startTestApp, waitFor, type Driver, type Fix, type TestApp } from "../../../testing/test-app";

let t: TestApp;
let driver: Driver;

before(async () => {
  // No tracker: this file is about the ingest path and the stream alone.
  t = await startTestApp({ tracker: false });
  driver = await t.createDriver({ name: "Ingest" });
});

after(async () => {
  await t?.close();
});

async function streamMessageCount(): Promise<number> {
  return (await t.core.jsm.streams.info(STREAMS.locations)).state.messages;
}

async function lastFixOnStream(driverId: string): Promise<TLocationEvent & { streamSeq: number }> {
  const message = await t.core.jsm.streams.getMessage(STREAMS.locations, { last_by_subj: subjects.driverLocation(driverId) });
  assert.ok(message, "a message on the driver's subject");
  return { ...(message.json() as TLocationEvent), streamSeq: message.seq };
}

/** Every fix stored for a driver, in stream order. */
async function fixesOnStream(driverId: string): Promise<TLocationEvent[]> {
  const info = await t.core.jsm.streams.info(STREAMS.locations);
  const subject = subjects.driverLocation(driverId);
  const stored: TLocationEvent[] = [];
  for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
    const message = await t.core.jsm.streams.getMessage(STREAMS.locations, { seq }).catch(() => null);
    if (message?.subject === subject) stored.push(message.json() as TLocationEvent);
  }
  return stored;
}

let nextSeq = 1;
function batch(count: number, endAt = Date.now()): Fix[] {
  return Array.from({ length: count }, (_, index) => ({
    lat: Number((48.85 + index * 0.0001).toFixed(6)),
    lng: Number((2.35 + index * 0.0001).toFixed(6)),
    at: endAt - (count - 1 - index) * 1_000,
    seq: nextSeq++,
    accuracy: 8,
  }));
}

describe("POST /api/driver/locations", () => {
  test("a 202 means every fix is already on the LOCATIONS stream", async () => {
    const before = await streamMessageCount();
    const fixes = batch(5);
    const response = await t.api("POST", "/api/driver/locations", { fixes }, driver.token);
    assert.equal(response.status, 202, response.text);
    assert.deepEqual(response.body, { accepted: 5, duplicates: 0 });

    // Read right after the reply: no waiting, the reply promised it is stored.
    const last = await lastFixOnStream(driver.id);
    const expected = fixes.at(-1)!;
    assert.equal(last.driverId, driver.id);
    assert.equal(last.lat, expected.lat);
    assert.equal(last.lng, expected.lng);
    assert.equal(last.at, expected.at);
    assert.equal(last.seq, expected.seq);
    assert.equal(last.accuracy, 8);
    assert.equal(last.source, "driver-app");
    assert.equal(await streamMessageCount(), before + 5);
  });

  test("ISO timestamps are stored as ms epoch", async () => {
    const at = Date.now() - 500;
    const response = await t.api("POST", "/api/driver/locations", { fixes: [{ lat: 48.9, lng: 2.4, at: new Date(at).toISOString(), seq: nextSeq++ }] }, driver.token);
    assert.equal(response.status, 202, response.text);
    const last = await lastFixOnStream(driver.id);
    assert.equal(last.at, at);
    assert.equal(last.accuracy, null);
  });

  test("resending the same batch (same seq) is deduplicated", async () => {
    const fixes = batch(4);
    const first = await t.api("POST", "/api/driver/locations", { fixes }, driver.token);
    assert.deepEqual(first.body, { accepted: 4, duplicates: 0 });
    const count = await streamMessageCount();

    const resent = await t.api("POST", "/api/driver/locations", { fixes }, driver.token);
    assert.equal(resent.status, 202, resent.text);
    assert.deepEqual(resent.body, { accepted: 0, duplicates: 4 });
    assert.equal(await streamMessageCount(), count, "nothing stored twice");

    // A partial overlap: only the new fixes are stored.
    const more = [...fixes.slice(2), ...batch(2, Date.now() + 1)];
    const overlap = await t.api("POST", "/api/driver/locations", { fixes: more }, driver.token);
    assert.deepEqual(overlap.body, { accepted: 2, duplicates: 2 });
    assert.equal(await streamMessageCount(), count + 2);
  });

  test("fixes without seq are deduplicated by content", async () => {
    const fixes = [{ lat: 48.861, lng: 2.361, at: Date.now() - 100 }];
    assert.deepEqual((await t.api("POST", "/api/driver/locations", { fixes }, driver.token)).body, { accepted: 1, duplicates: 0 });
    const count = await streamMessageCount();
    assert.deepEqual((await t.api("POST", "/api/driver/locations", { fixes }, driver.token)).body, { accepted: 0, duplicates: 1 });
    assert.equal(await streamMessageCount(), count);
  });

  test("the same seq from two drivers is two fixes", async () => {
    const second = await t.createDriver({ name: "Second" });
    const fix = { lat: 48.87, lng: 2.37, at: Date.now() - 50, seq: 1 };
    const count = await streamMessageCount();
    assert.equal((await t.api("POST", "/api/driver/locations", { fixes: [fix] }, second.token)).status, 202);
    const stored = await lastFixOnStream(second.id);
    assert.equal(stored.driverId, second.id);
    assert.equal(await streamMessageCount(), count + 1);
  });

  test("a batch posted out of time order is stored in time order", async () => {
    const count = await streamMessageCount();
    const ordered = batch(6);
    const shuffled = [ordered[3], ordered[0], ordered[5], ordered[1], ordered[4], ordered[2]] as Fix[];
    const response = await t.api("POST", "/api/driver/locations", { fixes: shuffled }, driver.token);
    assert.deepEqual(response.body, { accepted: 6, duplicates: 0 });

    const stored = (await fixesOnStream(driver.id)).slice(-6);
    assert.equal(await streamMessageCount(), count + 6);
    assert.deepEqual(
      stored.map((fix) => fix.seq),
      ordered.map((fix) => fix.seq),
    );
    assert.deepEqual(
      stored.map((fix) => fix.at),
      ordered.map((fix) => fix.at),
    );
    assert.equal((await lastFixOnStream(driver.id)).seq, ordered.at(-1)!.seq, "the newest fix is the subject's last message");
  });

  test("with NATS down: 503 + Retry-After + JSON error; after restart it works and nothing acknowledged is lost", async () => {
    const acknowledged = await fixesOnStream(driver.id);
    const acknowledgedSeqs = acknowledged.map((fix) => fix.seq);
    assert.ok(acknowledgedSeqs.length >= 15, `${acknowledgedSeqs.length} fixes before the outage`);

    await t.nats.server.stop();
    const rejected = batch(3);
    const started = Date.now();
    const down = await t.api("POST", "/api/driver/locations", { fixes: rejected }, driver.token);
    const elapsedMs = Date.now() - started;
    console.log(`# 503 with NATS stopped took ${elapsedMs} ms`);
    assert.equal(down.status, 503, down.text);
    assert.ok(isApiError(down.body), down.text);
    assert.equal(down.body.error.code, "backbone_unavailable");
    const retryAfter = down.headers.get("retry-after");
    assert.ok(retryAfter && /^\d+$/.test(retryAfter) && Number(retryAfter) > 0, `Retry-After: ${retryAfter}`);

    // The server itself still answers while the backbone is away.
    assert.equal((await t.api("GET", "/api/health")).status, 200);

    await t.nats.restart();
    // The client reconnects on its own; the phone retries the same batch until it is taken.
    const retried = await waitFor(
      async () => {
        const response = await t.api("POST", "/api/driver/locations", { fixes: rejected }, driver.token);
        return response.status === 202 ? response : null;
      },
      30_000,
      "ingest to accept fixes again after the restart",
    );
    // Publishes buffered while disconnected may have been stored on reconnect: then they are
    // duplicates now. Either way each fix is stored exactly once.
    console.log(`# retry of the 503 batch after restart: ${JSON.stringify(retried.body)} (${Date.now() - started} ms after the outage began)`);
    assert.equal(retried.body.accepted + retried.body.duplicates, 3);
    const fresh = batch(2);
    assert.deepEqual((await t.api("POST", "/api/driver/locations", { fixes: fresh }, driver.token)).body, { accepted: 2, duplicates: 0 });

    const stored = await fixesOnStream(driver.id);
    const storedSeqs = stored.map((fix) => fix.seq);
    assert.deepEqual(storedSeqs.slice(0, acknowledgedSeqs.length), acknowledgedSeqs, "everything acknowledged before the outage survived it");
    for (const fix of [...rejected, ...fresh]) {
      assert.equal(storedSeqs.filter((seq) => seq === fix.seq).length, 1, `seq ${fix.seq} stored exactly once`);
    }
  });
});
