/**
 * A local stand-in for Twilio's Messages API (TWILIO_API_URL in tests), holding each request to
 * what Twilio documents: `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`, HTTP Basic auth
 * with the account SID and auth token, a form-encoded body with `To` (E.164), `From` and `Body`.
 * It answers as Twilio does: 201 with the message resource (`sid` SM…, `status: queued`), 400
 * `{ code: 21211 }` for a `To` that is not a valid number, 400 `{ code: 21610 }` for a number that
 * replied STOP, 401 `{ code: 20003 }` for wrong credentials. A number can be made to fail with a
 * 503 a few times first (a Twilio outage).
 */
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedSms = { to: string; from: string; body: string; sid: string };

export interface TwilioStandIn {
  url: string;
  /** Messages accepted (201), in order. */
  messages: ReceivedSms[];
  /** Every request, accepted or not: what was wrong with it, or "ok". */
  requests: { to: string | null; verdict: string; status: number }[];
  /** Well-formed numbers Twilio cannot reach (its test number +15005550001): refused with 21211. */
  invalid: Set<string>;
  /** Numbers that replied STOP: Twilio refuses them with 21610. */
  unsubscribed: Set<string>;
  /** Answer 503 to this number this many more times. */
  failNext: Map<string, number>;
  close(): Promise<void>;
}

const E164 = /^\+[1-9]\d{7,14}$/;

export async function startTwilioStandIn(accountSid: string, authToken: string): Promise<TwilioStandIn> {
  const messages: ReceivedSms[] = [];
  const requests: TwilioStandIn["requests"] = [];
  const unsubscribed = new Set<string>();
  const invalid = new Set<string>();
  const failNext = new Map<string, number>();
  const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString("base64")}`;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const answer = (status: number, body: unknown, to: string | null, verdict: string) => {
        requests.push({ to, verdict, status });
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      const error = (status: number, code: number, message: string, to: string | null) =>
        answer(status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }, to, message);
      if (req.method !== "POST" || req.url !== `/2010-04-01/Accounts/${accountSid}/Messages.json`) return error(404, 20404, `not found: ${req.method} ${req.url}`, null);
      if (req.headers.authorization !== expectedAuth) return error(401, 20003, "Authenticate", null);
      if (!String(req.headers["content-type"]).startsWith("application/x-www-form-urlencoded")) return error(400, 21000, "body must be form-encoded", null);
      const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
      const to = form.get("To");
      const from = form.get("From");
      const body = form.get("Body");
      if (!to) return error(400, 21604, "A 'To' phone number is required.", null);
      if (!from) return error(400, 21603, "A 'From' phone number is required.", to);
      if (!body) return error(400, 21602, "Message body is required.", to);
      if (!E164.test(to) || invalid.has(to)) return error(400, 21211, `The 'To' number ${to} is not a valid phone number.`, to);
      const failures = failNext.get(to) ?? 0;
      if (failures > 0) {
        failNext.set(to, failures - 1);
        return error(503, 20500, "Service unavailable", to);
      }
      if (unsubscribed.has(to)) return error(400, 21610, "Attempt to send to unsubscribed recipient", to);
      const sid = `SM${randomBytes(16).toString("hex")}`;
      messages.push({ to, from, body, sid });
      const now = new Date().toUTCString();
      answer(
        201,
        {
          sid,
          account_sid: accountSid,
          to,
          from,
          body,
          status: "queued",
          num_segments: "1",
          direction: "outbound-api",
          date_created: now,
          date_updated: now,
          uri: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json`,
        },
        to,
        "ok",
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    messages,
    requests,
    unsubscribed,
    invalid,
    failNext,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
