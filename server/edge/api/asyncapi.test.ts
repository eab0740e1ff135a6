/**
 * `GET /api/asyncapi.json` against the real pipeline (own nats-server, fresh PGlite, tracker,
 * outbox): the document parses with @asyncapi/parser without an error, and while the API drives
 * drivers and orders through a day (testing/drive-day.ts), a subscriber on `>` collects everything
 * published on the account. Every message on a documented subject must validate against its
 * channel's payload schema (taken from the served document, with ajv); every other subject must
 * be one the document lists as internal; every documented channel must have carried a message.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Parser } from "@asyncapi/parser";
import { Ajv } from "ajv";
import type { ValidateFunction } from "ajv";
import { recordBackbone, type BackboneRecorder } from "../../../testing/backbone-recorder";
import { driveDay } from "../../../testing/drive-day";
import { startTestApp, waitFor, type TestApp } from "../../../testing/test-app";
import { channelOfSubject, EVENT_CHANNELS, INTERNAL_SUBJECTS, matchesSubject, PAYLOAD_SCHEMA_FORMAT } from "./asyncapi-document";

type JsonObject = Record<string, any>;

let t: TestApp;
let recorder: BackboneRecorder;
let document: JsonObject;

before(async () => {
  t = await startTestApp();
  recorder = await recordBackbone(t.nats.server.url, "asyncapi-test-spy");
});
after(async () => {
  await recorder?.stop();
  await t?.close();
});

const seenOn = (subject: string, predicate: (payload: JsonObject) => boolean) => recorder.seen.some((message) => message.subject === subject && predicate(JSON.parse(message.text) as JsonObject));

describe("the AsyncAPI document", () => {
  test("subjects map to their channel by address; internal patterns match as NATS wildcards do", () => {
    const cases: [string, string | undefined][] = [
      ["orders.o-1.events", "orderEvents"],
      ["orders.o-1.view", "orderViews"],
      ["drivers.3.d-1.location", "driverLocations"],
      ["drivers.3.d-1.route", "driverRoutes"],
      ["drivers.3.unassigned.order", "unroutedOrders"],
      ["orders.o-1.events.extra", undefined],
      ["drivers.d-1.location", undefined],
      ["lastmile.drivers.d-1.messages", undefined],
    ];
    for (const [subject, id] of cases) assert.equal(channelOfSubject(subject)?.id, id, subject);
    assert.ok(matchesSubject("$JS.>", "$JS.API.STREAM.INFO.ORDERS"));
    assert.ok(!matchesSubject("$JS.>", "$JS"));
    assert.ok(matchesSubject("lastmile.drivers.*.messages", "lastmile.drivers.d-1.messages"));
    assert.ok(!matchesSubject("lastmile.drivers.*.messages", "lastmile.drivers.d-1.messages.more"));
  });

  test("parses with @asyncapi/parser without an error, with the nats server and the integration user", async () => {
    const response = await fetch(`${t.baseUrl}/api/asyncapi.json`);
    assert.equal(response.status, 200);
    document = (await response.json()) as JsonObject;
    const { document: parsed, diagnostics } = await new Parser().parse(JSON.stringify(document));
    const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 0).map((diagnostic) => `${diagnostic.path.join(".")}: ${diagnostic.message}`);
    assert.deepEqual(errors, []);
    assert.ok(parsed, "the parser returned a document");
    assert.equal(document.asyncapi, "3.0.0");
    assert.equal(document.servers.nats.protocol, "nats");
    assert.match(document.servers.nats.host, /^[\w.-]+:\d+$/, "host:port, no credential");
    assert.equal(document.components.securitySchemes.integration.type, "userPassword");
    assert.deepEqual(
      parsed
        .channels()
        .all()
        .map((channel) => channel.address())
        .sort(),
      EVENT_CHANNELS.map((channel) => channel.address).sort(),
    );
  });

  test("every message of an end-to-end run is described and validates against its channel's payload", async () => {
    const day = await driveDay(t);
    // Until the tracker has published the finished orders' views and the cancelled one's.
    await waitFor(
      () => day.expectedViews.every(({ orderId, status }) => seenOn(`orders.${orderId}.view`, (view) => view.status === status)),
      20_000,
      "the views of the delivered, failed and cancelled orders",
    );
    await recorder.flush();

    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    const validators = new Map<string, ValidateFunction>();
    for (const channel of EVENT_CHANNELS) {
      const payload = document.components.messages[channel.message.name].payload as JsonObject;
      assert.equal(payload.schemaFormat, PAYLOAD_SCHEMA_FORMAT);
      validators.set(channel.id, ajv.compile(payload.schema as JsonObject));
    }
    const invalid: string[] = [];
    const undescribed = new Set<string>();
    const counts = new Map<string, number>();
    const types = new Set<string>();
    for (const { subject, text } of recorder.seen) {
      const channel = channelOfSubject(subject);
      if (!channel) {
        if (!INTERNAL_SUBJECTS.some(({ pattern }) => matchesSubject(pattern, subject))) undescribed.add(subject);
        continue;
      }
      counts.set(channel.id, (counts.get(channel.id) ?? 0) + 1);
      let payload: unknown;
      try {
        payload = JSON.parse(text);
      } catch {
        invalid.push(`${subject}: not JSON`);
        continue;
      }
      if (channel.id === "orderEvents") types.add((payload as { type: string }).type);
      const validate = validators.get(channel.id)!;
      if (!validate(payload)) invalid.push(`${subject}: ${ajv.errorsText(validate.errors)} in ${JSON.stringify(payload).slice(0, 300)}`);
    }
    assert.deepEqual(invalid, [], "messages that do not match their channel's payload schema");
    assert.deepEqual([...undescribed], [], "subjects neither described nor listed as internal");
    assert.deepEqual(
      EVENT_CHANNELS.map((channel) => channel.id).filter((id) => !counts.get(id)),
      [],
      "documented channels that carried no message in the run",
    );
    for (const type of [
      "order.created",
      "order.status_changed",
      "order.route_changed",
      "order.progress",
      "order.instructions_changed",
      "order.delivery_choice_set",
      "order.reschedule_accepted",
      "order.rated",
      "order.tracking_link_changed",
    ]) {
      assert.ok(types.has(type), `no ${type} event was seen`);
    }
  });
});
