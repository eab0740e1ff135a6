-- Webhooks are signed by Standard Webhooks, whose secrets read `whsec_<base64 of the key>`.
-- Secrets registered before were used as the HMAC key byte for byte (their UTF-8): they are
-- rewritten in the new form with the SAME key bytes, so no integrator needs a new secret (the
-- old one works with any Standard Webhooks library: `new Webhook(old, { format: "raw" })`, or as
-- `whsec_` + base64(old)); one typed before that began with whsec_ was a raw key too, so every
-- row is rewritten. PostgreSQL's base64 breaks lines every 76 characters: joined again.
UPDATE "webhooks"
SET "secret" = 'whsec_' || replace(encode(convert_to("secret", 'UTF8'), 'base64'), E'\n', '');
