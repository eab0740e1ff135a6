-- A session opened with ADMIN_TOKEN remembers which token opened it (an HMAC keyed by that
-- token), so a new ADMIN_TOKEN ends it. Sessions opened with a token before this column existed
-- cannot be tied to one: they are ended (a sign-in away).
ALTER TABLE "staff_sessions" ADD COLUMN "secret_fingerprint" TEXT;
DELETE FROM "staff_sessions" WHERE "staff_id" IS NULL;
