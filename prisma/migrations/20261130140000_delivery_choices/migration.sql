-- CreateTable
CREATE TABLE "delivery_choices" (
    "order_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "neighbour_name" TEXT,
    "neighbour_door" TEXT,
    "note" TEXT,
    "preferred_date" TEXT,
    "window_start" TEXT,
    "window_end" TEXT,
    "reschedule_state" TEXT,
    "chosen_at" TIMESTAMP(3) NOT NULL,
    "accepted_at" TIMESTAMP(3),

    CONSTRAINT "delivery_choices_pkey" PRIMARY KEY ("order_id")
);

-- AddForeignKey
ALTER TABLE "delivery_choices" ADD CONSTRAINT "delivery_choices_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;
