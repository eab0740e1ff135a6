"use client";
/** The tracking page's calls to the customer API (server/api/customer-routes.ts), authorised by the token alone. */
import { ZCustomerOrder, ZFeedback, type TCustomerOrder, type TFeedback, type TFeedbackRequest } from "../schemas/customer";
import { ZDeliveryChoice, type TDeliveryChoice, type TDeliveryChoiceRequest } from "../schemas/delivery-choice";

export type TCustomerApiResult<T> = { ok: true; data: T } | { ok: false; status: number; code: string };

async function call<T>(method: string, path: string, body: unknown, parse: (data: unknown) => T): Promise<TCustomerApiResult<T>> {
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
    return { ok: true, data: parse(json) };
  } catch {
    return { ok: false, status: 0, code: "network" };
  }
}

const base = (token: string) => `/api/track/${encodeURIComponent(token)}`;

export function fetchCustomerOrder(token: string): Promise<TCustomerApiResult<TCustomerOrder>> {
  return call("GET", base(token), undefined, (data) => ZCustomerOrder.parse(data));
}

export function saveInstructions(token: string, instructions: string): Promise<TCustomerApiResult<{ instructions: string | null }>> {
  return call("PUT", `${base(token)}/instructions`, { instructions }, (data) => data as { instructions: string | null });
}

export function saveDeliveryChoice(token: string, choice: TDeliveryChoiceRequest): Promise<TCustomerApiResult<TDeliveryChoice>> {
  return call("PUT", `${base(token)}/choice`, choice, (data) => ZDeliveryChoice.parse(data));
}

export function sendFeedback(token: string, feedback: TFeedbackRequest): Promise<TCustomerApiResult<TFeedback>> {
  return call("POST", `${base(token)}/feedback`, feedback, (data) => ZFeedback.parse(data));
}
