/**
 * A whole Lastmile server for one test file, on real services: its own nats-server (which a
 * test may stop and restart), a fresh migrated database, the tracker and the application
 * (API + Socket.IO relay, no Next.js) listening on a free loopback port. Helpers talk to it
 * the way clients do: the HTTP API through fetch, the live channel through socket.io-client.
 */
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { Manager, type Socket } from "socket.io-client";
import { EVENTS, SOCKET_PATH, type TAck } from "../lib/realtime/events";
import type { TOrderCreated, TOrderSummary } from "../lib/schemas/admin-responses";
import type { TOrderView } from "../lib/schemas/order-view";
import { createApplication, type Application } from "../server/create-application";
import type { Logger } from "../server/platform/observability/logger";
import type { SubscriptionPolicy } from "../server/features/notifications/notification-subscriptions";
import type { ShopIntegrationOptions } from "../server/edge/api/api-deps";
import { createLinkSealer, type LinkSealer } from "../server/features/notifications/link-sealing";
import type { Clock } from "../server/platform/clock";
import type { CoreDeps } from "../server/deps";
import { startOutboxPublisher } from "../server/pipeline/outbox/outbox-publisher";
import { TRACKER_PARTITIONS } from "../lib/domain/partition";
import { startTracker, type Tracker } from "../server/pipeline/tracker/tracker";
import { createTestDatabase, type TestDatabase } from "./test-database";
import { startTestBackbone, type TestNats } from "./test-nats";
import { settlesWithin } from "../server/platform/async/deadlines";

export type ApiResponse<T = any> = {
  status: number;
  headers: Headers;
  /** Parsed JSON, or the raw text when the body is not JSON. */
  body: T;
  text: string;
};

export type ApiErrorBody = { error: { code: string; message: string } };

export type Driver = { id: string; name: string; trackerId: string | null; token: string; createdAt: string };
/** What `POST /api/orders` answers (lib/schemas/admin-responses.ts), plus the token read from `trackingUrl`. */
export type Order = TOrderCreated & {
  /** The tracking token from `trackingUrl` (`/track/<token>`). */
  token: string;
};
export type OrderSummary = TOrderSummary;
export type Fix = { lat: number; lng: number; at: number | string; seq?: number; accuracy?: number; speed?: number; heading?: number };

/** A body that is sent as is (not JSON-encoded). */
export class RawBody {
  constructor(
    readonly data: string,
    readonly contentType = "application/json",
  ) {}
}

export interface Watcher {
  socket: Socket;
  /** The ack of `order:watch`: `{ data: view }` or `{ error }`. */
  ack: TAck<TOrderView>;
  /** Every `order:view` frame received, in arrival order. */
  views: TOrderView[];
  /** Every engine.io packet received, serialised (JSON), for privacy checks on the raw wire. */
  rawPackets: string[];
  /** Every Socket.IO event received (any name), serialised, as seen by `socket.onAny`. */
  events: string[];
  /** The newest view known to this watcher (ack or frame), by version. */
  latest(): TOrderView | null;
  /** Resolves with the first view (ack view included, past or future) matching `predicate`. */
  waitForView(predicate: (view: TOrderView) => boolean, timeoutMs?: number): Promise<TOrderView>;
  close(): void;
}

export interface TestApp {
  baseUrl: string;
  adminToken: string;
  /** Seals the tracking links of notification opt-ins (a key of this app's): a notification dispatcher opens them with it. */
  linkSealer: LinkSealer;
  core: CoreDeps;
  app: Application;
  /** The running tracker, or null between stopTracker() and startTracker(). */
  tracker: Tracker | null;
  nats: TestNats;
  db: TestDatabase;
  visibleStops: number | null;
  visibleMinutes: number | null;
  /** One API call; `body` is JSON-encoded unless it is a RawBody; `token` goes in `Authorization: Bearer`. */
  api<T = any>(method: string, path: string, body?: unknown, token?: string, signal?: AbortSignal): Promise<ApiResponse<T>>;
  /** `api` with the admin token. */
  admin<T = any>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>>;
  createDriver(input?: { name?: string; trackerId?: string }): Promise<Driver>;
  createOrder(input?: { driverId?: string; lat?: number; lng?: number; customerName?: string; address?: string }): Promise<Order>;
  setRoute(driverId: string, orderIds: string[]): Promise<{ driverId: string; orderIds: string[] }>;
  postFixes(driverToken: string, fixes: Fix[]): Promise<{ accepted: number; duplicates: number }>;
  setStatus(driverToken: string, orderId: string, status: string, note?: string): Promise<{ orderId: string; status: string; isChanged: boolean }>;
  listOrders(): Promise<OrderSummary[]>;
  watch(token: string): Promise<Watcher>;
  startTracker(): Promise<Tracker>;
  stopTracker(): Promise<void>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** TRACKING_VISIBLE_STOPS (default 3; null: no stops limit). */
  visibleStops?: number | null;
  /** TRACKING_VISIBLE_MINUTES (default: no minutes limit). */
  visibleMinutes?: number | null;
  /** False: start without a tracker (call startTracker() later). */
  tracker?: boolean;
  /** Application/tracker log; default collects into `logs` quietly. */
  log?: (message: string, error?: unknown) => void;
  /** WEBHOOK_ALLOW_PRIVATE=1: tests with a receiver on loopback set it. */
  allowPrivateWebhooks?: boolean;
  /** TRUST_PROXY hops. */
  trustProxyHops?: number;
  /** Request log lines (pino); none when unset. */
  logger?: Logger;
  /** Notification opt-ins: email on, loopback push services (server/features/notifications tests); links sealed with the app's `linkSealer`. */
  notifications?: Omit<SubscriptionPolicy, "linkSealer">;
  /** The server's clock (CoreDeps.clock): a simulated one replays a day (default: real time). */
  clock?: Clock;
  /** Orders from shops: webhook secrets, SHOP_NAME, the geocoder's deadline (server/features/integrations tests). */
  shopIntegrations?: ShopIntegrationOptions;
  /** GEOCODER_URL (a local stand-in in tests). */
  geocoderUrl?: string;
}

/** Polls `condition` until it returns a truthy value or the deadline passes. */
export async function waitFor<T>(condition: () => T | Promise<T>, timeoutMs = 10_000, what = "condition"): Promise<NonNullable<Awaited<T>>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value as NonNullable<Awaited<T>>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ""}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Asserts-friendly check that a response is the API's JSON error shape. */
/**
 * Client addresses `10.x.y.z`, a new one per call: with one trusted proxy hop (X-Forwarded-For),
 * every request gets its own address, so per-address rate limits stay out of the way.
 */
export function createIpSequence(): () => string {
  let counter = 0;
  return () => {
    counter++;
    return `10.${(counter >> 16) & 255}.${(counter >> 8) & 255}.${counter & 255}`;
  };
}

export function isApiError(body: unknown): body is ApiErrorBody {
  const error = (body as ApiErrorBody | null)?.error;
  return typeof error?.code === "string" && error.code.length > 0 && typeof error.message === "string" && error.message.length > 0;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp & { logs: string[] }> {
  const logs: string[] = [];
  const log =
    options.log ??
    ((message: string, error?: unknown) => {
      logs.push(`${message} ${error instanceof Error ? error.message : String(error ?? "")}`);
      if (process.env.TEST_APP_VERBOSE) console.error(message, error ?? "");
    });
  const visibleStops = options.visibleStops === undefined ? 3 : options.visibleStops;
  const visibleMinutes = options.visibleMinutes ?? null;
  const adminToken = `admin-${randomBytes(24).toString("base64url")}`;
  const linkSealer = createLinkSealer(randomBytes(32));

  const backbone = await startTestBackbone();
  let db: TestDatabase | undefined;
  try {
    db = await createTestDatabase();
  } catch (error) {
    await backbone.close();
    throw error;
  }
  const outbox = startOutboxPublisher({ prisma: db.prisma, js: backbone.js, nc: backbone.nc }, { log });
  const core: CoreDeps = { prisma: db.prisma, js: backbone.js, jsm: backbone.jsm, nc: backbone.nc, outbox, clock: options.clock };
  let tracker: Tracker | null = null;
  const app = createApplication({
    core,
    adminToken,
    log,
    allowPrivateWebhooks: options.allowPrivateWebhooks,
    trustProxyHops: options.trustProxyHops,
    logger: options.logger,
    notifications: { isEmailEnabled: false, allowPrivatePushEndpoints: false, ...options.notifications, linkSealer },
    shopIntegrations: options.shopIntegrations,
    geocoderUrl: options.geocoderUrl,
    tracker: () => tracker,
  });
  await new Promise<void>((resolve) => app.httpServer.listen(0, "127.0.0.1", resolve));
  const { port } = app.httpServer.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const watchers = new Set<Watcher>();

  const api = async <T>(method: string, path: string, body?: unknown, token?: string, signal?: AbortSignal): Promise<ApiResponse<T>> => {
    const headers: Record<string, string> = {};
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    let payload: string | undefined;
    if (body instanceof RawBody) {
      payload = body.data;
      headers["content-type"] = body.contentType;
    } else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers["content-type"] = "application/json";
    }
    const response = await fetch(`${baseUrl}${path}`, { method, headers, body: payload, signal });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  };

  const expectStatus = <T>(response: ApiResponse<T>, status: number, what: string): T => {
    if (response.status !== status) throw new Error(`${what}: expected ${status}, got ${response.status} ${response.text}`);
    return response.body;
  };

  const handle: TestApp & { logs: string[] } = {
    baseUrl,
    adminToken,
    linkSealer,
    core,
    app,
    tracker: null,
    nats: backbone.nats,
    db,
    visibleStops,
    visibleMinutes,
    logs,
    api,
    admin: (method, path, body) => api(method, path, body, adminToken),
    async createDriver(input = {}) {
      // Tests name their tracker ids readably: they insist, as an admin may.
      const body = { name: input.name ?? "Test Driver", ...(input.trackerId ? { trackerId: input.trackerId, allowGuessableTrackerId: true } : {}) };
      return expectStatus(await handle.admin<Driver>("POST", "/api/drivers", body), 201, "create driver");
    },
    async createOrder(input = {}) {
      const body = {
        customerName: input.customerName ?? "Test Customer",
        address: input.address ?? "1 Test Street",
        lat: input.lat ?? 48.85,
        lng: input.lng ?? 2.35,
        ...(input.driverId ? { driverId: input.driverId } : {}),
      };
      const order = expectStatus(await handle.admin<Omit<Order, "token">>("POST", "/api/orders", body), 201, "create order");
      const token = /^\/track\/([^/?#]+)$/.exec(order.trackingUrl)?.[1];
      if (!token) throw new Error(`unexpected trackingUrl ${order.trackingUrl}`);
      return { ...order, token };
    },
    async setRoute(driverId, orderIds) {
      return expectStatus(await handle.admin("PUT", `/api/drivers/${encodeURIComponent(driverId)}/route`, { orderIds }), 200, "set route");
    },
    async postFixes(driverToken, fixes) {
      return expectStatus(await api("POST", "/api/driver/locations", { fixes }, driverToken), 202, "post fixes");
    },
    async setStatus(driverToken, orderId, status, note) {
      const body = note === undefined ? { status } : { status, note };
      return expectStatus(await api("POST", `/api/driver/orders/${encodeURIComponent(orderId)}/status`, body, driverToken), 200, `set status ${status}`);
    },
    async listOrders() {
      return expectStatus(await handle.admin<OrderSummary[]>("GET", "/api/orders"), 200, "list orders");
    },
    async watch(token) {
      const watcher = await openWatcher(baseUrl, token);
      watchers.add(watcher);
      const close = watcher.close;
      watcher.close = () => {
        watchers.delete(watcher);
        close();
      };
      return watcher;
    },
    async startTracker() {
      if (handle.tracker) return handle.tracker;
      tracker = await startTracker(core, { visibleStops, visibleMinutes, log });
      handle.tracker = tracker;
      // Running means every partition owned and consuming (a first start begins at the stream's end).
      const started = tracker;
      await waitFor(() => started.owned().length === TRACKER_PARTITIONS && started.isCaughtUp(), 15_000, "the tracker to start every partition");
      return started;
    },
    async stopTracker() {
      const stopping = handle.tracker;
      handle.tracker = null;
      tracker = null;
      await stopping?.stop();
    },
    async close() {
      for (const watcher of [...watchers]) watcher.close();
      // A request stuck on a broken backbone must not keep the HTTP server open.
      const appClosed = app.close();
      app.httpServer.closeAllConnections();
      await settlesWithin(appClosed, 5_000);
      await settlesWithin(handle.stopTracker(), 5_000);
      await settlesWithin(outbox.stop(), 5_000);
      // drain() waits for the server's PONG: a wedged connection would never give it.
      if (!(await settlesWithin(backbone.close(), 5_000))) {
        await settlesWithin(backbone.nc.close(), 2_000);
        await backbone.nats.stop().catch(() => undefined);
      }
      await db?.close().catch(() => undefined);
    },
  };

  try {
    if (options.tracker !== false) await handle.startTracker();
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

/** Connects a Socket.IO client (websocket only) and emits `order:watch { token }`. */
export async function openWatcher(baseUrl: string, token: string, timeoutMs = 10_000): Promise<Watcher> {
  const manager = new Manager(baseUrl, { path: SOCKET_PATH, transports: ["websocket"], reconnection: false, autoConnect: false, timeout: timeoutMs });
  const rawPackets: string[] = [];
  const events: string[] = [];
  const views: TOrderView[] = [];
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const waiter of [...waiters]) waiter();
  };

  manager.open();
  // The engine exists once open() has run; hook it before any packet can arrive.
  manager.engine.on("packet", (packet: { type: string; data?: unknown }) => {
    rawPackets.push(JSON.stringify(packet));
  });
  const socket = manager.socket("/");
  socket.onAny((event: string, ...args: unknown[]) => {
    events.push(JSON.stringify([event, ...args]));
  });
  socket.on(EVENTS.orderView, (view: TOrderView) => {
    views.push(view);
    notify();
  });
  socket.connect();

  const close = () => {
    socket.disconnect();
    manager.engine?.close();
    for (const waiter of [...waiters]) waiter();
  };

  let ack: TAck<TOrderView>;
  try {
    ack = (await socket.timeout(timeoutMs).emitWithAck(EVENTS.orderWatch, { token })) as TAck<TOrderView>;
  } catch (error) {
    close();
    throw error;
  }

  const all = (): TOrderView[] => ("data" in ack ? [ack.data, ...views] : views);
  const watcher: Watcher = {
    socket,
    ack,
    views,
    rawPackets,
    events,
    latest() {
      let best: TOrderView | null = null;
      for (const view of all()) if (!best || view.version >= best.version) best = view;
      return best;
    },
    waitForView(predicate, waitMs = 10_000) {
      return new Promise<TOrderView>((resolve, reject) => {
        const check = () => {
          const found = all().find(predicate);
          if (found) {
            finish();
            resolve(found);
          } else if (!socket.connected && !socket.active) {
            finish();
            reject(new Error("socket closed while waiting for a view"));
          }
        };
        const timer = setTimeout(() => {
          finish();
          const seen = all().map((view) => `v${view.version} ${view.status} stopsAway=${view.stopsAway} driver=${view.driver ? "yes" : "no"}`);
          reject(new Error(`no matching view within ${waitMs} ms; seen: ${seen.join(" | ") || "none"}`));
        }, waitMs);
        const finish = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    close,
  };
  return watcher;
}

/** The fixes of a driver moving slowly (a few metres a second) near `origin`, ending about now. */
export function drivingFixes(origin: { lat: number; lng: number }, count: number, options: { startSeq?: number; endAt?: number; stepDeg?: number } = {}): Fix[] {
  const endAt = options.endAt ?? Date.now();
  const step = options.stepDeg ?? 0.00005;
  return Array.from({ length: count }, (_, index) => ({
    lat: Number((origin.lat + step * index).toFixed(7)),
    lng: Number((origin.lng + step * index).toFixed(7)),
    at: endAt - (count - 1 - index) * 5_000,
    seq: (options.startSeq ?? 0) + index,
    accuracy: 5,
  }));
}
