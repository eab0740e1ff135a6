/**
 * Whether an error means "the database cannot be reached now" (down, restarting, network cut,
 * pool exhausted) rather than a bug or a bad query. The edge answers these 503 + Retry-After,
 * never 500 and never 401: a caller whose identity could not be looked up is not unauthorised.
 */

import { PG_CONNECTION_LOST_MESSAGES } from "../patches/pg-connection-errors";

/** Prisma's driver-adapter error kinds for a database that is not there. */
const UNREACHABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
/** P1001 can't reach, P1002 timed out, P1008 operation timed out, P1017 server closed the connection, P2024 pool timeout. */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
/** Node's socket errors. */
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH"]);
/** PostgreSQL: class 08 connection exceptions; 57P01–57P03 shutting down / cannot connect now; 53300 too many connections. */
const isPostgresUnavailableCode = (code: string) => code.startsWith("08") || code === "57P01" || code === "57P02" || code === "57P03" || code === "53300";

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 5) return false;
  const candidate = error as {
    code?: unknown;
    errorCode?: unknown;
    message?: unknown;
    cause?: unknown;
    kind?: unknown;
    originalCode?: unknown;
    meta?: { driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown } } };
  };
  const adapterCause = candidate.meta?.driverAdapterError?.cause;
  const kinds = [candidate.kind, adapterCause?.kind].filter((kind): kind is string => typeof kind === "string");
  if (kinds.some((kind) => UNREACHABLE_KINDS.has(kind))) return true;
  const codes = [candidate.code, candidate.errorCode, candidate.originalCode, adapterCause?.originalCode].filter((code): code is string => typeof code === "string");
  if (codes.some((code) => PRISMA_CODES.has(code) || SOCKET_CODES.has(code) || (/^[0-9A-Z]{5}$/.test(code) && isPostgresUnavailableCode(code)))) return true;
  // pg's and pg-pool's connection errors have no code: their messages (server/platform/patches/pg-connection-errors.ts).
  if (typeof candidate.message === "string" && PG_CONNECTION_LOST_MESSAGES.test(candidate.message)) return true;
  return isDatabaseUnavailable(candidate.cause, depth + 1);
}
