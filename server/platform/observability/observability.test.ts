/**
 * /metrics (admin token on the main port; values move when fixes and statuses are posted) and
 * request ids (honoured or generated, echoed, on every log line of the request; no tokens,
 * query strings or coordinates in the lines).
 */
import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { after, before, test } from "node:test";
import { subjects } from "../backbone/subjects";
import { createLogger } from "./logger";
import { parseMetricSamples, sumSamples as sum, type MetricSamples } from "../../../testing/metric-samples";
import { drivingFixes, startTestApp, waitFor, type TestApp } from "../../../testing/test-app";

let app: TestApp;
const logLines: Record<string, unknown>[] = [];
const rawLog: string[] = [];

before(async () => {
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n").filter(Boolean)) {
        rawLog.push(line);
        logLines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  app = await startTestApp({ logger: createLogger({ level: "debug", destination }) });
});
after(() => app?.close());

async function scrape(): Promise<MetricSamples> {
  const response = await fetch(`${app.baseUrl}/metrics`, { headers: { authorization: `Bearer ${app.adminToken}` } });
  assert.equal(response.status, 200);
  assert.match(response.headers.get("content-type") ?? "", /^text\/plain/);
  return parseMetricSamples(await response.text());
}

test("/metrics needs the admin token on the main port", async () => {
  assert.equal((await fetch(`${app.baseUrl}/metrics`)).status, 401);
  assert.equal((await fetch(`${app.baseUrl}/metrics`, { headers: { authorization: "Bearer wrong-token-of-some-length" } })).status, 401);
});

test("metrics move when fixes and statuses are posted", async () => {
  const driver = await app.createDriver();
  const order = await app.createOrder({ driverId: driver.id });
  await app.setRoute(driver.id, [order.id]);
  const watcher = await app.watch(order.token);
  const before = await scrape();

  // Process metrics and the gauges are there.
  assert.ok(before.has("process_cpu_user_seconds_total"), "default process metrics");
  assert.ok(
    [...before.keys()].some((key) => key.startsWith("nodejs_eventloop_lag_seconds")),
    "event-loop lag",
  );
  assert.equal(sum(before, "lastmile_sockets_connected"), 1, "the watcher's socket");
  assert.equal(sum(before, "lastmile_tracker_partitions_owned"), 16);
  assert.ok([...before.keys()].filter((key) => key.startsWith("lastmile_tracker_lag{")).length === 16, "a lag per owned partition");
  assert.ok(before.has("lastmile_outbox_depth"));
  assert.ok(sum(before, "lastmile_outbox_depth") >= 0);

  await app.postFixes(driver.token, drivingFixes({ lat: 48.85, lng: 2.35 }, 5, { startSeq: 1 }));
  await app.postFixes(driver.token, drivingFixes({ lat: 48.85, lng: 2.35 }, 5, { startSeq: 1 })); // a resend: duplicates
  await app.setStatus(driver.token, order.id, "picked_up");
  await watcher.waitForView((view) => view.status === "picked_up");
  await waitFor(() => watcher.events.some((event) => event.includes('"order:entry"')), 5_000, "the timeline entry");

  const after = await scrape();
  const delta = (name: string, labels: Record<string, string> = {}) => sum(after, name, labels) - sum(before, name, labels);
  assert.equal(delta("lastmile_ingest_fixes_total", { result: "accepted" }), 5);
  assert.equal(delta("lastmile_ingest_fixes_total", { result: "duplicate" }), 5);
  assert.equal(delta("lastmile_ingest_requests_total", { route: "locations", status: "202" }), 2);
  assert.equal(delta("lastmile_ingest_duration_seconds_count", { route: "locations" }), 2);
  assert.ok(delta("lastmile_relay_emits_total", { event: "order:view" }) >= 1, "views emitted to the room");
  assert.ok(delta("lastmile_relay_emits_total", { event: "order:entry" }) >= 1, "timeline entries emitted to the room");
  assert.equal(delta("lastmile_publish_errors_total"), 0);
  await waitFor(async () => sum(await scrape(), "lastmile_tracker_lag") === 0, 10_000, "the tracker to catch up (lag 0 on every partition)");
  await waitFor(async () => sum(await scrape(), "lastmile_outbox_depth") === 0, 10_000, "the outbox to drain");
  watcher.close();
  await waitFor(async () => sum(await scrape(), "lastmile_sockets_connected") === 0, 5_000, "the socket to be gone");
});

test("a malformed message is counted by who dropped it and its kind of subject, not only logged", async () => {
  const driver = await app.createDriver();
  const order = await app.createOrder({ driverId: driver.id });
  const watcher = await app.watch(order.token);
  const before = await scrape();
  const delta = async (labels: Record<string, string>) => sum(await scrape(), "lastmile_malformed_messages_total", labels) - sum(before, "lastmile_malformed_messages_total", labels);

  // A fix whose latitude is text, on the tracker's input: the partition drops it and counts it.
  await app.core.js.publish(subjects.driverLocation(driver.id), JSON.stringify({ driverId: driver.id, lat: "north", lng: 2.35, at: Date.now() }));
  await waitFor(async () => (await delta({ consumer: "tracker", subject_kind: "location" })) === 1, 10_000, "the tracker to count the malformed fix");
  // A view without its version, on the watched order's view subject: the relay drops it and counts it.
  app.core.nc.publish(subjects.orderView(order.id), JSON.stringify({ orderId: order.id, status: "assigned" }));
  await waitFor(async () => (await delta({ consumer: "relay", subject_kind: "order_view" })) === 1, 10_000, "the relay to count the malformed view");
  assert.equal(await delta({ consumer: "tracker", subject_kind: "route" }), 0, "nothing else counted");
  assert.ok(!watcher.events.some((event) => event.includes('"status":"assigned"') && !event.includes('"version"')), "the malformed view never reached the socket");
  watcher.close();
});

test("request ids: honoured when plausible, generated otherwise, echoed, on the request's log lines", async () => {
  const given = await fetch(`${app.baseUrl}/api/orders`, { headers: { authorization: `Bearer ${app.adminToken}`, "x-request-id": "lb-1234.abc" } });
  assert.equal(given.headers.get("x-request-id"), "lb-1234.abc");
  const generated = await fetch(`${app.baseUrl}/api/orders`, { headers: { authorization: `Bearer ${app.adminToken}` } });
  assert.match(generated.headers.get("x-request-id") ?? "", /^[0-9a-f-]{36}$/);
  const refused = await fetch(`${app.baseUrl}/healthz`, { headers: { "x-request-id": "x".repeat(300) } });
  assert.match(refused.headers.get("x-request-id") ?? "", /^[0-9a-f-]{36}$/, "an implausible id is replaced");
  const line = await waitFor(() => logLines.find((entry) => entry.reqId === "lb-1234.abc"), 2_000, "the request's log line");
  assert.equal(line.path, "/api/orders");
  assert.equal(line.status, 200);
  assert.equal(line.level, "info");
  assert.equal(typeof line.ms, "number");
});

test("log lines carry no tokens, query strings or coordinates", async () => {
  const driver = await app.createDriver({ trackerId: "tracker-log-check" });
  const order = await app.createOrder({ driverId: driver.id, customerName: "Ada Lovelace", address: "12 Secret Lane" });
  await app.api("GET", `/api/track/${order.token}`);
  await app.api("POST", `/api/osmand?id=tracker-log-check&lat=48.8612345&lon=2.3612345&timestamp=${Math.floor(Date.now() / 1000)}`);
  await app.postFixes(driver.token, [{ lat: 48.8598765, lng: 2.3598765, at: Date.now(), seq: 1 }]);
  await waitFor(() => logLines.some((entry) => typeof entry.path === "string" && entry.path.startsWith("/api/track/")), 2_000, "the tracking request's line");
  const all = rawLog.join("\n");
  for (const secret of [order.token, driver.token, app.adminToken, "48.8612345", "48.8598765", "Ada Lovelace", "12 Secret Lane", "tracker-log-check"]) {
    assert.ok(!all.includes(secret), `the logs do not contain ${secret.slice(0, 12)}…`);
  }
  assert.ok(
    logLines.some((entry) => entry.path === "/api/track/:token"),
    "tracking paths are logged as the route",
  );
  assert.ok(
    logLines.some((entry) => entry.path === "/api/osmand"),
    "no query string",
  );
});
