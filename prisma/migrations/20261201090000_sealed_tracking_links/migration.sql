-- Notification subscriptions no longer keep the customer's tracking token in plain text: it is
-- SEALED (AES-256-GCM) under a key that is never in the database (server/notifications/link-sealing.ts).
-- SQL cannot seal, so the tokens of subscriptions from before this migration are kept in the new
-- column marked 'plaintext:'; the app seals them at start-up, right after the migrations and
-- before any notification is sent (server/notifications/seal-plaintext-links.ts). One column,
-- NOT NULL as before, instead of a nullable plaintext column left beside the sealed one.
ALTER TABLE "push_subscriptions" RENAME COLUMN "tracking_token" TO "tracking_link_sealed";
UPDATE "push_subscriptions" SET "tracking_link_sealed" = 'plaintext:' || "tracking_link_sealed";

ALTER TABLE "email_subscriptions" RENAME COLUMN "tracking_token" TO "tracking_link_sealed";
UPDATE "email_subscriptions" SET "tracking_link_sealed" = 'plaintext:' || "tracking_link_sealed";
