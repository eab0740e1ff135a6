/** Starts Lastmile: database, event backbone, tracker, Next.js, API and relay in one process. */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { resolveAdminToken } from "./admin-token";
import { endSessionsOfOldAdminTokens } from "./features/staff/sessions";
import { redactNatsUrl, startBackbone } from "./platform/backbone/backbone";
import { createApplication } from "./create-application";
import { startDemo, type Demo } from "./features/demo/demo";
import { startDatabase } from "./platform/db/start-database";
import { startOutboxPublisher } from "./pipeline/outbox/outbox-publisher";
import { parseEnv, streamRetentionOf } from "./env";
import { findProjectRoot } from "./platform/project-root";
import { getCustomerOrder } from "./features/customer/get-customer-order";
import { resolveBrand } from "../lib/domain/brand";
import { registerPageServices } from "./page-services";
import { startTracker } from "./pipeline/tracker/tracker";
import { startTrackerThread } from "./pipeline/tracker/start-tracker-thread";
import { recommendedPoolSize } from "./platform/db/pglite-server";
import { ensurePartitionCount } from "./pipeline/tracker/partition-count";
import { configureTrackerPartitions } from "../lib/domain/partition";
import { findOrderIdByToken, getOrderView } from "./pipeline/views/get-order-view";
import { startWebhookDispatcher } from "./features/webhooks/webhook-dispatcher";
import { eventSourceOf } from "../lib/domain/cloud-event";
import { createMailer } from "./features/notifications/email-sender";
import { createSmsSender } from "./features/notifications/sms-sender";
import { startNotificationDispatcher } from "./features/notifications/notification-dispatcher";
import { resolveVapidKeys } from "./features/notifications/vapid-keys";
import { createLinkSealer } from "./features/notifications/link-sealing";
import { resolveLinkSealingKey } from "./features/notifications/link-sealing-key";
import { sealPlaintextLinks } from "./features/notifications/seal-plaintext-links";
import { createLogger, logFnOf, type Logger } from "./platform/observability/logger";
import { shutdownGracefully } from "./platform/shutdown/graceful-shutdown";
import { checkLibraryPatches } from "./platform/patches";
import { startMetricsServer } from "./platform/observability/metrics-server";

/** Of the shutdown deadline, what requests in flight may take to finish before they are cut off. */
const HTTP_DRAIN_MS = 5_000;
/** The tracker thread's own pool on PostgreSQL: its partitions' start-up loads and the projection writer's batches. */
const TRACKER_THREAD_POOL_SIZE = 4;

let logger: Logger = createLogger();

async function main(): Promise<void> {
  const env = parseEnv();
  logger = createLogger({ level: env.LOG_LEVEL });
  const log = logFnOf(logger);
  // Each patch on a library's internals: a warning outside its tested range, a stop when it cannot apply.
  checkLibraryPatches((message) => logger.warn(message));
  // Before anything hashes a driver into a subject (the outbox, ingest, the tracker).
  configureTrackerPartitions(env.TRACKER_PARTITIONS);
  const dataDir = path.resolve(env.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });

  const linkSealing = resolveLinkSealingKey(env.LINK_SEALING_KEY, dataDir);
  const linkSealer = createLinkSealer(linkSealing.key);
  const database = await startDatabase({ databaseUrl: env.DATABASE_URL, dataDir, log });
  // Before anything can send a notification: subscriptions from before sealing get sealed now.
  const sealedAtStart = await sealPlaintextLinks(database.prisma, linkSealer);
  if (sealedAtStart > 0) logger.info({ subscriptions: sealedAtStart }, "sealed the tracking links of subscriptions kept in plain text");
  // Processes on one PostgreSQL share subscriptions, so they must share the key; a generated one is this DATA_DIR's alone.
  if (env.DATABASE_URL && linkSealing.file) logger.warn({ keptIn: linkSealing.file }, "LINK_SEALING_KEY is not set: every process on this database must use the same key");
  if (env.NATS_URL && (env.NATS_INTEGRATION_PASSWORD || env.NATS_PORT))
    logger.warn("NATS_INTEGRATION_PASSWORD and NATS_PORT apply to the child nats-server only: with NATS_URL, configure users on your own servers (docs/integrations.md)");
  const backbone = await startBackbone({
    natsUrl: env.NATS_URL,
    dataDir,
    replicas: env.NATS_REPLICAS,
    retention: streamRetentionOf(env),
    integrationPassword: env.NATS_INTEGRATION_PASSWORD,
    port: env.NATS_PORT,
    log,
  });
  // A count other than the one this installation's data is partitioned by would mis-route drivers: refuse it.
  await ensurePartitionCount({ prisma: database.prisma, js: backbone.js, jsm: backbone.jsm }, env.TRACKER_PARTITIONS, { from: env.TRACKER_PARTITIONS_FROM, log });
  const outbox = startOutboxPublisher({ prisma: database.prisma, js: backbone.js, nc: backbone.nc }, { log });
  const core = { prisma: database.prisma, js: backbone.js, jsm: backbone.jsm, nc: backbone.nc, outbox };
  // Until the shutdown sequence exists, a lost tracker thread ends the process at once (the nats-server child goes with it).
  let onTrackerLost = (reason: string): void => {
    logger.fatal({ reason }, "the tracker is gone: exiting");
    process.exit(1);
  };
  const tracker = env.TRACKER_THREAD
    ? await startTrackerThread(
        {
          natsUrl: backbone.url,
          databaseUrl: database.connectionString,
          poolSize: database.isEmbedded ? recommendedPoolSize : TRACKER_THREAD_POOL_SIZE,
          partitions: env.TRACKER_PARTITIONS,
          visibleStops: env.TRACKING_VISIBLE_STOPS,
          visibleMinutes: env.TRACKING_VISIBLE_MINUTES ?? null,
          replicas: env.NATS_REPLICAS,
          logLevel: env.LOG_LEVEL,
        },
        (reason) => onTrackerLost(reason),
      )
    : await startTracker(core, { visibleStops: env.TRACKING_VISIBLE_STOPS, visibleMinutes: env.TRACKING_VISIBLE_MINUTES, replicas: env.NATS_REPLICAS, log });
  const webhooks = await startWebhookDispatcher(core, { log, allowPrivateAddresses: env.WEBHOOK_ALLOW_PRIVATE, source: eventSourceOf(env.PUBLIC_URL) });
  const admin = resolveAdminToken(env.ADMIN_TOKEN, dataDir);
  // A new ADMIN_TOKEN ends the sessions the old one opened (they are refused when met anyway).
  const endedSessions = await endSessionsOfOldAdminTokens(database.prisma, admin.token);
  if (endedSessions > 0) logger.info({ sessions: endedSessions }, "ended the sessions opened with a previous ADMIN_TOKEN");
  const vapid = resolveVapidKeys({ publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY, subject: env.VAPID_SUBJECT }, dataDir, env.PUBLIC_URL);
  const mailer = env.SMTP_URL && env.MAIL_FROM ? createMailer(env.SMTP_URL, env.MAIL_FROM) : null;
  const publicOrigin = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
  const sms =
    env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN && env.TWILIO_FROM
      ? createSmsSender({ apiUrl: env.TWILIO_API_URL, accountSid: env.TWILIO_ACCOUNT_SID, authToken: env.TWILIO_AUTH_TOKEN, from: env.TWILIO_FROM })
      : null;
  const trackingLink =
    env.SEND_TRACKING_LINK.length > 0 ? { channels: env.SEND_TRACKING_LINK, mailer, sms, publicUrl: publicOrigin, linkSealer, defaultCountryCode: env.SMS_DEFAULT_COUNTRY_CODE, log } : undefined;
  const notifications = await startNotificationDispatcher(
    core,
    { vapid, mailer, notifyStopsAway: env.NOTIFY_STOPS_AWAY, publicUrl: publicOrigin, allowPrivatePushEndpoints: false, linkSealer, trackingLink, log },
    { log },
  );

  registerPageServices({
    async getOrderViewByToken(token) {
      const orderId = await findOrderIdByToken(core.prisma, token);
      return orderId ? getOrderView(core, orderId) : null;
    },
    getCustomerOrderByToken: (token) => getCustomerOrder(core, token),
    silentAfterMs: env.DRIVER_SILENT_AFTER_SECONDS * 1000,
    map: { tileUrl: env.TILE_URL, tileAttribution: env.TILE_ATTRIBUTION },
    isGeocoderConfigured: env.GEOCODER_URL !== undefined,
    notifications: { vapidPublicKey: vapid.publicKey, isEmailEnabled: mailer !== null },
    brand: resolveBrand({ name: env.BRAND_NAME, logoUrl: env.BRAND_LOGO_URL, color: env.BRAND_COLOR }),
    support: { phone: env.SUPPORT_PHONE ?? null, email: env.SUPPORT_EMAIL ?? null },
    visibility: { maxStops: env.TRACKING_VISIBLE_STOPS, maxMinutes: env.TRACKING_VISIBLE_MINUTES ?? null },
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
    logger,
    tracker: () => tracker,
    trustProxyHops: env.TRUST_PROXY,
    allowPrivateWebhooks: env.WEBHOOK_ALLOW_PRIVATE,
    notifications: { isEmailEnabled: mailer !== null, allowPrivatePushEndpoints: false, linkSealer },
    shopIntegrations: {
      shopifySecret: env.SHOPIFY_WEBHOOK_SECRET,
      woocommerceSecret: env.WOOCOMMERCE_WEBHOOK_SECRET,
      shopName: env.SHOP_NAME,
      defaultCountryCode: env.SMS_DEFAULT_COUNTRY_CODE,
    },
    securityHeaders: { isDevelopment: isDev, publicUrl: env.PUBLIC_URL, tileUrl: env.TILE_URL, brandLogoUrl: env.BRAND_LOGO_URL },
    pages: handleNext
      ? {
          handle: (req, res) => handleNext(req, res),
          upgrade: upgradeNext ? (req, socket, head) => upgradeNext(req, socket, head) : undefined,
        }
      : undefined,
  });
  await new Promise<void>((resolve) => app.httpServer.listen(env.PORT, env.HOST, resolve));
  const metricsServer = env.METRICS_PORT ? await startMetricsServer(app.metrics, { port: env.METRICS_PORT, host: env.HOST, log }) : null;
  const address = app.httpServer.address();
  const port = address && typeof address === "object" ? address.port : env.PORT;
  const origin = env.PUBLIC_URL ?? `http://localhost:${port}`;

  logger.info(
    {
      origin,
      port,
      database: database.isEmbedded ? "pglite" : "postgresql",
      events: env.NATS_URL ? redactNatsUrl(backbone.url) : `nats-server child on ${redactNatsUrl(backbone.url)}`,
      dataDir,
      metrics: metricsServer ? `:${env.METRICS_PORT}/metrics` : "/metrics (admin token)",
    },
    `Lastmile is live at ${origin}${nextApp ? "" : " (API and live channel only: SERVE_PAGES=0)"}`,
  );
  // Printed once, on the start that generated it; a configured token is the operator's already.
  if (admin.isNew) logger.warn({ adminToken: admin.token, keptIn: admin.file }, "generated an admin token (shown this once)");
  else logger.info({ adminToken: admin.isGenerated ? `kept in ${admin.file}` : "from ADMIN_TOKEN" }, "admin token");

  let demo: Demo | null = null;
  if (env.DEMO) {
    demo = await startDemo(core, { dataDir, log });
    logger.info({ links: demo.trackingUrls.map((link) => `${origin}${link}`) }, "demo fleet is moving; watch an order");
  }

  let isStopping = false;
  /** exitCode: 0 on a signal; 1 when the tracker thread was lost (the process stops so that a supervisor restarts it whole). */
  const shutdown = async (signal: string, exitCode = 0) => {
    if (isStopping) {
      logger.warn({ signal }, "second signal during shutdown: exiting now");
      process.exit(1);
    }
    isStopping = true;
    logger.info({ signal }, "shutting down");
    // In order: no new work, finish what is in flight, hand over, then close the connections.
    const outcome = await shutdownGracefully(
      [
        { name: "demo", run: async () => demo?.stop() },
        {
          name: "http and sockets",
          run: async () => {
            const drained = await app.drain(HTTP_DRAIN_MS);
            logger.info(drained, "requests drained");
          },
        },
        { name: "metrics", run: async () => metricsServer?.close() },
        { name: "webhooks", run: () => webhooks.stop() },
        {
          name: "notifications",
          run: async () => {
            await notifications.stop();
            mailer?.close();
          },
        },
        // After the requests: their events are published; the round under way finishes, the lease is handed back.
        { name: "outbox publisher", run: () => outbox.stop() },
        // Checkpoints every owned partition and releases it: another process takes over at once.
        { name: "tracker", run: () => tracker.stop() },
        { name: "pages", run: async () => nextApp?.close() },
        { name: "nats", run: () => backbone.close() },
        { name: "database", run: () => database.close() },
      ],
      { logger },
    );
    process.exit(outcome.failedSteps.length === 0 ? exitCode : 1);
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void shutdown(signal));
  onTrackerLost = (reason) => {
    logger.fatal({ reason }, "the tracker is gone: stopping the server");
    void shutdown("tracker lost", 1);
  };
}

main().catch((error: unknown) => {
  logger.fatal({ err: error instanceof Error ? { message: error.message } : String(error) }, "start-up failed");
  process.exit(1);
});
