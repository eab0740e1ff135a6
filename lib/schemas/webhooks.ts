/** Webhooks: registration input, what the dashboard lists, and the JSON body receivers get. */
import { z } from "zod";
import { CLOUD_EVENT_TYPES } from "../domain/cloud-event";
import { webhookSecretProblem } from "../domain/webhook-secret";
import { webhookUrlProblem } from "../domain/webhook-url";
import { ZOrderEvent } from "./events";

export const ZCreateWebhookRequest = z
  .object({
    url: z
      .string()
      .trim()
      .max(2_000)
      .superRefine((url, ctx) => {
        const problem = webhookUrlProblem(url);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
    /** The HMAC key as `whsec_<base64 of 24–64 bytes>` (Standard Webhooks); generated (and shown once) when absent. */
    secret: z
      .string()
      .trim()
      .max(200)
      .superRefine((secret, ctx) => {
        const problem = webhookSecretProblem(secret);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      })
      .optional(),
    description: z.string().trim().max(200).optional(),
  })
  .strict();
export type TCreateWebhookRequest = z.infer<typeof ZCreateWebhookRequest>;

export const ZWebhookDelivery = z.object({
  id: z.string(),
  eventSeq: z.number(),
  eventType: z.string(),
  orderId: z.string(),
  attempt: z.number(),
  statusCode: z.number().nullable(),
  isSuccess: z.boolean(),
  durationMs: z.number(),
  error: z.string().nullable(),
  at: z.string(),
});
export type TWebhookDelivery = z.infer<typeof ZWebhookDelivery>;

export const ZWebhookSummary = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string().nullable(),
  createdAt: z.string(),
  /** The newest attempts, newest first. */
  recentDeliveries: z.array(ZWebhookDelivery),
});
export type TWebhookSummary = z.infer<typeof ZWebhookSummary>;

/**
 * The body of every webhook POST: a CloudEvents 1.0 event in the structured JSON format
 * (`Content-Type: application/cloudevents+json`), built by lib/domain/cloud-event.ts.
 */
export const ZWebhookPayload = z.object({
  specversion: z.literal("1.0"),
  /** Equal to the `webhook-id` header: the same on every retry of one event, so receivers can dedupe. */
  id: z.string(),
  /** The Lastmile instance: PUBLIC_URL's origin, else `urn:lastmile:local`. */
  source: z.string(),
  /** `com.lastmile.` + the event's own type (`data.type`). */
  type: z.enum(Object.values(CLOUD_EVENT_TYPES) as [string, ...string[]]),
  /** The order's id. */
  subject: z.string(),
  /** RFC 3339 time of the event. */
  time: z.string(),
  datacontenttype: z.literal("application/json"),
  /** The ORDERS stream sequence, zero-padded to 20 digits: events of one order sort by it (retries may arrive late). */
  sequence: z.string().regex(/^\d{20}$/),
  data: ZOrderEvent,
});
export type TWebhookPayload = z.infer<typeof ZWebhookPayload>;

export const ZDeliveriesQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }).strict();
