/**
 * The events' contract in a driven run: the real pipeline (own nats-server, fresh PGlite, outbox
 * publisher, tracker, relay) through a day of the API (testing/drive-day.ts), and then
 * - every message published on a channel subject parses with the zod schema its consumers parse
 *   it with (lib/schemas, by channel: EVENT_CHANNELS) and names in its subject the order or
 *   driver it carries;
 * - every row written to the outbox (copied by a trigger as it is inserted: the publisher deletes
 *   rows once published) is on a channel subject, parses with that channel's schema, and went out
 *   as the same text with its id as the message id;
 * - every order_events projection row, read back as the event it records, parses as a TOrderEvent.
 * A failure lists each message as its subject (or row) and the field that did not parse.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { z } from "zod";
import { ZOrderEvent } from "../../lib/schemas/events";
import { channelOfSubject } from "../edge/api/asyncapi-document";
import { subjects } from "../platform/backbone/subjects";
import { recordBackbone, type BackboneRecorder } from "../../testing/backbone-recorder";
import { driveDay } from "../../testing/drive-day";
import { startTestApp, waitFor, type TestApp } from "../../testing/test-app";

let t: TestApp;
let recorder: BackboneRecorder;

before(async () => {
  t = await startTestApp();
  // Every outbox row as it is written (the publisher deletes it once on JetStream).
  await t.db.prisma.$executeRawUnsafe(`CREATE TABLE outbox_written (id text NOT NULL, subject text NOT NULL, payload text NOT NULL)`);
  await t.db.prisma.$executeRawUnsafe(`CREATE FUNCTION copy_outbox_row() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN INSERT INTO outbox_written (id, subject, payload) VALUES (NEW.id, NEW.subject, NEW.payload); RETURN NEW; END $$`);
  await t.db.prisma.$executeRawUnsafe(`CREATE TRIGGER outbox_written AFTER INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION copy_outbox_row()`);
  recorder = await recordBackbone(t.nats.server.url, "event-contract-spy");
});
after(async () => {
  await recorder?.stop();
  await t?.close();
});

/** Why `text` on `subject` breaks the contract (each as `field: problem`), or [] when it keeps it; null: not a channel subject. */
function contractProblems(subject: string, text: string): string[] | null {
  const channel = channelOfSubject(subject);
  if (!channel) return null;
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    return ["(payload): not JSON"];
  }
  const parsed = (channel.message.schema as z.ZodType).safeParse(payload);
  if (!parsed.success) return parsed.error.issues.map((issue) => `${issue.path.join(".") || "(payload)"}: ${issue.message}`);
  return subjectProblems(channel.id, subject, parsed.data as Record<string, any>);
}

/** The subject names what the payload carries, as every consumer checks. */
function subjectProblems(channelId: string, subject: string, data: Record<string, any>): string[] {
  const expected: Record<string, () => [string, string]> = {
    orderEvents: () => ["orderId", subjects.orderEvents(data.orderId)],
    orderViews: () => ["orderId", subjects.orderView(data.orderId)],
    driverLocations: () => ["driverId", subjects.driverLocation(data.driverId)],
    driverRoutes: () => ["driverId", subjects.driverRoute(data.driverId)],
    unroutedOrders: () => ["order.orderId", subjects.unroutedOrder(data.order.orderId)],
  };
  const [field, wanted] = expected[channelId]!();
  return wanted === subject ? [] : [`${field}: belongs on ${wanted}`];
}

test("every message published and every outbox and order_events row of a driven day parses with its schema", async () => {
  const day = await driveDay(t);
  const seenView = (orderId: string, status: string) =>
    recorder.seen.some((message) => message.subject === subjects.orderView(orderId) && (JSON.parse(message.text) as { status: string }).status === status);
  await waitFor(() => day.expectedViews.every(({ orderId, status }) => seenView(orderId, status)), 20_000, "the views of the delivered, failed and cancelled orders");
  await waitFor(async () => (await t.db.prisma.outboxMessage.count()) === 0, 10_000, "the outbox to drain");
  await recorder.flush();

  // Messages on the backbone.
  const broken: string[] = [];
  const perChannel = new Map<string, number>();
  for (const { subject, text } of recorder.seen) {
    const problems = contractProblems(subject, text);
    if (problems === null) continue;
    const channel = channelOfSubject(subject)!.id;
    perChannel.set(channel, (perChannel.get(channel) ?? 0) + 1);
    for (const problem of problems) broken.push(`${subject}: ${problem}`);
  }
  assert.deepEqual(broken, [], "published messages that break their schema");
  for (const channel of ["orderEvents", "orderViews", "driverLocations", "driverRoutes", "unroutedOrders"]) assert.ok(perChannel.get(channel), `no message on ${channel}`);

  // Outbox rows, as written.
  const rows = await t.db.prisma.$queryRawUnsafe<{ id: string; subject: string; payload: string }[]>(`SELECT id, subject, payload FROM outbox_written`);
  assert.ok(rows.length >= 20, `the day wrote its events to the outbox (${rows.length} rows)`);
  const brokenRows: string[] = [];
  for (const row of rows) {
    const problems = contractProblems(row.subject, row.payload);
    if (problems === null) brokenRows.push(`outbox ${row.id} on ${row.subject}: not a channel subject`);
    else for (const problem of problems) brokenRows.push(`outbox ${row.id} on ${row.subject}: ${problem}`);
    if (!recorder.seen.some((message) => message.msgId === row.id && message.subject === row.subject && message.text === row.payload)) {
      brokenRows.push(`outbox ${row.id} on ${row.subject}: not published as written (same text, msgID = row id)`);
    }
  }
  assert.deepEqual(brokenRows, [], "outbox rows that break their schema");
  const rowSubjects = new Set(rows.map((row) => channelOfSubject(row.subject)?.id));
  for (const channel of ["orderEvents", "driverRoutes", "unroutedOrders"]) assert.ok(rowSubjects.has(channel as never), `no outbox row on ${channel}`);

  // The order_events projection: each row is the event it records, without orderId, type and at.
  // The projection writer runs behind the stream: wait until it holds every kind the day made.
  const projectedTypes = ["order.created", "order.status_changed", "order.route_changed", "order.progress", "order.rated"];
  await waitFor(
    async () => {
      const present = await t.db.prisma.orderEvent.findMany({ distinct: ["type"], select: { type: true } });
      return projectedTypes.every((type) => present.some((row) => row.type === type));
    },
    20_000,
    `order_events to hold ${projectedTypes.join(", ")}`,
  );
  const projection = await t.db.prisma.orderEvent.findMany();
  const brokenProjection: string[] = [];
  const types = new Set<string>();
  for (const row of projection) {
    types.add(row.type);
    const event = { ...(row.data as Record<string, unknown>), type: row.type, orderId: row.orderId, at: row.occurredAt.getTime() };
    const parsed = ZOrderEvent.safeParse(event);
    if (!parsed.success) for (const issue of parsed.error.issues) brokenProjection.push(`order_events ${row.id} (${row.type}): ${issue.path.join(".") || "(data)"}: ${issue.message}`);
  }
  assert.deepEqual(brokenProjection, [], "order_events rows that are not a TOrderEvent");
  for (const type of projectedTypes) assert.ok(types.has(type), `no ${type} row in order_events`);
});

test("a drifted field is named with its subject", () => {
  const view = { orderId: "o-1", version: 3, status: "assigned", stopsAway: 1, eta: null, driver: null, destination: { lat: 1, lng: 2, address: "A" }, statusAt: "x", updatedAt: "y" };
  assert.deepEqual(contractProblems("orders.o-1.view", JSON.stringify(view)), []);
  assert.deepEqual(contractProblems("orders.o-1.view", JSON.stringify({ ...view, version: "3" })), ["version: Invalid input: expected number, received string"]);
  assert.deepEqual(contractProblems("orders.o-2.view", JSON.stringify(view)), ["orderId: belongs on orders.o-1.view"]);
  assert.equal(contractProblems("lastmile.outbox.nudge", ""), null);
});
