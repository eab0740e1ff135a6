/** What the admin order detail reads beyond the history: the delivery's proof and rating, a new link. */
import { z } from "zod";
import { ZFeedback } from "./customer";
import { ZDeliveredTo } from "./driver";

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
  /** Where the driver left the parcel (none for older deliveries). */
  deliveredTo: ZDeliveredTo.nullable().optional(),
});
export type TAdminOrderDelivery = z.infer<typeof ZAdminOrderDelivery>;

export const ZRegeneratedTrackingLink = z.object({ orderId: z.string(), trackingUrl: z.string() });
export type TRegeneratedTrackingLink = z.infer<typeof ZRegeneratedTrackingLink>;
