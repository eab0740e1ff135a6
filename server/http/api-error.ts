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
export const notFound = (message: string) => new ApiError(404, "not_found", message);
export const conflict = (code: string, message: string) => new ApiError(409, code, message);
export const unavailable = (message: string) =>
  new ApiError(503, "backbone_unavailable", message, { "Retry-After": "2" });
export const databaseUnavailable = () =>
  new ApiError(503, "database_unavailable", "the database is unavailable; retry shortly", { "Retry-After": "2" });
