/**
 * Builds the Lastmile HTTP server from its dependencies: /api (the contract), Socket.IO (the
 * relay) and, when given, Next.js for pages. server/index.ts wires real dependencies; tests
 * call this with their own nats-server and database and no Next.js.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { EVENTS } from "../lib/realtime/events";
import { createApiRouter } from "./edge/api/api-routes";
import type { ShopIntegrationOptions } from "./edge/api/api-deps";
import { bearerToken, tokensEqual } from "./platform/auth/tokens";
import { createAppMetrics, ingestDuration, ingestRequests, type AppMetrics, type TrackerProgress } from "./platform/observability/metrics";
import { logPath, type Logger } from "./platform/observability/logger";
import { serveMetrics } from "./platform/observability/metrics-server";
import { databaseUnavailable, type ApiError } from "./platform/http/api-error";
import { isDatabaseUnavailable } from "./platform/db/database-unavailable";
import type { CoreDeps } from "./deps";
import { checkReadiness } from "./platform/health/check-readiness";
import { BearerGuard } from "./platform/http/bearer-guard";
import { canonicalPath } from "./platform/http/canonical-path";
import { RateLimits } from "./platform/http/rate-limits";
import { sendJson } from "./platform/http/router";
import { createSecurityHeaders, type SecurityHeaderOptions } from "./platform/http/security-headers";
import { installSocketGuard } from "./pipeline/relay/socket-guard";
import { startRelay, type Relay } from "./pipeline/relay/relay";
import { resolvePrincipal } from "./features/staff/request-principal";
import type { SubscriptionPolicy } from "./features/notifications/notification-subscriptions";
import { settlesWithin } from "./platform/async/deadlines";

export interface PageHandler {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Next.js dev mode's HMR websocket. */
  upgrade?(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void>;
}

export interface ApplicationOptions {
  core: CoreDeps;
  adminToken: string;
  /** See DRIVER_SILENT_AFTER_SECONDS in server/env.ts. */
  silentAfterMs?: number;
  /** PUBLIC_URL: tracking links in API answers are absolute on it. */
  publicUrl?: string;
  /** GEOCODER_URL: the dashboard's address search. */
  geocoderUrl?: string;
  pages?: PageHandler;
  log?: (message: string, error?: unknown) => void;
  /** TRUST_PROXY: how many proxies in front of us append to X-Forwarded-For (every limiter uses it). */
  trustProxyHops?: number;
  /** WEBHOOK_ALLOW_PRIVATE: let webhooks reach loopback and private addresses (tests, a local receiver). */
  allowPrivateWebhooks?: boolean;
  /** Customer notifications: whether email opt-in is offered, and loopback push services (tests). */
  notifications?: SubscriptionPolicy;
  /** Orders from shops (server/edge/api/integration-routes.ts). */
  shopIntegrations?: ShopIntegrationOptions;
  /** Content-Security-Policy and HSTS inputs. */
  securityHeaders?: SecurityHeaderOptions;
  /** Request log lines (one per request, with its id) and request failures; none when unset. */
  logger?: Logger;
  /** The tracker of this process, for its lag per partition in /metrics. */
  tracker?: () => TrackerProgress | null;
}

export interface Application {
  httpServer: Server;
  relay: Relay;
  /** Prometheus exposition of this process (see server/platform/observability/metrics.ts). */
  metrics: AppMetrics;
  /** Every API route the router has (the authorisation table is tested against it). */
  routes(): { method: string; path: string }[];
  /** Stops accepting connections and closes sockets; the dependencies stay open. */
  close(): Promise<void>;
  /**
   * Graceful close (SIGTERM): stop listening, answer 503 on /readyz, tell every socket
   * `server:draining` and close its transport (socket.io clients reconnect, to another instance
   * behind the load balancer), let requests in flight finish for up to `timeoutMs`, then close
   * what is left. The dependencies stay open: in-flight requests may still need them.
   */
  drain(timeoutMs: number): Promise<{ inFlightAtStart: number; cutOff: number }>;
}

export function createApplication(options: ApplicationOptions): Application {
  const log = options.log ?? ((message, error) => console.error(message, error ?? ""));
  const rateLimits = new RateLimits(options.trustProxyHops ?? 0);
  const bearerGuard = new BearerGuard(rateLimits);
  const router = createApiRouter({
    ...options.core,
    adminToken: options.adminToken,
    silentAfterMs: options.silentAfterMs,
    publicUrl: options.publicUrl,
    geocoderUrl: options.geocoderUrl,
    rateLimits,
    allowPrivateWebhooks: options.allowPrivateWebhooks ?? false,
    notifications: options.notifications,
    shopIntegrations: options.shopIntegrations,
  });
  const securityHeaders = createSecurityHeaders(options.securityHeaders ?? {});

  /** Requests being answered now; bounded by the server's open connections. */
  const inFlight = new Set<ServerResponse>();
  const idleWaiters = new Set<() => void>();
  let isDraining = false;

  const httpServer = createServer((req, res) => {
    const startedAt = performance.now();
    const requestId = requestIdOf(req);
    res.setHeader("X-Request-Id", requestId);
    // A child logger only for a line that is written: making one per request cost the ingest path ~1 %.
    let requestLoggerMade: Logger | undefined;
    const requestLogger = () => (options.logger ? (requestLoggerMade ??= options.logger.child({ reqId: requestId })) : undefined);
    const path = req.url ?? "/";
    const ingestRoute = req.method === "POST" ? INGEST_ROUTES.get(path.split("?")[0] ?? "") : undefined;
    inFlight.add(res);
    res.once("close", () => {
      inFlight.delete(res);
      if (inFlight.size === 0) for (const waiter of [...idleWaiters]) waiter();
      const ms = performance.now() - startedAt;
      if (ingestRoute) {
        ingestRequests.inc({ route: ingestRoute, status: String(res.statusCode) });
        ingestDuration.observe({ route: ingestRoute }, ms / 1000);
      }
      if (options.logger) {
        const isQuiet = ingestRoute !== undefined || QUIET_PATHS.has(path) || path.startsWith("/_next/");
        if (res.statusCode < 500 && isQuiet && !options.logger.isLevelEnabled("debug")) return;
        const line = { method: req.method, path: logPath(path), status: res.statusCode, ms: Math.round(ms * 10) / 10, ...(res.writableFinished ? {} : { aborted: true }) };
        // Probes, static assets and the GPS firehose at debug: a line per fix would drown the rest.
        if (res.statusCode >= 500) requestLogger()?.error(line, "request");
        else if (isQuiet) requestLogger()?.debug(line, "request");
        else requestLogger()?.info(line, "request");
      }
    });
    // A keep-alive connection that sends one more request while we drain gets it answered, then closed.
    if (isDraining) res.setHeader("Connection", "close");
    if (path === "/metrics") {
      securityHeaders.applyToApi(res);
      const refused = bearerGuard.admit(req);
      if (refused) return sendApiError(res, refused);
      res.once("finish", () => bearerGuard.settle(req, res.statusCode));
      const token = bearerToken(req.headers.authorization);
      if (!token || !tokensEqual(token, options.adminToken)) {
        return sendJson(res, 401, { error: { code: "unauthorized", message: "admin bearer token required (or scrape METRICS_PORT)" } });
      }
      void serveMetrics(metrics, res, log);
      return;
    }
    if (path === "/healthz") {
      securityHeaders.applyToApi(res);
      return sendJson(res, 200, { ok: true });
    }
    if (path === "/readyz") {
      securityHeaders.applyToApi(res);
      if (isDraining) return sendJson(res, 503, { ok: false, draining: true });
      void checkReadiness(options.core).then(
        (readiness) => sendJson(res, readiness.isReady ? 200 : 503, { ok: readiness.isReady, checks: readiness.checks }),
        (error: unknown) => {
          log("readiness check failed", error);
          sendJson(res, 503, { ok: false });
        },
      );
      return;
    }
    if (path === "/api" || path.startsWith("/api/") || path.startsWith("/api?")) {
      securityHeaders.applyToApi(res);
      const onError = (error: unknown) =>
        options.logger ? requestLogger()?.error({ err: error, method: req.method, path: logPath(path) }, "request failed") : log(`${req.method ?? "?"} ${logPath(path)} failed`, error);
      const refused = bearerGuard.admit(req);
      if (refused) return sendApiError(res, refused);
      // Who is calling (bearer or staff session cookie) is known before any route runs.
      void resolvePrincipal(req, options.core.prisma, options.adminToken)
        .then(
          () => router.handle(req, res, onError),
          (error: unknown) => {
            // Who is calling could not be looked up: 503, not a 401 the client would act on.
            if (isDatabaseUnavailable(error)) return sendApiError(res, databaseUnavailable());
            onError(error);
            return router.handle(req, res, onError);
          },
        )
        .then(() => bearerGuard.settle(req, res.statusCode));
      return;
    }
    securityHeaders.applyToPage(req, res);
    if (!isDecodablePath(path)) {
      sendJson(res, 400, { error: { code: "invalid_path", message: "malformed percent-encoding in the URL path" } });
      return;
    }
    if (canonicalPath(path).startsWith("/track/")) {
      const decision = rateLimits.take("trackingPagesPerIp", rateLimits.ipOf(req));
      if (decision) return sendApiError(res, decision);
    }
    if (!options.pages) {
      sendJson(res, 404, { error: { code: "not_found", message: "no pages in this server" } });
      return;
    }
    options.pages.handle(req, res).catch((error: unknown) => {
      if (options.logger) requestLogger()?.error({ err: error, path: logPath(path) }, "page failed");
      else log(`page ${logPath(path)} failed`, error);
      if (!res.headersSent) sendJson(res, 500, { error: { code: "internal", message: "internal server error" } });
    });
  });
  // A client that sends garbage must not take the process down, and is told why (400, not a
  // silently closed connection): a raw space or a non-ASCII byte in the request line, say.
  httpServer.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (socket.writable && !(error.code === "ECONNRESET")) {
      const status = error.code === "HPE_HEADER_OVERFLOW" ? "431 Request Header Fields Too Large" : "400 Bad Request";
      const body = JSON.stringify({ error: { code: "bad_request", message: "malformed HTTP request" } });
      socket.end(`HTTP/1.1 ${status}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    }
    socket.destroy();
  });

  const relay = startRelay(httpServer, options.core, log, { adminToken: options.adminToken, silentAfterMs: options.silentAfterMs });
  const metrics = createAppMetrics({ core: options.core, tracker: options.tracker, socketsConnected: () => relay.io.engine.clientsCount });
  installSocketGuard(relay.io, rateLimits);
  // Socket.IO answers its own requests (handshakes, long-polling, upgrades): they carry the API's headers too.
  relay.io.engine.on("headers", (headers: Record<string, string | string[] | undefined>) => securityHeaders.addToHeaders(headers));
  const upgrade = options.pages?.upgrade;
  if (upgrade) {
    httpServer.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (req.url?.startsWith("/socket.io")) return;
      upgrade(req, socket, head).catch(() => socket.destroy());
    });
  }

  return {
    httpServer,
    relay,
    metrics,
    routes: () => router.list(),
    async close() {
      await relay.close();
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
    async drain(timeoutMs) {
      isDraining = true;
      const deadline = Date.now() + timeoutMs;
      // No new connections; idle keep-alive ones are closed now, busy ones after their reply.
      const isClosed = new Promise<void>((resolve) => (httpServer.listening ? httpServer.close(() => resolve()) : resolve()));
      httpServer.closeIdleConnections();
      relay.io.emit(EVENTS.serverDraining, { reconnect: true });
      // relay.close() closes every socket's transport at once; it resolves with the HTTP server's close.
      const isRelayClosed = relay.close();
      const inFlightAtStart = inFlight.size;
      if (inFlight.size > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, Math.max(0, deadline - Date.now()));
          function done() {
            clearTimeout(timer);
            idleWaiters.delete(done);
            resolve();
          }
          idleWaiters.add(done);
        });
      }
      const cutOff = inFlight.size;
      httpServer.closeAllConnections();
      await settlesWithin(Promise.all([isClosed, isRelayClosed]), 1_000);
      return { inFlightAtStart, cutOff };
    },
  };
}

/** Asked every few seconds by load balancers and Prometheus: their request lines are debug. */
const QUIET_PATHS = new Set(["/healthz", "/readyz", "/metrics"]);

/** The ingest routes, by path, as labelled in metrics. */
const INGEST_ROUTES = new Map([
  ["/api/driver/locations", "locations"],
  ["/api/osmand", "osmand"],
]);

/** A caller's X-Request-Id when it is a plausible id (a proxy's, a client's), else a new one. */
function requestIdOf(req: IncomingMessage): string {
  const given = req.headers["x-request-id"];
  return typeof given === "string" && /^[A-Za-z0-9._:-]{1,128}$/.test(given) ? given : randomUUID();
}

function isDecodablePath(path: string): boolean {
  try {
    decodeURIComponent(path.split("?")[0] ?? "");
    return true;
  } catch {
    return false;
  }
}

function sendApiError(res: ServerResponse, error: ApiError): void {
  sendJson(res, error.status, { error: { code: error.code, message: error.message } }, error.headers);
}
