"use client";
/** The tracking page's calls to the customer API (server/edge/api/customer-routes.ts), authorised by the token alone. */
import type { TCustomerOrder, TFeedback, TFeedbackRequest } from "../schemas/customer";
import type { TDeliveryChoice, TDeliveryChoiceRequest } from "../schemas/delivery-choice";
import { CustomerOrderShape, DeliveryChoiceShape, FeedbackShape } from "./answer-shapes";

export type TCustomerApiResult<T> = { ok: true; data: T } | { ok: false; status: number; code: string };

/**
 * One call to a tracking-token route: the body as JSON, the error code of a 4xx/5xx, and the
 * answer through `parse` (an answer it refuses is `invalid_response`, not a network failure).
 */
export async function callTrackingApi<T>(method: string, path: string, body: unknown, parse: (data: unknown) => T): Promise<TCustomerApiResult<T>> {
  let response: Response;
  let json: unknown;
  try {
    response = await fetch(path, {
      method,
      headers: body === undefined ? undefined : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
    });
    json = await response.json().catch(() => null);
  } catch {
    return { ok: false, status: 0, code: "network" };
  }
  if (!response.ok) {
    const code = (json as { error?: { code?: unknown } } | null)?.error?.code;
    return { ok: false, status: response.status, code: typeof code === "string" ? code : "unknown" };
  }
  try {
    return { ok: true, data: parse(json) };
  } catch {
    return { ok: false, status: response.status, code: "invalid_response" };
  }
}

/** The API path of a tracking token's routes. */
export const trackingApiPath = (token: string) => `/api/track/${encodeURIComponent(token)}`;

export function fetchCustomerOrder(token: string): Promise<TCustomerApiResult<TCustomerOrder>> {
  return callTrackingApi("GET", trackingApiPath(token), undefined, (data) => CustomerOrderShape.parse(data));
}

export function saveInstructions(token: string, instructions: string): Promise<TCustomerApiResult<{ instructions: string | null }>> {
  return callTrackingApi("PUT", `${trackingApiPath(token)}/instructions`, { instructions }, (data) => data as { instructions: string | null });
}

export function saveDeliveryChoice(token: string, choice: TDeliveryChoiceRequest): Promise<TCustomerApiResult<TDeliveryChoice>> {
  return callTrackingApi("PUT", `${trackingApiPath(token)}/choice`, choice, (data) => DeliveryChoiceShape.parse(data));
}

export function sendFeedback(token: string, feedback: TFeedbackRequest): Promise<TCustomerApiResult<TFeedback>> {
  return callTrackingApi("POST", `${trackingApiPath(token)}/feedback`, feedback, (data) => FeedbackShape.parse(data));
}
