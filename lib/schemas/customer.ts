/** What a customer may send and receive through their tracking link (server/edge/api/customer-routes.ts). */
import { z } from "zod";
import { ZDeliveryChoice } from "./delivery-choice";
import { ZOrderView } from "./order-view";
import { ZTimelinePage } from "./timeline";
import { MAX_FEEDBACK_COMMENT_LENGTH, MAX_INSTRUCTIONS_LENGTH } from "../domain/customer-limits";

export { MAX_FEEDBACK_COMMENT_LENGTH, MAX_INSTRUCTIONS_LENGTH };

/** Delivery instructions for the driver ("ring twice, 3rd floor"); an empty text clears them. */
export const ZInstructionsRequest = z.object({
  instructions: z.string().trim().max(MAX_INSTRUCTIONS_LENGTH),
});
export type TInstructionsRequest = z.infer<typeof ZInstructionsRequest>;

export const ZFeedbackRequest = z.object({
  rating: z.number().int().min(1).max(5),
  comment: z.string().trim().max(MAX_FEEDBACK_COMMENT_LENGTH).optional(),
});
export type TFeedbackRequest = z.infer<typeof ZFeedbackRequest>;

export const ZFeedback = z.object({ rating: z.number().int(), comment: z.string().nullable(), createdAt: z.string() });
export type TFeedback = z.infer<typeof ZFeedback>;

/** What the customer may know of the driver's proof of delivery; the images are fetched by URL. */
export const ZDeliveryProofSummary = z.object({
  /** `/api/track/<token>/proof/photo` when there is a photo. */
  photoUrl: z.string().nullable(),
  signatureUrl: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type TDeliveryProofSummary = z.infer<typeof ZDeliveryProofSummary>;

/** What the customer was promised: a later estimate is "running late" (lib/domain/eta-display.ts). */
export const ZDeliveryPromise = z.object({
  /** ISO time the order is due (set by dispatch), or null. */
  dueAt: z.string().nullable(),
  /** ISO end of the first ETA window the customer was shown, or null before there was one. */
  firstLatest: z.string().nullable(),
});
export type TDeliveryPromise = z.infer<typeof ZDeliveryPromise>;

/** Who sent the order and how to reach them, as the order carries it (null when not set). */
export const ZOrderSender = z.object({
  name: z.string().nullable(),
  orderNumber: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
});
export type TOrderSender = z.infer<typeof ZOrderSender>;

/** Everything the tracking page shows, as of now. */
export const ZCustomerOrder = z.object({
  view: ZOrderView,
  timeline: ZTimelinePage,
  instructions: z.string().nullable(),
  /** The customer's own delivery choice (and whether dispatch accepted a reschedule), null before one. */
  choice: ZDeliveryChoice.nullable(),
  /** ISO time the order was delivered (or failed), null while it is not finished. */
  finishedAt: z.string().nullable(),
  feedback: ZFeedback.nullable(),
  proof: ZDeliveryProofSummary.nullable(),
  promise: ZDeliveryPromise,
  sender: ZOrderSender.default({ name: null, orderNumber: null, phone: null, email: null }),
});
export type TCustomerOrder = z.infer<typeof ZCustomerOrder>;
