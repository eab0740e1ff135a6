-- Orders from shops (Shopify, WooCommerce; server/integrations): one row per shop order and per
-- webhook delivery (the unique keys are the redelivery guard), waiting in "needs a location"
-- until it has coordinates. Tracking links kept sealed to send to the customer, and opt-outs.
CREATE TABLE "shop_orders" (
    "id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "shop" TEXT NOT NULL DEFAULT '',
    "shop_order_id" TEXT NOT NULL,
    "webhook_id" TEXT,
    "order_number" TEXT,
    "customer_name" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "customer_phone" TEXT,
    "customer_email" TEXT,
    "sender_name" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'en',
    "lat" DOUBLE PRECISION,
    "lng" DOUBLE PRECISION,
    "state" TEXT NOT NULL,
    "order_id" TEXT NOT NULL,
    "received_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_order_at" TIMESTAMP(3),
    CONSTRAINT "shop_orders_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "shop_orders_order_id_key" ON "shop_orders"("order_id");
CREATE UNIQUE INDEX "shop_orders_source_shop_shop_order_id_key" ON "shop_orders"("source", "shop", "shop_order_id");
CREATE UNIQUE INDEX "shop_orders_source_webhook_id_key" ON "shop_orders"("source", "webhook_id");
CREATE INDEX "shop_orders_state_received_at_idx" ON "shop_orders"("state", "received_at");

CREATE TABLE "tracking_links" (
    "order_id" TEXT NOT NULL,
    "tracking_link_sealed" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'en',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "tracking_links_pkey" PRIMARY KEY ("order_id")
);
ALTER TABLE "tracking_links" ADD CONSTRAINT "tracking_links_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "contact_opt_outs" (
    "channel" TEXT NOT NULL,
    "contact_hash" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "contact_opt_outs_pkey" PRIMARY KEY ("channel", "contact_hash")
);
