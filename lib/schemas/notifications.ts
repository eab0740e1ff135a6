/** Customer notifications: what the tracking page sends to opt in and out, and what a push carries. */
import { z } from "zod";
import { LOCALES } from "../i18n/locales";

/** base64url without padding, as PushSubscription.getKey() gives once encoded. */
const zBase64Url = (min: number, max: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, "must be base64url")
    .min(min)
    .max(max);

/** The browser's PushSubscription.toJSON(): where to send, and the keys to encrypt to. */
export const ZPushSubscriptionRequest = z
  .object({
    subscription: z.object({
      endpoint: z
        .string()
        .url()
        .max(2048)
        .regex(/^https?:\/\//, "must be an http(s) URL"),
      expirationTime: z.number().nullable().optional(),
      keys: z.object({
        // A P-256 public key, uncompressed: 65 bytes, 87 characters.
        p256dh: zBase64Url(87, 88),
        // The 16-byte auth secret: 22 characters.
        auth: zBase64Url(22, 24),
      }),
    }),
    locale: z.enum(LOCALES),
  })
  .strict();
export type TPushSubscriptionRequest = z.infer<typeof ZPushSubscriptionRequest>;

export const ZPushUnsubscribeRequest = z.object({ endpoint: z.string().url().max(2048) }).strict();
export type TPushUnsubscribeRequest = z.infer<typeof ZPushUnsubscribeRequest>;

export const ZEmailSubscriptionRequest = z
  .object({
    email: z.string().trim().max(254).email(),
    locale: z.enum(LOCALES),
  })
  .strict();
export type TEmailSubscriptionRequest = z.infer<typeof ZEmailSubscriptionRequest>;

/** The answer to every opt-in and opt-out: whether this channel is now on for the caller. */
export const ZNotificationSubscriptionResponse = z.object({ channel: z.enum(["push", "email"]), isSubscribed: z.boolean() });
export type TNotificationSubscriptionResponse = z.infer<typeof ZNotificationSubscriptionResponse>;

/** What the tracking page's service worker receives (decrypted) and shows. */
export const ZPushPayload = z.object({
  title: z.string(),
  body: z.string(),
  /** The customer's tracking link: a click opens it. */
  url: z.string(),
  /** One notification per order and kind on the device. */
  tag: z.string(),
});
export type TPushPayload = z.infer<typeof ZPushPayload>;

/** What the tracking page needs to offer the opt-in (from the running server's configuration). */
export const ZNotificationOptions = z.object({
  /** The VAPID public key (base64url) for PushManager.subscribe. */
  vapidPublicKey: z.string(),
  isEmailEnabled: z.boolean(),
});
export type TNotificationOptions = z.infer<typeof ZNotificationOptions>;
