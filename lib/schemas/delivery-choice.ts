/**
 * The customer's delivery choice (lib/domain/delivery-choice.ts): what the tracking page sends,
 * and what the page, the driver's stop and dispatch's order detail read back.
 */
import { z } from "zod";
import { DELIVERY_CHOICE_KINDS, MAX_CHOICE_NOTE_LENGTH, MAX_NEIGHBOUR_FIELD_LENGTH, RESCHEDULE_STATES } from "../domain/delivery-choice";

export { MAX_CHOICE_NOTE_LENGTH, MAX_NEIGHBOUR_FIELD_LENGTH };

const ZNote = z.string().trim().max(MAX_CHOICE_NOTE_LENGTH);
const ZOptionalNote = ZNote.optional();
const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a day as YYYY-MM-DD");
const ZClock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a time as HH:MM (00:00–23:59)");

/** `PUT /api/track/<token>/choice`: one of four kinds; a new choice replaces the last one. */
export const ZDeliveryChoiceRequest = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("door"), note: ZOptionalNote }),
  z.object({
    kind: z.literal("neighbour"),
    neighbourName: z.string().trim().min(1, "the neighbour's name is required").max(MAX_NEIGHBOUR_FIELD_LENGTH),
    /** Their door: flat, house number or floor. */
    neighbourDoor: z.string().trim().min(1, "the neighbour's door is required").max(MAX_NEIGHBOUR_FIELD_LENGTH),
    note: ZOptionalNote,
  }),
  /** Where the safe place is, in the note ("behind the blue gate"). */
  z.object({ kind: z.literal("safe_place"), note: ZNote.min(1, "say where the safe place is") }),
  z
    .object({
      kind: z.literal("reschedule"),
      preferredDate: ZDay.optional(),
      windowStart: ZClock.optional(),
      windowEnd: ZClock.optional(),
      note: ZOptionalNote,
    })
    .refine((wish) => (wish.windowStart === undefined) === (wish.windowEnd === undefined), { path: ["windowEnd"], message: "a time window needs both a start and an end" })
    .refine((wish) => wish.windowStart === undefined || wish.preferredDate !== undefined, { path: ["preferredDate"], message: "a time window needs a day" })
    .refine((wish) => wish.windowStart === undefined || wish.windowEnd === undefined || wish.windowStart < wish.windowEnd, { path: ["windowEnd"], message: "the window must end after it starts" }),
]);
export type TDeliveryChoiceRequest = z.infer<typeof ZDeliveryChoiceRequest>;

/** A reschedule's wish as stored and as carried by events: the day (YYYY-MM-DD) and window (HH:MM), or null. */
export const RESCHEDULE_WISH_FIELDS = {
  preferredDate: z.string().nullable(),
  windowStart: z.string().nullable(),
  windowEnd: z.string().nullable(),
};

/** A choice as stored and as the `order.delivery_choice_set` event carries it. */
export const DELIVERY_CHOICE_FIELDS = {
  kind: z.enum(DELIVERY_CHOICE_KINDS),
  neighbourName: z.string().nullable(),
  neighbourDoor: z.string().nullable(),
  note: z.string().nullable(),
  ...RESCHEDULE_WISH_FIELDS,
};

/** The order's current choice, as stored (`delivery_choices`). */
export const ZDeliveryChoice = z.object({
  ...DELIVERY_CHOICE_FIELDS,
  /** Only for a reschedule: requested until dispatch accepts it. */
  rescheduleState: z.enum(RESCHEDULE_STATES).nullable(),
  chosenAt: z.string(),
  acceptedAt: z.string().nullable(),
});
export type TDeliveryChoice = z.infer<typeof ZDeliveryChoice>;

/** `GET /api/admin/orders/<id>/choice` and the answer of accepting a reschedule. */
export const ZAdminOrderChoice = z.object({
  orderId: z.string(),
  status: z.string(),
  dueAt: z.string().nullable(),
  choice: ZDeliveryChoice.nullable(),
});
export type TAdminOrderChoice = z.infer<typeof ZAdminOrderChoice>;
