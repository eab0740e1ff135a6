/** What the admin order detail reads beyond the history: the delivery's proof and rating, a new link. */
import { z } from "zod";
import { ZFeedback } from "./customer";

export const ZAdminDeliveryProof = z.object({
  /** `/api/admin/orders/<id>/proof/photo` (staff-authorised) when there is a photo. */
  photoUrl: z.string().nullable(),
  signatureUrl: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type TAdminDeliveryProof = z.infer<typeof ZAdminDeliveryProof>;

export const ZAdminOrderDelivery = z.object({
  orderId: z.string(),
  proof: ZAdminDeliveryProof.nullable(),
  feedback: ZFeedback.nullable(),
});
export type TAdminOrderDelivery = z.infer<typeof ZAdminOrderDelivery>;

export const ZRegeneratedTrackingLink = z.object({ orderId: z.string(), trackingUrl: z.string() });
export type TRegeneratedTrackingLink = z.infer<typeof ZRegeneratedTrackingLink>;
