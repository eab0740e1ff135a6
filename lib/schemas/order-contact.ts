/**
 * Who sent an order and how to reach the sender and the customer: optional fields of every
 * order creation (API, dashboard, CSV import, shop integrations). One source for their rules.
 */
import { z } from "zod";

/** Separators people type inside phone numbers; removed before checking and storing. */
const PHONE_SEPARATORS = /[\s().-]/g;

/**
 * Normalises an E.164-ish phone number ("+34 600 11 22 33", "0034600112233") to "+34600112233";
 * undefined when it is not one (a country code is required: the tracking page dials it anywhere).
 */
export function normalisePhone(text: string): string | undefined {
  const compact = text.trim().replace(PHONE_SEPARATORS, "").replace(/^00/, "+");
  return /^\+[1-9]\d{6,14}$/.test(compact) ? compact : undefined;
}

/** Empty or blank text is "not given", from JSON and from CSV cells alike. */
const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().min(1).max(max).optional());

export const ZPhone = z
  .string()
  .max(32)
  .transform((text, ctx) => {
    const phone = normalisePhone(text);
    if (phone) return phone;
    ctx.addIssue({ code: "custom", message: "must be a phone number with its country code, like +34 600 112 233" });
    return z.NEVER;
  });

export const ZEmail = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ message: "must be an email address, like name@example.com" }));

/** The optional sender and contact fields, as requests carry them. */
export const ZOrderContactFields = {
  /** The shop or person who sent the parcel, shown on the tracking page. */
  senderName: optionalText(200),
  /** The sender's own number for the order (the shop's order number). */
  orderNumber: optionalText(100),
  senderPhone: z.preprocess(blankToUndefined, ZPhone.optional()),
  senderEmail: z.preprocess(blankToUndefined, ZEmail.optional()),
  customerPhone: z.preprocess(blankToUndefined, ZPhone.optional()),
  customerEmail: z.preprocess(blankToUndefined, ZEmail.optional()),
};

export const ORDER_CONTACT_KEYS = ["senderName", "orderNumber", "senderPhone", "senderEmail", "customerPhone", "customerEmail"] as const;
export type OrderContactKey = (typeof ORDER_CONTACT_KEYS)[number];

/** The same fields as answers carry them: null when not set. */
export const ZOrderContact = z.object(Object.fromEntries(ORDER_CONTACT_KEYS.map((key) => [key, z.string().nullable()])) as Record<OrderContactKey, z.ZodNullable<z.ZodString>>);
export type TOrderContact = z.infer<typeof ZOrderContact>;

/** The stored contact fields of an order (undefined or missing → null). */
export function toOrderContact(order: Partial<Record<OrderContactKey, string | null | undefined>>): TOrderContact {
  return {
    senderName: order.senderName ?? null,
    orderNumber: order.orderNumber ?? null,
    senderPhone: order.senderPhone ?? null,
    senderEmail: order.senderEmail ?? null,
    customerPhone: order.customerPhone ?? null,
    customerEmail: order.customerEmail ?? null,
  };
}
