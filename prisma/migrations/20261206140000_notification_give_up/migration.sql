-- A notification to one recipient is tried a bounded number of times: each try is counted on
-- its delivery row, and the row keeps why the last try failed (no personal data: a status code,
-- an error code), so a recipient given up on says why. States: sending, retry, sent, failed,
-- expired, rejected (server/notifications/deliver-notifications.ts).
ALTER TABLE "notification_deliveries" ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "notification_deliveries" ADD COLUMN "reason" TEXT;
