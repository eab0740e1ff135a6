/** Starts Lastmile: database, event backbone, tracker, Next.js, API and relay in one process. */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { resolveAdminToken } from "./admin-token";
import { redactNatsUrl, startBackbone } from "./backbone/backbone";
import { createApplication } from "./create-application";
import { startDemo, type Demo } from "./demo/demo";
import { startDatabase } from "./db/start-database";
import { startOutboxPublisher } from "./outbox/outbox-publisher";
import { parseEnv } from "./env";
import { findProjectRoot } from "./project-root";
import { getCustomerOrder } from "./customer/get-customer-order";
import { registerPageServices } from "./page-services";
import { startTracker } from "./tracker/tracker";
import { findOrderIdByToken, getOrderView } from "./views/get-order-view";
import { startWebhookDispatcher } from "./webhooks/webhook-dispatcher";

async function main(): Promise<void> {
  const env = parseEnv();
  const dataDir = path.resolve(env.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  const log = (message: string, error?: unknown) => console.error(`[lastmile] ${message}`, error ?? "");

  const database = await startDatabase({ databaseUrl: env.DATABASE_URL, dataDir });
  const backbone = await startBackbone({ natsUrl: env.NATS_URL, dataDir, replicas: env.NATS_REPLICAS });
  const outbox = startOutboxPublisher({ prisma: database.prisma, js: backbone.js, nc: backbone.nc }, { log });
  const core = { prisma: database.prisma, js: backbone.js, jsm: backbone.jsm, nc: backbone.nc, outbox };
  const tracker = await startTracker(core, { visibleStops: env.TRACKING_VISIBLE_STOPS, replicas: env.NATS_REPLICAS, log });
  const webhooks = await startWebhookDispatcher(core, { log, allowPrivateAddresses: env.WEBHOOK_ALLOW_PRIVATE });
  const admin = resolveAdminToken(env.ADMIN_TOKEN, dataDir);

  registerPageServices({
    async getOrderViewByToken(token) {
      const orderId = await findOrderIdByToken(core.prisma, token);
      return orderId ? getOrderView(core, orderId) : null;
    },
    getCustomerOrderByToken: (token) => getCustomerOrder(core, token),
    silentAfterMs: env.DRIVER_SILENT_AFTER_SECONDS * 1000,
    map: { tileUrl: env.TILE_URL, tileAttribution: env.TILE_ATTRIBUTION },
  });

  const isDev = env.NODE_ENV === "development";
  // SERVE_PAGES=0: an API-only process (pages answer 404), Next.js not even loaded.
  const nextApp = env.SERVE_PAGES ? (await import("next")).default({ dev: isDev, dir: findProjectRoot(), port: env.PORT }) : null;
  await nextApp?.prepare();
  const handleNext = nextApp?.getRequestHandler();
  const upgradeNext = isDev ? nextApp?.getUpgradeHandler() : undefined;

  const app = createApplication({
    core,
    adminToken: admin.token,
    silentAfterMs: env.DRIVER_SILENT_AFTER_SECONDS * 1000,
    publicUrl: env.PUBLIC_URL,
    geocoderUrl: env.GEOCODER_URL,
    log,
    trustProxyHops: env.TRUST_PROXY,
    allowPrivateWebhooks: env.WEBHOOK_ALLOW_PRIVATE,
    securityHeaders: { isDevelopment: isDev, publicUrl: env.PUBLIC_URL, tileUrl: env.TILE_URL },
    pages: handleNext
      ? {
          handle: (req, res) => handleNext(req, res),
          upgrade: upgradeNext ? (req, socket, head) => upgradeNext(req, socket, head) : undefined,
        }
      : undefined,
  });
  await new Promise<void>((resolve) => app.httpServer.listen(env.PORT, env.HOST, resolve));
  const address = app.httpServer.address();
  const port = address && typeof address === "object" ? address.port : env.PORT;
  const origin = env.PUBLIC_URL ?? `http://localhost:${port}`;

  console.log(`Lastmile is live at ${origin}${nextApp ? "" : " (API and live channel only: SERVE_PAGES=0)"}`);
  console.log(`  database: ${database.isEmbedded ? `PGlite in ${dataDir}` : "PostgreSQL (DATABASE_URL)"}`);
  console.log(`  events:   ${env.NATS_URL ? redactNatsUrl(backbone.url) : `nats-server child on ${redactNatsUrl(backbone.url)}`}`);
  // A configured token is the operator's already: it is not echoed into logs.
  console.log(`  admin token: ${admin.isGenerated ? `${admin.token} (kept in ${path.join(dataDir, "admin-token")})` : "from ADMIN_TOKEN"}`);

  let demo: Demo | null = null;
  if (env.DEMO) {
    demo = await startDemo(core, { dataDir, log });
    console.log("  demo fleet is moving; watch an order:");
    for (const link of demo.trackingUrls) console.log(`    ${origin}${link}`);
  }

  let isStopping = false;
  const shutdown = async (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    console.log(`${signal}: shutting down`);
    await demo?.stop();
    await app.close();
    await tracker.stop();
    await webhooks.stop();
    await outbox.stop();
    await nextApp?.close();
    await backbone.close();
    await database.close();
    process.exit(0);
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void shutdown(signal));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
