import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startTestApp, waitFor, type TestApp } from "../../../testing/test-app";

let t: TestApp;
before(async () => {
  t = await startTestApp({ tracker: false });
});
after(async () => {
  await t.close();
});

test("/healthz answers while the process runs; /readyz while the database and NATS answer", async () => {
  const live = await t.api("GET", "/healthz");
  assert.equal(live.status, 200);
  assert.deepEqual(live.body, { ok: true });
  const ready = await t.api("GET", "/readyz");
  assert.equal(ready.status, 200);
  assert.equal(ready.body.checks.database.ok, true);
  assert.equal(ready.body.checks.nats.ok, true);
});

test("/readyz is 503 naming NATS while nats-server is down, and ready again once it is back; /healthz stays 200", async () => {
  const port = t.nats.server.port;
  await t.nats.server.stop();
  const notReady = await waitFor(
    async () => {
      const answer = await t.api("GET", "/readyz");
      return answer.status === 503 ? answer : null;
    },
    15_000,
    "/readyz to fail",
  );
  assert.equal(notReady.body.ok, false);
  assert.equal(notReady.body.checks.nats.ok, false);
  assert.equal(notReady.body.checks.database.ok, true);
  assert.equal((await t.api("GET", "/healthz")).status, 200);

  const { startNatsServer } = await import("../backbone/nats-server-process");
  t.nats.server = await startNatsServer({ storeDir: t.nats.storeDir, port });
  await waitFor(async () => (await t.api("GET", "/readyz")).status === 200, 20_000, "/readyz to recover");
});
