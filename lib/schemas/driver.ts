/**
 * The driver app's API: status updates with proof of delivery and the driver's day
 * (`GET /api/driver/me`). Shared by the server (validation) and the PWA (types only).
 */
import { z } from "zod";
import { DRIVER_STATUSES, ORDER_STATUSES } from "../domain/order-status";
import { MAX_CHOICE_NOTE_LENGTH, MAX_NEIGHBOUR_FIELD_LENGTH, ZDeliveryChoice } from "./delivery-choice";

/** Decoded-size limits: the phone resizes photos first, so a real proof is far below these. */
export const MAX_PROOF_PHOTO_BYTES = 1_500_000;
export const MAX_PROOF_SIGNATURE_BYTES = 300_000;
/** Request body limit of a status update: both images as base64 (4/3) plus room for the rest. */
export const MAX_STATUS_BODY_BYTES = Math.ceil(((MAX_PROOF_PHOTO_BYTES + MAX_PROOF_SIGNATURE_BYTES) * 4) / 3) + 16 * 1024;

/** Why a delivery failed: a fixed list the dispatcher can count, plus free text in `note`. */
export const FAILURE_REASONS = ["customer_absent", "address_not_found", "refused", "damaged", "no_access", "other"] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

const ZDataUrl = (types: readonly string[]) =>
  z
    .string()
    .max(MAX_STATUS_BODY_BYTES)
    .regex(new RegExp(`^data:(${types.map((type) => type.replace("/", "\\/")).join("|")});base64,[A-Za-z0-9+/]+={0,2}$`), `must be a base64 data: URL of ${types.join(", ")}`);

export const ZDeliveryProofInput = z
  .object({
    /** `data:image/jpeg;base64,…` — the photo after the phone resized it. */
    photo: ZDataUrl(["image/jpeg", "image/png", "image/webp"]).optional(),
    /** `data:image/png;base64,…` — the signature canvas. */
    signature: ZDataUrl(["image/png"]).optional(),
  })
  .refine((proof) => proof.photo !== undefined || proof.signature !== undefined, "a proof needs a photo or a signature");
export type TDeliveryProofInput = z.infer<typeof ZDeliveryProofInput>;

/**
 * Where a delivered parcel went, matching the customer's choices (lib/domain/delivery-choice.ts):
 * handed to the customer, left at the door, with a neighbour (name and door), in a safe place.
 */
export const DELIVERED_TO_KINDS = ["customer", "door", "neighbour", "safe_place"] as const;
export type DeliveredToKind = (typeof DELIVERED_TO_KINDS)[number];
const ZOutcomeText = (max: number, missing: string) => z.string().trim().min(1, missing).max(max);
export const ZDeliveredTo = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("customer") }),
  z.object({ kind: z.literal("door") }),
  z.object({
    kind: z.literal("neighbour"),
    name: ZOutcomeText(MAX_NEIGHBOUR_FIELD_LENGTH, "the neighbour's name is required"),
    door: ZOutcomeText(MAX_NEIGHBOUR_FIELD_LENGTH, "the neighbour's door is required"),
  }),
  z.object({ kind: z.literal("safe_place"), place: ZOutcomeText(MAX_CHOICE_NOTE_LENGTH, "say where the safe place is") }),
]);
export type TDeliveredTo = z.infer<typeof ZDeliveredTo>;

/** `POST /api/driver/orders/<id>/status`: the contract's `{ status, note? }` plus the app's extras. */
export const ZDriverStatusRequest = z
  .object({
    status: z.enum(DRIVER_STATUSES),
    note: z.string().trim().max(1000).optional(),
    /** Why a delivery failed, as a code: dispatch and the customer read it in their own words. */
    reason: z.enum(FAILURE_REASONS).optional(),
    proof: ZDeliveryProofInput.optional(),
    deliveredTo: ZDeliveredTo.optional(),
  })
  .refine((input) => input.reason === undefined || input.status === "failed", { path: ["reason"], message: "a reason goes with status failed only" })
  .refine((input) => input.proof === undefined || input.status === "delivered", { path: ["proof"], message: "a proof goes with status delivered only" })
  .refine((input) => input.deliveredTo === undefined || input.status === "delivered", { path: ["deliveredTo"], message: "where the parcel was left goes with status delivered only" });
export type TDriverStatusRequest = z.infer<typeof ZDriverStatusRequest>;

export const ZRouteStop = z.object({
  orderId: z.string(),
  position: z.number().int(),
  status: z.enum(ORDER_STATUSES),
  customerName: z.string(),
  address: z.string(),
  instructions: z.string().nullable(),
  /** The customer's choice (door, neighbour, safe place, or a reschedule request), null when none. */
  choice: ZDeliveryChoice.nullable(),
  lat: z.number(),
  lng: z.number(),
  hasProof: z.boolean(),
});
export type TRouteStop = z.infer<typeof ZRouteStop>;

/** `GET /api/driver/me`. */
export const ZDriverDay = z.object({
  driver: z.object({ id: z.string(), name: z.string() }),
  /** The highest GPS `seq` the server stored for this driver: a phone numbers its next fix above it. */
  lastSeq: z.number().int().nullable(),
  stops: z.array(ZRouteStop),
  done: z.number().int(),
  left: z.number().int(),
  /** Parcels on board that left today's route (a new day agreed with the customer): bring them back to the depot. */
  returns: z.array(ZRouteStop).default([]),
});
export type TDriverDay = z.infer<typeof ZDriverDay>;

/** `POST /api/driver/orders/<id>/hand-in`: the parcel is back at the depot and the order waits for a driver. */
export const ZHandedIn = z.object({ orderId: z.string(), status: z.literal("created") });
export type THandedIn = z.infer<typeof ZHandedIn>;

/** `POST /api/drivers/<id>/revoke` (admin): the old token stops working at once; this one replaces it. */
export const ZRevokedDriverToken = z.object({ driverId: z.string(), token: z.string() });
export type TRevokedDriverToken = z.infer<typeof ZRevokedDriverToken>;

/** `GET /api/driver/fixes?limit=` — the driver's own stored fixes, oldest first. */
export const ZOwnFixesQuery = z.object({ limit: z.coerce.number().int().min(1).max(5000).default(1000) });
