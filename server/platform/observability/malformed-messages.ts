/**
 * Messages a consumer dropped because they did not parse with their schema (lib/schemas):
 * counted by who dropped them and the kind of subject they came on, as well as logged, so a
 * drifted field shows on a dashboard rather than only in a log line.
 *
 * Its own module (metrics.ts registers it with the process's other counters): the consumers
 * that count here import nothing of the metrics' sources.
 */
import { Counter } from "prom-client";

export type MalformedConsumer = "tracker" | "relay" | "notifications" | "webhooks" | "order-stream";
/** tracker: its partition input (`location`, `route`, `unrouted`, `unknown` subject); the rest: `order_event`, `order_view`. */
export type MalformedSubjectKind = "location" | "route" | "unrouted" | "unknown" | "order_event" | "order_view";

export const malformedMessages = new Counter({
  name: "lastmile_malformed_messages_total",
  help: "Messages dropped because they did not parse with their schema, by consumer and kind of subject",
  labelNames: ["consumer", "subject_kind"] as const,
  registers: [],
});

export function countMalformed(consumer: MalformedConsumer, subjectKind: MalformedSubjectKind): void {
  malformedMessages.inc({ consumer, subject_kind: subjectKind });
}
