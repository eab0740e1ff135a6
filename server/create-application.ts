/**
 * Builds the Lastmile HTTP server from its dependencies: /api (the contract), Socket.IO (the
 * relay) and, when given, Next.js for pages. server/index.ts wires real dependencies; tests
 * call this with their own nats-server and database and no Next.js.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { createApiRouter } from "./api/api-routes";
import type { CoreDeps } from "./deps";
import { sendJson } from "./http/router";
import { startRelay, type Relay } from "./relay/relay";
import { resolvePrincipal } from "./staff/request-principal";

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
}

export interface Application {
  httpServer: Server;
  relay: Relay;
  /** Stops accepting connections and closes sockets; the dependencies stay open. */
  close(): Promise<void>;
}

export function createApplication(options: ApplicationOptions): Application {
  const log = options.log ?? ((message, error) => console.error(message, error ?? ""));
  const router = createApiRouter({ ...options.core, adminToken: options.adminToken, silentAfterMs: options.silentAfterMs, publicUrl: options.publicUrl, geocoderUrl: options.geocoderUrl });

  const httpServer = createServer((req, res) => {
    const path = req.url ?? "/";
    if (path === "/api" || path.startsWith("/api/") || path.startsWith("/api?")) {
      const onError = (error: unknown) => log(`${req.method ?? "?"} ${path} failed`, error);
      // Who is calling (bearer or staff session cookie) is known before any route runs.
      void resolvePrincipal(req, options.core.prisma, options.adminToken)
        .catch(onError)
        .then(() => router.handle(req, res, onError));
      return;
    }
    if (!options.pages) {
      sendJson(res, 404, { error: { code: "not_found", message: "no pages in this server" } });
      return;
    }
    options.pages.handle(req, res).catch((error: unknown) => {
      log(`page ${path} failed`, error);
      if (!res.headersSent) sendJson(res, 500, { error: { code: "internal", message: "internal server error" } });
    });
  });
  // A client that sends garbage must not take the process down.
  httpServer.on("clientError", (_error, socket) => socket.destroy());

  const relay = startRelay(httpServer, options.core, log, { adminToken: options.adminToken, silentAfterMs: options.silentAfterMs });
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
    async close() {
      await relay.close();
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
