/**
 * The errors node-postgres (pg, pg-pool) raises when the database goes away carry no code, only a
 * message: a lost connection ("Connection terminated unexpectedly", "… due to connection
 * timeout"), a client left unusable by one, and a pool with no free connection in time. Measured
 * need: Prisma's pg adapter passes these through unchanged (it maps only errors with a code), so
 * without their messages an outage answers 500 instead of 503 + Retry-After
 * (server/platform/db/database-unavailable.ts). pg-connection-errors.test.ts provokes each one from the
 * installed pg against real sockets and fails when a message changes.
 */
import { checkTestedRange, type TestedRange } from "./tested-range";

export const PG_RANGE: TestedRange = { library: "pg", from: "8.11.0", below: "9.0.0" };
export const PG_POOL_RANGE: TestedRange = { library: "pg-pool", from: "3.6.0", below: "4.0.0", dependencyOf: "pg" };

/** Matched anywhere in a message: Prisma may quote the driver's message inside its own. */
export const PG_CONNECTION_LOST_MESSAGES = /Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect/;

export function checkPgConnectionErrors(warn: (message: string) => void): void {
  checkTestedRange(PG_RANGE, "The database-outage check's pg messages (server/platform/db/database-unavailable.ts)", warn);
  checkTestedRange(PG_POOL_RANGE, "The database-outage check's pg-pool messages (server/platform/db/database-unavailable.ts)", warn);
}
