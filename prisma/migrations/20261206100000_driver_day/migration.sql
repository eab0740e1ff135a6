-- How a stop ended, as codes the apps put in their own words: a failure's reason
-- (lib/schemas/driver.ts FAILURE_REASONS) and where a delivered parcel was left
-- ({ kind: customer | door | neighbour | safe_place, ... }, lib/schemas/driver.ts ZDeliveredTo).
-- status_note keeps the driver's own words only.
ALTER TABLE "orders" ADD COLUMN "failure_reason" TEXT;
ALTER TABLE "orders" ADD COLUMN "delivered_to" JSONB;
