/**
 * Order events as CloudEvents 1.0 in the structured JSON format: the body of every webhook POST
 * (docs/integrations.md "Webhooks"). Pure: no framework imports.
 *
 * - `type` is the event's own type under the reverse-DNS prefix `com.lastmile.`, one for one, so
 *   a receiver that knows our event types (lib/schemas/events.ts) knows these.
 * - `source` names the Lastmile instance: its PUBLIC_URL's origin, else `urn:lastmile:local`.
 *   It must be the same in every process (a retry may be sent by another one and `source` + `id`
 *   is what a CloudEvents receiver dedupes on), which rules out a machine's host name.
 * - `subject` is the order id; `sequence` (the CloudEvents sequence extension) the ORDERS stream
 *   sequence, zero-padded so that comparing the strings orders the events.
 */
import type { TOrderEvent } from "../schemas/events";

export const CLOUD_EVENT_TYPES = {
  "order.created": "com.lastmile.order.created",
  "order.status_changed": "com.lastmile.order.status_changed",
  "order.route_changed": "com.lastmile.order.route_changed",
  "order.progress": "com.lastmile.order.progress",
  "order.instructions_changed": "com.lastmile.order.instructions_changed",
  "order.tracking_link_changed": "com.lastmile.order.tracking_link_changed",
  "order.delivery_choice_set": "com.lastmile.order.delivery_choice_set",
  "order.reschedule_accepted": "com.lastmile.order.reschedule_accepted",
  "order.rated": "com.lastmile.order.rated",
} as const satisfies Record<TOrderEvent["type"], `com.lastmile.${TOrderEvent["type"]}`>;

export type TCloudEventType = (typeof CLOUD_EVENT_TYPES)[TOrderEvent["type"]];

export const LOCAL_EVENT_SOURCE = "urn:lastmile:local";
/** 20 digits hold any JetStream sequence (a uint64). */
const SEQUENCE_DIGITS = 20;

/** The `source` of this instance's events: PUBLIC_URL's origin when set. */
export function eventSourceOf(publicUrl: string | undefined): string {
  if (!publicUrl) return LOCAL_EVENT_SOURCE;
  try {
    return new URL(publicUrl).origin;
  } catch {
    return LOCAL_EVENT_SOURCE;
  }
}

export function sequenceAttribute(seq: number): string {
  return String(seq).padStart(SEQUENCE_DIGITS, "0");
}

export interface OrderCloudEvent {
  specversion: "1.0";
  id: string;
  source: string;
  type: TCloudEventType;
  subject: string;
  time: string;
  datacontenttype: "application/json";
  sequence: string;
  data: TOrderEvent;
}

/** `id` is the webhook-id too: the same on every retry of this event. */
export function toOrderCloudEvent(input: { event: TOrderEvent; id: string; seq: number; source: string }): OrderCloudEvent {
  const { event } = input;
  return {
    specversion: "1.0",
    id: input.id,
    source: input.source,
    type: CLOUD_EVENT_TYPES[event.type],
    subject: event.orderId,
    time: new Date(event.at).toISOString(),
    datacontenttype: "application/json",
    sequence: sequenceAttribute(input.seq),
    data: event,
  };
}
