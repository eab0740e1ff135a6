import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError, toApiError } from "./api-error";
import { isUnsafeText, rejectUnsafeText } from "./text-hygiene";

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
}

export interface Answer {
  status: number;
  body: unknown;
  headers?: ResponseHeaders;
}

/**
 * A handler returns `{ status, body }` or throws: a DomainError (server/platform/domain-errors.ts) or an
 * ApiError becomes the error shape with its status (api-error.ts `toApiError`), anything else a 500.
 * `Grant` is what the route's gate hands it about the caller (`ctx.staff`, `ctx.driver`…).
 */
export type Handler<Grant extends object = object> = (ctx: RequestContext & Grant) => Promise<Answer>;
/** Response headers; a list for a header sent several times (Set-Cookie). */
export type ResponseHeaders = Record<string, string | string[]>;

/**
 * Runs a route's access rule before its handler: throws to refuse (401, 403, 404…), or calls
 * `next` with what it established about the caller. It may wrap `next` (to count its failures).
 */
export type Gate<Access> = (access: Access, ctx: RequestContext, next: (grant: object) => Promise<Answer>) => Promise<Answer>;

interface Route<Access> {
  method: string;
  path: string;
  pattern: RegExp;
  paramNames: string[];
  access: Access;
  handler: Handler<never>;
}

/**
 * A small router for /api: the hot ingest path should not pay for a framework. Every route has a
 * row in the access policy it is built with (`METHOD path` → access, server/edge/security/access-policy.ts):
 * registering one without a row throws, and the row's gate runs before the handler.
 * `Grants` maps each route key to what its gate hands the handler.
 */
export class Router<Access, Grants extends { [key: string]: object }> {
  private readonly routes: Route<Access>[] = [];
  /**
   * Every route matching a registered parameterless path (the ingest route's among them), so
   * those requests skip testing each route's pattern. Built on first use, reset by on().
   */
  private staticMatches: Map<string, Route<Access>[]> | null = null;

  constructor(
    private readonly policy: Readonly<Record<string, Access>>,
    private readonly gate: Gate<Access>,
  ) {}

  /** Registers `METHOD path` (`"GET /api/orders/:orderId/events"`); throws when the policy has no row for it. */
  on<Key extends keyof Grants & string>(route: Key, handler: Handler<Grants[Key]>): this {
    const access = Object.hasOwn(this.policy, route) ? this.policy[route] : undefined;
    if (access === undefined) throw new Error(`${route} has no row in the access policy: add one before registering the route`);
    const space = route.indexOf(" ");
    const method = route.slice(0, space);
    const path = route.slice(space + 1);
    this.staticMatches = null;
    const paramNames: string[] = [];
    const pattern = new RegExp(
      "^" +
        path.replace(/:([a-zA-Z]+)/g, (_, name: string) => {
          paramNames.push(name);
          return "([^/]+)";
        }) +
        "/?$",
    );
    this.routes.push({ method, path, pattern, paramNames, access, handler: handler as Handler<never> });
    return this;
  }

  /** Every route as registered (`/api/orders/:orderId/events`): the authorisation table is checked against this. */
  list(): { method: string; path: string }[] {
    return this.routes.map(({ method, path }) => ({ method, path }));
  }

  private matching(pathname: string): Route<Access>[] {
    this.staticMatches ??= new Map(this.routes.filter((route) => route.paramNames.length === 0).map((route) => [route.path, this.routes.filter((candidate) => candidate.pattern.test(route.path))]));
    return this.staticMatches.get(pathname) ?? this.routes.filter((route) => route.pattern.test(pathname));
  }

  async handle(req: IncomingMessage, res: ServerResponse, log: (error: unknown) => void): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost");
    try {
      const matches = this.matching(url.pathname);
      if (matches.length === 0) throw new ApiError(404, "not_found", `no API route ${url.pathname}`);
      const route = matches.find((candidate) => candidate.method === req.method);
      if (!route) {
        const allowed = matches.map((candidate) => candidate.method).join(", ");
        throw new ApiError(405, "method_not_allowed", `${req.method ?? "?"} is not allowed here; use ${allowed}`, { Allow: allowed });
      }
      const values = route.pattern.exec(url.pathname)?.slice(1) ?? [];
      const params = Object.fromEntries(route.paramNames.map((name, index) => [name, decodePathSegment(values[index] ?? "")]));
      rejectUnsafeText(params, "the URL path");
      rejectUnsafeText([...url.searchParams].flat(), "the query string");
      const ctx: RequestContext = { req, res, url, params };
      const handler = route.handler as Handler;
      const result = await this.gate(route.access, ctx, (grant) => handler(Object.assign(ctx, grant)));
      sendJson(res, result.status, result.body, result.headers);
    } catch (error) {
      const known = toApiError(error);
      if (known) {
        sendJson(res, known.status, { error: { code: known.code, message: known.message } }, known.headers);
      } else {
        log(error);
        sendJson(res, 500, { error: { code: "internal", message: "internal server error" } });
      }
    }
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: ResponseHeaders = {}): void {
  if (res.headersSent) return;
  const payload = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers });
  res.end(payload);
}

function decodePathSegment(segment: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    throw new ApiError(400, "invalid_path", "malformed percent-encoding in the URL path");
  }
  if (isUnsafeText(decoded)) throw new ApiError(400, "invalid_path", "the URL path contains a NUL character or an unpaired surrogate");
  return decoded;
}
