-- CreateTable
CREATE TABLE "driver_messages" (
    "id" TEXT NOT NULL,
    "driver_id" TEXT NOT NULL,
    "staff_id" TEXT,
    "author_name" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "read_at" TIMESTAMP(3),

    CONSTRAINT "driver_messages_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "driver_messages_driver_id_created_at_idx" ON "driver_messages"("driver_id", "created_at");

-- CreateIndex
CREATE INDEX "driver_messages_staff_id_idx" ON "driver_messages"("staff_id");

-- AddForeignKey
ALTER TABLE "driver_messages" ADD CONSTRAINT "driver_messages_driver_id_fkey" FOREIGN KEY ("driver_id") REFERENCES "drivers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "driver_messages" ADD CONSTRAINT "driver_messages_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "staff_accounts"("id") ON DELETE SET NULL ON UPDATE CASCADE;
