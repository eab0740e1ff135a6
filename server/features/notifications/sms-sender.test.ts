import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startTwilioStandIn, type TwilioStandIn } from "../../../testing/twilio-stand-in";
import { createSmsSender } from "./sms-sender";

const SID = "AC00000000000000000000000000000001";
const TOKEN = "stand-in-token-1";
let twilio: TwilioStandIn;
before(async () => {
  twilio = await startTwilioStandIn(SID, TOKEN);
});
after(async () => {
  await twilio.close();
});

test("a message is POSTed as Twilio documents it and its sid comes back", async () => {
  const sms = createSmsSender({ apiUrl: `${twilio.url}/`, accountSid: SID, authToken: TOKEN, from: "+15017122661" });
  const sent = await sms.send({ to: "+34600112233", body: "Your order is out for delivery: https://t.example/track/x" });
  assert.equal(sent.outcome, "sent");
  assert.match(sent.outcome === "sent" ? sent.sid : "", /^SM[0-9a-f]{32}$/);
  assert.deepEqual(twilio.messages.at(-1), {
    to: "+34600112233",
    from: "+15017122661",
    body: "Your order is out for delivery: https://t.example/track/x",
    sid: sent.outcome === "sent" ? sent.sid : "",
  });
});

test("wrong credentials and a bad number are refusals (not retried); an outage and no answer are failures (retried)", async () => {
  const wrong = createSmsSender({ apiUrl: twilio.url, accountSid: SID, authToken: "not-the-token", from: "+15017122661" });
  assert.deepEqual(await wrong.send({ to: "+34600112233", body: "x" }), { outcome: "rejected", reason: "the SMS API answered 401 (code 20003)", code: 20003 });
  const sms = createSmsSender({ apiUrl: twilio.url, accountSid: SID, authToken: TOKEN, from: "+15017122661" });
  assert.deepEqual(await sms.send({ to: "600112233", body: "x" }), { outcome: "rejected", reason: "the SMS API answered 400 (code 21211)", code: 21211 });
  twilio.failNext.set("+34600112244", 1);
  assert.deepEqual(await sms.send({ to: "+34600112244", body: "x" }), { outcome: "failed", reason: "the SMS API answered 503 (code 20500)", code: 20500 });
  const nowhere = createSmsSender({ apiUrl: "http://127.0.0.1:9", accountSid: SID, authToken: TOKEN, from: "+15017122661", timeoutMs: 2_000 });
  const unreachable = await nowhere.send({ to: "+34600112233", body: "x" });
  assert.equal(unreachable.outcome, "failed");
});
