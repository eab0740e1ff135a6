/**
 * Sends an SMS through a Twilio-compatible REST API (docs/integrations.md "Tracking link by email
 * and SMS"): `POST {TWILIO_API_URL}/2010-04-01/Accounts/{TWILIO_ACCOUNT_SID}/Messages.json`,
 * form-encoded `To` (E.164), `From` (TWILIO_FROM), `Body`, HTTP Basic auth SID:TOKEN. Twilio
 * answers 201 with the message (`sid`, `status: queued`), or an error `{ code, message, status }`.
 * The number is personal data: it goes to the API and nowhere else (never a log line, never a
 * stored reason).
 */

export interface SmsConfig {
  /** TWILIO_API_URL: https://api.twilio.com unless a compatible provider (or a test's stand-in) is used. */
  apiUrl: string;
  accountSid: string;
  authToken: string;
  /** TWILIO_FROM: an E.164 number or a Messaging Service / alphanumeric sender Twilio accepts. */
  from: string;
  timeoutMs?: number;
}

/**
 * sent; rejected: the API refused this message for good (a 4xx other than 429: a bad or
 * unreachable number, a recipient who replied STOP, Twilio code 21610), not to be tried again;
 * failed: worth another try (5xx, 429, no answer). `reason` is a status and Twilio's code only.
 */
export type SmsOutcome = { outcome: "sent"; sid: string } | { outcome: "rejected" | "failed"; reason: string; code?: number };

export interface SmsSender {
  send(message: { to: string; body: string }): Promise<SmsOutcome>;
}

/** Twilio's code for a recipient who replied STOP (Advanced Opt-Out): the number is opted out. */
export const TWILIO_UNSUBSCRIBED_CODE = 21610;

export function createSmsSender(config: SmsConfig, fetchImpl: typeof fetch = fetch): SmsSender {
  const url = `${config.apiUrl.replace(/\/+$/, "")}/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${config.accountSid}:${config.authToken}`).toString("base64")}`;
  return {
    async send({ to, body }) {
      let response: Response;
      try {
        response = await fetchImpl(url, {
          method: "POST",
          headers: { authorization, "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
          body: new URLSearchParams({ To: to, From: config.from, Body: body }).toString(),
          signal: AbortSignal.timeout(config.timeoutMs ?? 10_000),
          redirect: "manual",
        });
      } catch (error) {
        return { outcome: "failed", reason: `the SMS API was unreachable (${(error as Error).name})` };
      }
      const answer = (await response.json().catch(() => null)) as { sid?: unknown; code?: unknown } | null;
      const code = typeof answer?.code === "number" ? answer.code : undefined;
      if (response.status === 200 || response.status === 201) {
        if (typeof answer?.sid === "string") return { outcome: "sent", sid: answer.sid };
        return { outcome: "failed", reason: `the SMS API answered ${response.status} without a message sid` };
      }
      const reason = `the SMS API answered ${response.status}${code === undefined ? "" : ` (code ${code})`}`;
      if (response.status === 429 || response.status >= 500 || response.status < 400) return { outcome: "failed", reason, code };
      return { outcome: "rejected", reason, code };
    },
  };
}
