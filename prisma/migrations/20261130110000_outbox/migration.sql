-- Transactional outbox (DESIGN.md invariant 1): a state change and its events commit together;
-- server/outbox/outbox-publisher.ts publishes the rows after COMMIT, in `position` order, with
-- msgID = id, and deletes them.
CREATE TABLE "outbox" (
    "id" TEXT NOT NULL,
    "position" BIGSERIAL NOT NULL,
    "subject" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outbox_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "outbox_position_key" ON "outbox"("position");

-- One publisher at a time across processes: the holder of this row's unexpired lease.
CREATE TABLE "outbox_leases" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "outbox_leases_pkey" PRIMARY KEY ("name")
);

-- When an order's status last changed (route snapshots carry it as `statusAt`).
ALTER TABLE "orders" ADD COLUMN "status_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
UPDATE "orders" SET "status_at" = COALESCE("finished_at", "updated_at");

-- Today's finished orders of a driver (the driver app's day view) now that they leave route_stops.
CREATE INDEX "orders_driver_id_finished_at_idx" ON "orders"("driver_id", "finished_at");
