"use client";
/** The tracking page's notification opt-ins (server/api/notification-routes.ts), authorised by the token alone. */
import type { Locale } from "../i18n/locales";
import { ZNotificationSubscriptionResponse, type TNotificationSubscriptionResponse } from "../schemas/notifications";

export type TOptInResult = { ok: true; data: TNotificationSubscriptionResponse } | { ok: false; status: number; code: string };

async function call(method: string, path: string, body: unknown): Promise<TOptInResult> {
  try {
    const response = await fetch(path, {
      method,
      headers: body === undefined ? undefined : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
    });
    const json: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const code = (json as { error?: { code?: unknown } } | null)?.error?.code;
      return { ok: false, status: response.status, code: typeof code === "string" ? code : "unknown" };
    }
    const parsed = ZNotificationSubscriptionResponse.safeParse(json);
    return parsed.success ? { ok: true, data: parsed.data } : { ok: false, status: response.status, code: "invalid_response" };
  } catch {
    return { ok: false, status: 0, code: "network" };
  }
}

const base = (token: string) => `/api/track/${encodeURIComponent(token)}`;

export const subscribePush = (token: string, subscription: PushSubscriptionJSON, locale: Locale) => call("POST", `${base(token)}/push`, { subscription, locale });
export const unsubscribePush = (token: string, endpoint: string) => call("DELETE", `${base(token)}/push?endpoint=${encodeURIComponent(endpoint)}`, undefined);
export const subscribeEmail = (token: string, email: string, locale: Locale) => call("POST", `${base(token)}/email`, { email, locale });
export const unsubscribeEmail = (token: string) => call("DELETE", `${base(token)}/email`, undefined);
