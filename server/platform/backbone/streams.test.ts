/** Stream retention from env (LOCATIONS_MAX_AGE, LOCATIONS_MAX_BYTES, ORDERS_MAX_AGE) reaches nats-server, at creation and on a later start. */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { parseEnv, streamRetentionOf } from "../../env";
import { startTestBackbone } from "../../../testing/test-nats";
import { ensureStreams } from "./streams";
import { STREAMS } from "./subjects";

let backbone: Awaited<ReturnType<typeof startTestBackbone>>;
before(async () => (backbone = await startTestBackbone({ monitoring: false })));
after(() => backbone?.close());

const NS_PER_MS = 1_000_000;

test("defaults: LOCATIONS 30 days, no size cap; ORDERS a year", async () => {
  const locations = (await backbone.jsm.streams.info(STREAMS.locations)).config;
  assert.equal(locations.max_age, 30 * 86_400_000 * NS_PER_MS);
  assert.equal(locations.max_bytes, -1);
  assert.equal((await backbone.jsm.streams.info(STREAMS.orders)).config.max_age, 365 * 86_400_000 * NS_PER_MS);
});

test("configured retention updates the existing streams; the duplicate window stays within the max age", async () => {
  const env = parseEnv({ NODE_ENV: "test", LOCATIONS_MAX_AGE: "5m", LOCATIONS_MAX_BYTES: "64MB", ORDERS_MAX_AGE: "90d" });
  await ensureStreams(backbone.jsm, 1, streamRetentionOf(env));
  const locations = (await backbone.jsm.streams.info(STREAMS.locations)).config;
  assert.equal(locations.max_age, 5 * 60_000 * NS_PER_MS);
  assert.equal(locations.max_bytes, 64 * 1024 * 1024);
  assert.ok(locations.duplicate_window <= locations.max_age);
  assert.equal((await backbone.jsm.streams.info(STREAMS.orders)).config.max_age, 90 * 86_400_000 * NS_PER_MS);
});
