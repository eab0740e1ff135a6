import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { appendFile, cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import pg from "pg";
import { testDatabaseVariants, type TestDatabase } from "../../../testing/test-database";
import { applyMigrations, defaultMigrationsDir, readMigrations } from "./migrate";

type MigrationRow = {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
};

for (const variant of testDatabaseVariants()) {
  describe(`migrations on ${variant.name}`, () => {
    let db: TestDatabase;
    let client: pg.Client;
    let scratch: string;

    before(async () => {
      db = await variant.create();
      client = new pg.Client({ connectionString: db.connectionString });
      await client.connect();
      scratch = await mkdtemp(path.join(os.tmpdir(), "lastmile-migrations-"));
    });

    after(async () => {
      await client?.end();
      await db?.close();
      if (scratch) await rm(scratch, { recursive: true, force: true });
    });

    // A schema of its own gives each test an empty database without starting another server.
    async function inFreshSchema<T>(name: string, run: () => Promise<T>): Promise<T> {
      await client.query(`CREATE SCHEMA "${name}"`);
      await client.query(`SET search_path TO "${name}"`);
      try {
        return await run();
      } finally {
        await client.query("SET search_path TO public");
        await client.query(`DROP SCHEMA "${name}" CASCADE`);
      }
    }

    async function migrationsDirWith(name: string, extra: Record<string, string>): Promise<string> {
      const dir = path.join(scratch, name);
      await cp(defaultMigrationsDir, dir, { recursive: true });
      for (const [migration, sql] of Object.entries(extra)) {
        await mkdir(path.join(dir, migration));
        await writeFile(path.join(dir, migration, "migration.sql"), sql);
      }
      return dir;
    }

    test("a fresh database gets every migration once, recorded the way Prisma records it", async () => {
      const migrations = await readMigrations();
      assert.ok(migrations.length > 0);
      await inFreshSchema("fresh", async () => {
        assert.deepEqual(
          await applyMigrations(client),
          migrations.map((m) => m.name),
        );
        assert.deepEqual(await applyMigrations(client), []);

        const { rows } = await client.query<MigrationRow>(`SELECT * FROM "_prisma_migrations" ORDER BY migration_name`);
        assert.equal(rows.length, migrations.length);
        for (const [i, row] of rows.entries()) {
          const file = migrations[i]!;
          const sql = await readFile(path.join(defaultMigrationsDir, file.name, "migration.sql"));
          assert.equal(row.migration_name, file.name);
          assert.equal(row.checksum, createHash("sha256").update(sql).digest("hex"));
          assert.match(row.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
          assert.ok(row.finished_at && row.finished_at >= row.started_at);
          assert.equal(row.logs, null);
          assert.equal(row.rolled_back_at, null);
          assert.equal(row.applied_steps_count, 1);
        }

        const columns = await client.query<{ column_name: string; type: string; nullable: boolean; default: string | null }>(
          `SELECT a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS type,
                  NOT a.attnotnull AS nullable, pg_get_expr(d.adbin, d.adrelid) AS default
             FROM pg_attribute a
             LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE a.attrelid = '"_prisma_migrations"'::regclass AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum`,
        );
        assert.deepEqual(columns.rows, [
          { column_name: "id", type: "character varying(36)", nullable: false, default: null },
          { column_name: "checksum", type: "character varying(64)", nullable: false, default: null },
          { column_name: "finished_at", type: "timestamp with time zone", nullable: true, default: null },
          { column_name: "migration_name", type: "character varying(255)", nullable: false, default: null },
          { column_name: "logs", type: "text", nullable: true, default: null },
          { column_name: "rolled_back_at", type: "timestamp with time zone", nullable: true, default: null },
          { column_name: "started_at", type: "timestamp with time zone", nullable: false, default: "now()" },
          { column_name: "applied_steps_count", type: "integer", nullable: false, default: "0" },
        ]);
      });
    });

    test("startDatabase migrated the database, and a restart applies nothing", async () => {
      const migrations = await readMigrations();
      const { rows } = await client.query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name`);
      assert.deepEqual(
        rows.map((r) => r.migration_name),
        migrations.map((m) => m.name),
      );
      assert.deepEqual(await applyMigrations(client), []);
    });

    test("a migration edited after it was applied is refused, and the lock is released", async () => {
      const dir = await migrationsDirWith("edited", {});
      const first = (await readMigrations(dir))[0]!;
      await appendFile(path.join(dir, first.name, "migration.sql"), "\n-- edited afterwards\n");
      await assert.rejects(applyMigrations(client, dir), /was modified after it was applied/);
      // Would block forever if the advisory lock had leaked with the error.
      assert.deepEqual(await applyMigrations(client), []);
    });

    test("new migrations apply in folder order; a failing one leaves no trace", async () => {
      const dir = await migrationsDirWith("pending", {
        "29990102000000_second": `CREATE TABLE "probe_second" ("id" INTEGER NOT NULL);`,
        "29990101000000_first": `CREATE TABLE "probe_first" ("id" INTEGER NOT NULL);`,
      });
      const failing = await migrationsDirWith("failing", {
        "29990103000000_broken": `CREATE TABLE "probe_broken" ("id" INTEGER NOT NULL);\nSELECT 1 / 0;`,
      });
      await inFreshSchema("pending", async () => {
        const applied = await applyMigrations(client, dir);
        assert.deepEqual(applied.slice(-2), ["29990101000000_first", "29990102000000_second"]);

        await assert.rejects(applyMigrations(client, failing), /29990103000000_broken failed: division by zero/);
        const probe = await client.query(`SELECT to_regclass('probe_broken') AS t`);
        assert.equal(probe.rows[0].t, null);
        const rows = await client.query(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name LIKE '%_broken'`);
        assert.equal(rows.rowCount, 0);
      });
    });

    test(
      "two processes migrating at once take turns",
      // PGlite is one session owned by one process: its advisory locks are re-entrant and
      // only startDatabase, once per process, migrates it.
      { skip: variant.name === "PGlite" && "PGlite has a single session and a single owner process" },
      async () => {
        const other = new pg.Client({ connectionString: db.connectionString });
        await other.connect();
        try {
          await client.query(`CREATE SCHEMA "racing"`);
          await client.query(`SET search_path TO "racing"`);
          await other.query(`SET search_path TO "racing"`);
          const results = await Promise.all([applyMigrations(client), applyMigrations(other)]);
          const names = (await readMigrations()).map((m) => m.name);
          assert.deepEqual(results.map((r) => r.length).sort(), [0, names.length]);
        } finally {
          await other.end();
          await client.query("SET search_path TO public");
          await client.query(`DROP SCHEMA IF EXISTS "racing" CASCADE`);
        }
      },
    );

    test("Prisma reads back what it wrote: relations, Json, BigInt, defaults and ON DELETE", async () => {
      const { prisma } = db;
      const driver = await prisma.driver.create({
        data: { id: "drv_1", name: "Ada", trackerId: "tracker-1", tokenHash: "hash-driver" },
      });
      assert.equal(driver.trackerId, "tracker-1");
      assert.ok(driver.updatedAt instanceof Date);

      const order = await prisma.order.create({
        data: {
          id: "ord_1",
          customerName: "Grace",
          address: "1 Main St",
          lat: 52.520008,
          lng: 13.404954,
          driverId: driver.id,
          trackingTokenHash: "hash-tracking",
        },
      });
      assert.equal(order.status, "created");
      assert.equal(order.finishedAt, null);

      await prisma.routeStop.create({ data: { orderId: order.id, driverId: driver.id, position: 0 } });
      const data = { note: "left at door", photos: [1, { url: "x" }], nested: { ok: true, none: null } };
      const occurredAt = new Date("2026-01-02T03:04:05.678Z");
      await prisma.orderEvent.create({
        data: { id: "evt_1", orderId: order.id, type: "picked_up", data, occurredAt },
      });
      const seq = 2n ** 53n + 1n; // not representable as a JS number
      await prisma.driverLocation.create({
        data: { driverId: driver.id, lat: 52.5, lng: 13.4, seq, recordedAt: occurredAt },
      });

      const read = await prisma.driver.findUniqueOrThrow({
        where: { tokenHash: "hash-driver" },
        include: { orders: { include: { events: true, stop: true } }, location: true },
      });
      assert.equal(read.orders.length, 1);
      assert.equal(read.orders[0]!.lat, 52.520008);
      assert.deepEqual(read.orders[0]!.stop, { orderId: "ord_1", driverId: "drv_1", position: 0 });
      assert.deepEqual(read.orders[0]!.events[0]!.data, data);
      assert.equal(read.orders[0]!.events[0]!.occurredAt.toISOString(), occurredAt.toISOString());
      assert.equal(read.location?.seq, seq);
      assert.equal(read.location?.accuracy, null);

      await prisma.driver.delete({ where: { id: driver.id } });
      const orphan = await prisma.order.findUniqueOrThrow({ where: { id: order.id }, include: { stop: true } });
      assert.equal(orphan.driverId, null); // SetNull
      assert.equal(orphan.stop, null); // route stop cascaded with its driver
      assert.equal(await prisma.driverLocation.count(), 0);
      await prisma.order.delete({ where: { id: order.id } });
      assert.equal(await prisma.orderEvent.count(), 0);
    });
  });
}
