/**
 * The upgrade of a database whose subscriptions kept tracking tokens in plain text: the
 * migration keeps each token, marked, and the start-up step seals them. Done in a schema of its
 * own, migrated to just before the sealing migration; on PGlite, or DATABASE_URL's PostgreSQL.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { cp, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../../../generated/prisma/client";
import { generateToken, hashToken } from "../../platform/auth/tokens";
import { applyMigrations, defaultMigrationsDir } from "../../platform/db/migrate";
import { createTestDatabase, type TestDatabase } from "../../../testing/test-database";
import { createLinkSealer } from "./link-sealing";
import { sealPlaintextLinks } from "./seal-plaintext-links";

const SEALING_MIGRATION = "20261201090000_sealed_tracking_links";
const SCHEMA = "before_sealing";

let db: TestDatabase;
let client: pg.Client;
let scratch: string;

before(async () => {
  db = await createTestDatabase();
  client = new pg.Client({ connectionString: db.connectionString });
  await client.connect();
  scratch = await mkdtemp(path.join(os.tmpdir(), "lastmile-sealing-"));
});
after(async () => {
  await client?.end();
  await db?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

test("subscriptions from before sealing: the migration keeps their tokens marked, the start-up step seals them, once", async () => {
  const migrationsBefore = path.join(scratch, "migrations");
  await cp(defaultMigrationsDir, migrationsBefore, { recursive: true });
  await rm(path.join(migrationsBefore, SEALING_MIGRATION), { recursive: true });
  const tokens = { push: generateToken(), email: generateToken() };

  await client.query(`CREATE SCHEMA "${SCHEMA}"`);
  await client.query(`SET search_path TO "${SCHEMA}"`);
  const pool = new pg.Pool({ connectionString: db.connectionString, max: 1 });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { schema: SCHEMA }) });
  try {
    await applyMigrations(client, migrationsBefore);
    for (const [id, token] of [
      ["order-push", tokens.push],
      ["order-email", tokens.email],
    ]) {
      await client.query(`INSERT INTO orders (id, customer_name, address, lat, lng, tracking_token_hash, updated_at) VALUES ($1, 'C', 'A', 40.4, -3.7, $2, now())`, [id, hashToken(token!)]);
    }
    await client.query(
      `INSERT INTO push_subscriptions (id, order_id, endpoint, p256dh, auth, locale, tracking_token) VALUES ('push-1', 'order-push', 'https://push.example.com/1', 'k', 'a', 'en', $1)`,
      [tokens.push],
    );
    await client.query(`INSERT INTO email_subscriptions (order_id, email, locale, tracking_token) VALUES ('order-email', 'c@example.com', 'es', $1)`, [tokens.email]);

    assert.deepEqual(await applyMigrations(client, defaultMigrationsDir), [SEALING_MIGRATION]);
    const marked = await client.query<{ value: string }>(`SELECT tracking_link_sealed AS value FROM push_subscriptions UNION ALL SELECT tracking_link_sealed FROM email_subscriptions ORDER BY 1`);
    assert.deepEqual(marked.rows.map((row) => row.value).sort(), [`plaintext:${tokens.push}`, `plaintext:${tokens.email}`].sort());

    const sealer = createLinkSealer(randomBytes(32));
    assert.equal(await sealPlaintextLinks(prisma, sealer), 2);
    const push = await prisma.pushSubscription.findUniqueOrThrow({ where: { id: "push-1" } });
    const email = await prisma.emailSubscription.findUniqueOrThrow({ where: { orderId: "order-email" } });
    assert.ok(!push.trackingLinkSealed.includes(tokens.push) && !email.trackingLinkSealed.includes(tokens.email), "no plaintext left");
    assert.equal(sealer.open(push.trackingLinkSealed, "order-push"), tokens.push);
    assert.equal(sealer.open(email.trackingLinkSealed, "order-email"), tokens.email);
    assert.equal(await sealPlaintextLinks(prisma, sealer), 0, "a later start has nothing to seal");
    assert.equal(sealer.open((await prisma.pushSubscription.findUniqueOrThrow({ where: { id: "push-1" } })).trackingLinkSealed, "order-push"), tokens.push, "and leaves sealed links as they are");
  } finally {
    await prisma.$disconnect();
    await pool.end();
    await client.query("SET search_path TO public");
    await client.query(`DROP SCHEMA "${SCHEMA}" CASCADE`);
  }
});
