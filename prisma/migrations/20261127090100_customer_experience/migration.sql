-- CreateTable
CREATE TABLE "eta_predictions" (
    "id" TEXT NOT NULL,
    "order_id" TEXT NOT NULL,
    "predicted_at" TIMESTAMP(3) NOT NULL,
    "arrival_at" TIMESTAMP(3) NOT NULL,
    "earliest_at" TIMESTAMP(3) NOT NULL,
    "latest_at" TIMESTAMP(3) NOT NULL,
    "stops_away" INTEGER,
    "actual_at" TIMESTAMP(3),
    "error_seconds" INTEGER,

    CONSTRAINT "eta_predictions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "order_feedback" (
    "order_id" TEXT NOT NULL,
    "rating" INTEGER NOT NULL,
    "comment" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "order_feedback_pkey" PRIMARY KEY ("order_id")
);

-- CreateIndex
CREATE INDEX "eta_predictions_order_id_predicted_at_idx" ON "eta_predictions"("order_id", "predicted_at");

-- AddForeignKey
ALTER TABLE "eta_predictions" ADD CONSTRAINT "eta_predictions_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_feedback" ADD CONSTRAINT "order_feedback_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;
