import { isDatabaseUnavailable } from "../db/database-unavailable";
import { DomainError, type DomainErrorKind } from "../domain-errors";

/** The one error shape of the API: `{ error: { code, message } }` with a 4xx/5xx status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (code: string, message: string) => new ApiError(400, code, message);
export const unauthorized = (message = "missing or invalid bearer token") => new ApiError(401, "unauthorized", message);
export const databaseUnavailable = () => new ApiError(503, "database_unavailable", "the database is unavailable; retry shortly", { "Retry-After": "2" });

/** The HTTP status of each kind of domain error: the only place a domain error meets HTTP. */
const STATUS_OF_KIND: Record<DomainErrorKind, number> = {
  invalid_input: 400,
  not_signed_in: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  refused: 422,
  too_many_attempts: 429,
  unavailable: 503,
};

/** An error the API answers with its own status and code (HTTP-level or domain), or null for a bug (a 500). */
export function toApiError(error: unknown): ApiError | null {
  if (error instanceof ApiError) return error;
  // Infrastructure, found at the edge: an unreachable database is "retry shortly", never a 401 or a 500.
  if (isDatabaseUnavailable(error)) return databaseUnavailable();
  if (!(error instanceof DomainError)) return null;
  const headers: Record<string, string> = error.retryAfterSeconds === undefined ? {} : { "Retry-After": String(error.retryAfterSeconds) };
  return new ApiError(STATUS_OF_KIND[error.kind], error.code, error.message, headers);
}

/** The error body of a socket ack for an expected error (domain or request), or null for a bug. */
export function toAckError(error: unknown): { error: { code: string; message: string } } | null {
  const known = toApiError(error);
  return known ? { error: { code: known.code, message: known.message } } : null;
}
