import assert from "node:assert/strict";
import { test } from "node:test";
import { isDatabaseUnavailable } from "./database-unavailable";

test("an unreachable database is recognised in the shapes Prisma, pg and Node give it", () => {
  const prisma = (code: string, kind?: string) => Object.assign(new Error("Invalid `prisma.driver.findFirst()` invocation"), { code, meta: kind ? { driverAdapterError: { cause: { kind } } } : {} });
  assert.ok(isDatabaseUnavailable(prisma("P2010", "DatabaseNotReachable")), "raw query, adapter kind (as measured with pg_ctl stop)");
  assert.ok(isDatabaseUnavailable(prisma("P1001")));
  assert.ok(isDatabaseUnavailable(Object.assign(new Error("Can't reach database server at 127.0.0.1:5432"), { errorCode: "P1001" })), "an initialization error carries its code as errorCode");
  assert.ok(isDatabaseUnavailable(prisma("P2024")), "pool timeout");
  assert.ok(isDatabaseUnavailable(Object.assign(new Error("wrapped"), { cause: Object.assign(new Error("connect"), { code: "ECONNREFUSED" }) })));
  assert.ok(isDatabaseUnavailable(Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" })));
  assert.ok(isDatabaseUnavailable(new Error("Connection terminated unexpectedly")));
});

test("everything else is not: a constraint violation, a bug, nothing", () => {
  assert.equal(isDatabaseUnavailable(Object.assign(new Error("Unique constraint failed"), { code: "P2002" })), false);
  assert.equal(isDatabaseUnavailable(Object.assign(new Error("duplicate key"), { code: "23505" })), false);
  assert.equal(isDatabaseUnavailable(new TypeError("cannot read properties of undefined")), false);
  assert.equal(isDatabaseUnavailable(undefined), false);
  assert.equal(isDatabaseUnavailable("ECONNREFUSED"), false);
});
