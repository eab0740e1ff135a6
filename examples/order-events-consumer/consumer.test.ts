/**
 * The example consumer (consumer.ts), run as an integrator would run it, against a real child
 * nats-server as the `integration` user: it prints the events, is killed, more events are
 * published, and started again it prints exactly the new ones: none again, none missed.
 */
import assert from "node:assert/strict";
import { spawn, type ChildProcessByStdio } from "node:child_process";
import type { Readable } from "node:stream";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { startBackbone, type Backbone } from "../../server/platform/backbone/backbone";
import { NATS_INTEGRATION_USER, startNatsServer, type NatsServerProcess } from "../../server/platform/backbone/nats-server-process";
import { STREAMS, subjects } from "../../server/platform/backbone/subjects";
import type { TOrderEvent } from "../../lib/schemas/events";

const password = "example-integration-Hc4Tn9Wq2Ls7Vx";
const consumerName = "example-test";
const script = path.join(import.meta.dirname, "consumer.ts");
let storeDir: string;
let server: NatsServerProcess;
let app: Backbone;

before(async () => {
  storeDir = mkdtempSync(path.join(tmpdir(), "lastmile-example-consumer-"));
  server = await startNatsServer({ storeDir, integrationPassword: password });
  app = await startBackbone({ natsUrl: server.url, dataDir: storeDir });
});
after(async () => {
  await app.close();
  await server.stop();
  rmSync(storeDir, { recursive: true, force: true });
});

type Printed = { seq: number; subject: string; type: string; orderId: string };

/** Runs the example; `printed` fills with the JSON lines it writes. */
function runExample(env: Record<string, string>): { child: ChildProcessByStdio<null, Readable, Readable>; printed: Printed[]; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    env: {
      NODE_ENV: "test",
      PATH: process.env.PATH ?? "",
      NATS_URL: `nats://127.0.0.1:${server.port}`,
      NATS_USER: NATS_INTEGRATION_USER,
      NATS_PASSWORD: password,
      CONSUMER_NAME: consumerName,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const printed: Printed[] = [];
  let buffer = "";
  child.stdout.on("data", (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split("\n");
    buffer = lines.pop() ?? "";
    for (const line of lines) if (line.trim()) printed.push(JSON.parse(line) as Printed);
  });
  let errors = "";
  child.stderr.on("data", (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-2000)));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code: number | null) => resolve(code)));
  void exited.then((code) => {
    if (code !== 0 && code !== null) console.error(`example exited ${code}: ${errors}`);
  });
  return { child, printed, exited };
}

async function publishEvents(orderIds: string[]): Promise<number[]> {
  const seqs: number[] = [];
  for (const orderId of orderIds) {
    const event: TOrderEvent = { type: "order.created", orderId, at: Date.now(), lat: 40.42, lng: -3.7, address: `Calle ${orderId}`, status: "created" };
    seqs.push((await app.js.publish(subjects.orderEvents(orderId), JSON.stringify(event), { msgID: `${orderId}:created` })).seq);
  }
  return seqs;
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 20_000, refresh?: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await refresh?.();
    if (check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test("the example consumer resumes after a kill where it left off: only the new events, none missed", async () => {
  const firstSeqs = await publishEvents(["ex-1", "ex-2", "ex-3"]);

  const first = runExample({ START: "all" });
  await waitFor(() => first.printed.length >= 3, "the first three events");
  assert.deepEqual(
    first.printed.map((line) => [line.seq, line.type, line.orderId, line.subject]),
    firstSeqs.map((seq, index) => [seq, "order.created", `ex-${index + 1}`, `orders.ex-${index + 1}.events`]),
  );
  // Killed without warning, once the server recorded its acknowledgements (it prints, then acks).
  let ackFloor = 0;
  await waitFor(
    () => ackFloor === firstSeqs.at(-1),
    "the acknowledgements",
    10_000,
    async () => {
      ackFloor = (await app.jsm.consumers.info(STREAMS.orders, consumerName)).ack_floor.stream_seq;
    },
  );
  first.child.kill("SIGKILL");
  await first.exited;

  const laterSeqs = await publishEvents(["ex-4", "ex-5"]);
  const second = runExample({ START: "all" });
  await waitFor(() => second.printed.length >= 2, "the two new events");
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.deepEqual(
    second.printed.map((line) => line.seq),
    laterSeqs,
    "exactly the new ones: START only applies to a new consumer",
  );
  assert.deepEqual(
    second.printed.map((line) => line.orderId),
    ["ex-4", "ex-5"],
  );

  // Events published while it runs arrive too; SIGTERM stops it cleanly.
  const liveSeqs = await publishEvents(["ex-6"]);
  await waitFor(() => second.printed.length >= 3, "the live event");
  assert.deepEqual(second.printed.map((line) => line.seq).slice(2), liveSeqs);
  second.child.kill("SIGTERM");
  assert.equal(await second.exited, 0);
  assert.equal((await app.jsm.consumers.info(STREAMS.orders, consumerName)).num_pending, 0);
});
