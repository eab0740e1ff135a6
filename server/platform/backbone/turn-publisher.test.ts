/** TurnPublisher against a real nats-server: one turn's publishes leave together, in order, each with its own outcome. */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { JetStreamApiError, type JetStreamPublishOptions, type PubAck } from "@nats-io/jetstream";
import type { Payload } from "@nats-io/transport-node";
import { startTestBackbone } from "../../../testing/test-nats";
import { TurnPublisher } from "./turn-publisher";

let backbone: Awaited<ReturnType<typeof startTestBackbone>>;
before(async () => {
  backbone = await startTestBackbone({ monitoring: false });
  await backbone.jsm.streams.add({ name: "TURNS", subjects: ["turns.>"] });
});
after(() => backbone?.close());

test("publishes asked for in one turn reach the server back to back, in the order asked, after the turn", async () => {
  /** When each publish reached the real client: the turn's publishes must come in one synchronous run. */
  const handedOver: { subject: string; run: number }[] = [];
  let run = 0;
  const publisher = new TurnPublisher({
    publish(subject: string, payload?: Payload, options?: Partial<JetStreamPublishOptions>): Promise<PubAck> {
      handedOver.push({ subject, run });
      return backbone.js.publish(subject, payload, options);
    },
  });
  const acks = Array.from({ length: 50 }, (_, index) => publisher.publish(`turns.order.${index % 5}`, String(index), { msgID: `order-${index}` }));
  assert.equal(handedOver.length, 0, "nothing is sent during the turn that asked");
  setImmediate(() => run++);
  const stored = await Promise.all(acks);
  assert.deepEqual(new Set(handedOver.map((call) => call.run)), new Set([0]), "all in the same run, before the next immediate");
  const seqs = stored.map((ack) => ack.seq);
  assert.deepEqual(
    seqs,
    [...seqs].sort((a, b) => a - b),
    "stored in the order asked",
  );
  const first = await backbone.jsm.streams.getMessage("TURNS", { seq: seqs[0]! });
  assert.equal(first?.string(), "0");
});

test("a refused publish rejects alone; the others of its turn are stored", async () => {
  const publisher = new TurnPublisher(backbone.js);
  const last = (await backbone.jsm.streams.info("TURNS")).state.last_seq;
  const ok = publisher.publish("turns.isolated.a", "a");
  // Expects a subject sequence the subject does not have: JetStream refuses it.
  const refused = publisher.publish("turns.isolated.b", "b", { expect: { lastSubjectSequence: 999_999 } });
  const alsoOk = publisher.publish("turns.isolated.c", "c");
  await assert.rejects(refused, (error: unknown) => error instanceof JetStreamApiError);
  assert.equal((await ok).seq, last + 1);
  assert.equal((await alsoOk).seq, last + 2);
});
