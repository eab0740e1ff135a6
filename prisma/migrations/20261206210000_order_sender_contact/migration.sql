-- Who sent an order and how to reach the sender and the customer (all optional): the tracking
-- page shows the sender, its order number and a contact line; shop integrations fill them.
ALTER TABLE "orders" ADD COLUMN "sender_name" TEXT;
ALTER TABLE "orders" ADD COLUMN "order_number" TEXT;
ALTER TABLE "orders" ADD COLUMN "sender_phone" TEXT;
ALTER TABLE "orders" ADD COLUMN "sender_email" TEXT;
ALTER TABLE "orders" ADD COLUMN "customer_phone" TEXT;
ALTER TABLE "orders" ADD COLUMN "customer_email" TEXT;
