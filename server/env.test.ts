import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseEnv } from "./env";

describe("tracking visibility variables", () => {
  it("defaults to 3 stops and no minutes limit", () => {
    const env = parseEnv({ NODE_ENV: "test" });
    assert.equal(env.TRACKING_VISIBLE_STOPS, 3);
    assert.equal(env.TRACKING_VISIBLE_MINUTES, undefined);
  });

  it("takes minutes alone once stops are off, or both", () => {
    assert.equal(parseEnv({ NODE_ENV: "test", TRACKING_VISIBLE_STOPS: "off", TRACKING_VISIBLE_MINUTES: "15" }).TRACKING_VISIBLE_STOPS, null);
    const both = parseEnv({ NODE_ENV: "test", TRACKING_VISIBLE_STOPS: "2", TRACKING_VISIBLE_MINUTES: "10" });
    assert.deepEqual([both.TRACKING_VISIBLE_STOPS, both.TRACKING_VISIBLE_MINUTES], [2, 10]);
  });

  it("refuses no limit at all and malformed values, naming the variable", () => {
    assert.throws(() => parseEnv({ NODE_ENV: "test", TRACKING_VISIBLE_STOPS: "off" }), /TRACKING_VISIBLE_STOPS/);
    assert.throws(() => parseEnv({ NODE_ENV: "test", TRACKING_VISIBLE_MINUTES: "0" }), /TRACKING_VISIBLE_MINUTES/);
    assert.throws(() => parseEnv({ NODE_ENV: "test", TRACKING_VISIBLE_STOPS: "three" }), /TRACKING_VISIBLE_STOPS/);
  });
});

describe("shop integrations and the tracking link by email and SMS", () => {
  it("is off by default; email and SMS each need their provider", () => {
    assert.deepEqual(parseEnv({ NODE_ENV: "test" }).SEND_TRACKING_LINK, []);
    assert.throws(() => parseEnv({ NODE_ENV: "test", SEND_TRACKING_LINK: "sms" }), /SEND_TRACKING_LINK: SEND_TRACKING_LINK=sms needs TWILIO_ACCOUNT_SID/);
    assert.throws(() => parseEnv({ NODE_ENV: "test", SEND_TRACKING_LINK: "email" }), /SEND_TRACKING_LINK=email needs SMTP_URL/);
    assert.throws(() => parseEnv({ NODE_ENV: "test", SEND_TRACKING_LINK: "pigeon" }), /SEND_TRACKING_LINK: unknown channel "pigeon"/);
    const env = parseEnv({
      NODE_ENV: "test",
      SEND_TRACKING_LINK: "email,sms",
      SMTP_URL: "smtp://127.0.0.1:2525",
      MAIL_FROM: "Acme <t@example.com>",
      TWILIO_ACCOUNT_SID: "AC0123456789abcdef0123456789abcdef",
      TWILIO_AUTH_TOKEN: "a-twilio-auth-token",
      TWILIO_FROM: "+15017122661",
      SMS_DEFAULT_COUNTRY_CODE: "34",
    });
    assert.deepEqual(env.SEND_TRACKING_LINK, ["email", "sms"]);
    assert.equal(env.TWILIO_API_URL, "https://api.twilio.com");
  });

  it("refuses a short webhook secret or a malformed country code", () => {
    assert.throws(() => parseEnv({ NODE_ENV: "test", SHOPIFY_WEBHOOK_SECRET: "short" }), /SHOPIFY_WEBHOOK_SECRET/);
    assert.throws(() => parseEnv({ NODE_ENV: "test", SMS_DEFAULT_COUNTRY_CODE: "+34" }), /SMS_DEFAULT_COUNTRY_CODE/);
  });
});

describe("the integration NATS user's variables", () => {
  it("are unset by default, and taken when well formed", () => {
    const unset = parseEnv({ NODE_ENV: "test" });
    assert.equal(unset.NATS_INTEGRATION_PASSWORD, undefined);
    assert.equal(unset.NATS_PORT, undefined);
    const set = parseEnv({ NODE_ENV: "test", NATS_INTEGRATION_PASSWORD: "Qm7v+X9kLp4/Rt8Wz3Nb6A==", NATS_PORT: "4333" });
    assert.deepEqual([set.NATS_INTEGRATION_PASSWORD, set.NATS_PORT], ["Qm7v+X9kLp4/Rt8Wz3Nb6A==", 4333]);
  });

  it("refuses a short password, one with characters the server's configuration would need escaped, and a bad port", () => {
    assert.throws(() => parseEnv({ NODE_ENV: "test", NATS_INTEGRATION_PASSWORD: "too-short" }), /NATS_INTEGRATION_PASSWORD/);
    assert.throws(() => parseEnv({ NODE_ENV: "test", NATS_INTEGRATION_PASSWORD: 'quote"and spaces in it 0123456789' }), /NATS_INTEGRATION_PASSWORD/);
    assert.throws(() => parseEnv({ NODE_ENV: "test", NATS_PORT: "70000" }), /NATS_PORT/);
  });
});

describe("TRACKER_PARTITIONS", () => {
  it("defaults to 16 and takes any whole number from 1 to 1024", () => {
    assert.equal(parseEnv({ NODE_ENV: "test" }).TRACKER_PARTITIONS, 16);
    assert.equal(parseEnv({ NODE_ENV: "test", TRACKER_PARTITIONS: "64" }).TRACKER_PARTITIONS, 64);
    assert.equal(parseEnv({ NODE_ENV: "test", TRACKER_PARTITIONS: "1024" }).TRACKER_PARTITIONS, 1024);
  });

  it("refuses 0, fractions, words and counts past 1024, naming the variable", () => {
    for (const bad of ["0", "2.5", "sixteen", "1025", "-4"]) assert.throws(() => parseEnv({ NODE_ENV: "test", TRACKER_PARTITIONS: bad }), /TRACKER_PARTITIONS/, bad);
  });
});

describe("TRACKER_PARTITIONS_FROM", () => {
  it("is unset by default and takes a count like TRACKER_PARTITIONS", () => {
    assert.equal(parseEnv({ NODE_ENV: "test" }).TRACKER_PARTITIONS_FROM, undefined);
    assert.equal(parseEnv({ NODE_ENV: "test", TRACKER_PARTITIONS: "64", TRACKER_PARTITIONS_FROM: "16" }).TRACKER_PARTITIONS_FROM, 16);
    assert.throws(() => parseEnv({ NODE_ENV: "test", TRACKER_PARTITIONS_FROM: "0" }), /TRACKER_PARTITIONS_FROM/);
  });
});
