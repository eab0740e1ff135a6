/** Webhooks: registration input, what the dashboard lists, and the JSON body receivers get. */
import { z } from "zod";
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
    /** The HMAC key; generated (and shown once) when absent. */
    secret: z.string().min(16, "at least 16 characters").max(200).optional(),
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

/** The body of every webhook POST; `seq` orders events of one order (retries may arrive late). */
export const ZWebhookPayload = z.object({
  /** `<stream sequence>`: the same on every retry of one event, so receivers can dedupe. */
  id: z.string(),
  seq: z.number().int().positive(),
  type: z.string(),
  orderId: z.string(),
  /** ISO time of the event. */
  at: z.string(),
  event: ZOrderEvent,
});
export type TWebhookPayload = z.infer<typeof ZWebhookPayload>;

export const ZDeliveriesQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }).strict();
