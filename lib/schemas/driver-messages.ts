/**
 * Staff → driver messages: the send request and the message as both the dashboard and the
 * driver app read it. Shared by the server (validation) and the pages (types only).
 */
import { z } from "zod";

/** Short texts a driver can read at a glance ("Gate code is 4411", "Call dispatch"). */
export const MAX_DRIVER_MESSAGE_LENGTH = 500;
/** Request body limit: the longest text, JSON-escaped, with room to spare. */
export const MAX_DRIVER_MESSAGE_BODY_BYTES = 8 * 1024;
/** How many of the newest messages one list returns. */
export const DRIVER_MESSAGE_LIST_LIMIT = 100;

/** `POST /api/admin/drivers/<id>/messages` (staff with "message"). */
export const ZSendDriverMessageRequest = z
  .object({ body: z.string().trim().min(1, "a message cannot be empty").max(MAX_DRIVER_MESSAGE_LENGTH, `at most ${MAX_DRIVER_MESSAGE_LENGTH} characters`) })
  .strict();
export type TSendDriverMessageRequest = z.infer<typeof ZSendDriverMessageRequest>;

export const ZDriverMessage = z.object({
  id: z.string(),
  driverId: z.string(),
  /** `staffId` is null when the message was sent with the installation's admin password; `name` is then "Dispatch" (apps say it in their own language). */
  author: z.object({ staffId: z.string().nullable(), name: z.string() }),
  body: z.string(),
  createdAt: z.string(),
  /** Null while unread. */
  readAt: z.string().nullable(),
});
export type TDriverMessage = z.infer<typeof ZDriverMessage>;

/** `GET /api/driver/messages` and `GET /api/admin/drivers/<id>/messages`: oldest first. */
export const ZDriverMessageList = z.array(ZDriverMessage);

/** The core NATS event published when a message is sent or read (see server/features/messages/message-events.ts). */
export const ZDriverMessageEvent = z.object({
  type: z.enum(["driver_message.sent", "driver_message.read"]),
  messageId: z.string(),
  driverId: z.string(),
  at: z.string(),
});
export type TDriverMessageEvent = z.infer<typeof ZDriverMessageEvent>;
