import assert from "node:assert/strict";
import { test } from "node:test";
import { parseTrackingLinkChannels, toE164, trackingLinkTexts } from "./tracking-link-message";

test("SEND_TRACKING_LINK: off by default, email and/or sms, anything else named", () => {
  assert.deepEqual(parseTrackingLinkChannels(undefined), { channels: [] });
  assert.deepEqual(parseTrackingLinkChannels("off"), { channels: [] });
  assert.deepEqual(parseTrackingLinkChannels("email, sms"), { channels: ["email", "sms"] });
  assert.deepEqual(parseTrackingLinkChannels("sms,sms"), { channels: ["sms"] });
  const bad = parseTrackingLinkChannels("email,fax");
  assert.ok("error" in bad && bad.error.includes('"fax"'));
});

test("E.164: international kept, 00 read as +, national numbers need a default country code, letters refused", () => {
  assert.equal(toE164("+34 612 345 678"), "+34612345678");
  assert.equal(toE164("0034 612-345-678"), "+34612345678");
  assert.equal(toE164("612 345 678"), null);
  assert.equal(toE164("612 345 678", "34"), "+34612345678");
  assert.equal(toE164("(555) 555-5555", "1"), "+15555555555");
  assert.equal(toE164("020 7946 0958", "44"), "+442079460958");
  assert.equal(toE164("555-555-SHIP", "1"), null);
  assert.equal(toE164("+123"), null);
});

test("texts name the shop and the order, carry the link and the opt-out", () => {
  const texts = trackingLinkTexts("en", { sender: "Acme", orderNumber: "#1001", url: "https://t.example/track/x", optOutUrl: "https://t.example/o" });
  assert.equal(texts.emailSubject, "Your order #1001 from Acme is out for delivery");
  assert.ok(texts.emailBody.includes("https://t.example/track/x") && texts.emailBody.includes("https://t.example/o"));
  assert.ok(texts.sms.includes("https://t.example/track/x") && texts.sms.includes("STOP"));
  const es = trackingLinkTexts("es", { sender: null, orderNumber: null, url: "u", optOutUrl: "o" });
  assert.ok(es.sms.startsWith("Tu pedido está en reparto"));
});
