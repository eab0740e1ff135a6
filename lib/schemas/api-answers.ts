/**
 * Answers of the API that had no schema of their own yet (the others live beside their
 * requests: admin-responses.ts, customer.ts, driver.ts …). The OpenAPI document
 * (server/edge/api/route-descriptions.ts) describes every route's answer with these, and its test
 * validates the server's real answers against them.
 */
import { z } from "zod";
import { ORDER_STATUSES } from "../domain/order-status";
import { STAFF_ROLES } from "../domain/staff-permissions";
import { ZOrderCreated } from "./admin-responses";
import { ZLocationEvent } from "./events";

/** Every 4xx/5xx of the API. */
export const ZApiErrorAnswer = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
export type TApiErrorAnswer = z.infer<typeof ZApiErrorAnswer>;

/** `GET /api/health`: the process answers; `nats` says whether its backbone connection is open. */
export const ZHealthAnswer = z.object({ ok: z.boolean(), nats: z.boolean() });

/** `POST /api/drivers` (201): `token` is the driver's bearer token, shown once. */
export const ZCreatedDriver = z.object({ id: z.string(), name: z.string(), trackerId: z.string().nullable(), token: z.string(), createdAt: z.string() });

/** `POST /api/admin/orders` (201): the contract's order plus the promised time. */
export const ZAdminCreatedOrder = ZOrderCreated.extend({ dueAt: z.string().nullable() });

/** `POST /api/driver/locations` (202) and `/api/osmand` (200): fixes stored, and resends dropped as duplicates. */
export const ZFixesAccepted = z.object({ accepted: z.number().int().nonnegative(), duplicates: z.number().int().nonnegative() });
export type TFixesAccepted = z.infer<typeof ZFixesAccepted>;

/** `POST /api/driver/orders/<id>/status`: `isChanged` is false when the order already had that status. */
export const ZStatusUpdated = z.object({ orderId: z.string(), status: z.enum(ORDER_STATUSES), isChanged: z.boolean() });

/** `GET /api/driver/fixes`: the driver's own stored fixes, oldest first. */
export const ZOwnFixes = z.array(ZLocationEvent.pick({ seq: true, at: true, lat: true, lng: true, source: true }));

/** `GET /api/driver/orders/<id>/proof`: what the driver stored (sizes, not bytes). */
export const ZDriverProofSummary = z.object({
  orderId: z.string(),
  photoType: z.string().nullable(),
  photoBytes: z.number().int().nonnegative(),
  signatureBytes: z.number().int().nonnegative(),
  note: z.string().nullable(),
  createdAt: z.string(),
});

/** `PUT /api/track/<token>/instructions`. */
export const ZInstructionsAnswer = z.object({ instructions: z.string().nullable() });

/** `POST /api/admin/session` (201); the session itself travels in the `lastmile_admin` cookie. */
export const ZSignedIn = z.object({ role: z.enum(STAFF_ROLES), csrfToken: z.string(), expiresAt: z.string() });
