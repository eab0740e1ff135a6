import { defineConfig } from "@playwright/test";
import { E2E_ADMIN_TOKEN, E2E_BASE_URL, E2E_DATA_DIR, E2E_PORT, E2E_SHOPIFY_SECRET, E2E_SMTP_PORT } from "./e2e/fixtures/e2e-env";

/**
 * End-to-end tests in Debian's Chromium (no browser download works here): the real server
 * (`dist/server.mjs`, the production build, DEMO=0) with its own nats-server child and PGlite.
 */
export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: E2E_BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  webServer: {
    // The data dir is removed when the server has stopped: Playwright sends SIGTERM (below) to
    // the shell and the server alike; the shell's trap lets it outlive the server to clean up.
    command: `trap 'true' TERM; rm -rf ${E2E_DATA_DIR} && NODE_ENV=production node --enable-source-maps dist/server.mjs; rm -rf ${E2E_DATA_DIR}`,
    // A graceful stop (the default is SIGKILL, which leaves the data dir behind on every run).
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    url: `${E2E_BASE_URL}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    env: {
      PORT: String(E2E_PORT),
      DATA_DIR: E2E_DATA_DIR,
      DEMO: "0",
      // Request lines would bury the test report; warnings and errors still show.
      LOG_LEVEL: "warn",
      // Admin e2e: a driver with stops is "silent" after 6 s without a fix (short, yet long
      // enough for a fix to reach the dashboard on a loaded machine before it counts as silent).
      DRIVER_SILENT_AFTER_SECONDS: "6",
      ADMIN_TOKEN: E2E_ADMIN_TOKEN,
      // Tiles cannot load in tests: a dead local address proves the map works without them.
      TILE_URL: "http://127.0.0.1:9/{z}/{x}/{y}.png",
      NATS_URL: "",
      DATABASE_URL: "",
      // The webhook e2e test's receiver listens on loopback.
      WEBHOOK_ALLOW_PRIVATE: "1",
      // Email notifications go to the notifications spec's own SMTP server.
      SMTP_URL: `smtp://127.0.0.1:${E2E_SMTP_PORT}`,
      MAIL_FROM: "Lastmile e2e <tracking@example.com>",
      // The shop-orders spec sends Shopify's signed sample (no geocoder: it waits for a location).
      SHOPIFY_WEBHOOK_SECRET: E2E_SHOPIFY_SECRET,
      SHOP_NAME: "E2E Shop",
      // The operator's brand and support contact on every tracking page (e2e/tracking/sender-and-map.spec.ts).
      BRAND_NAME: "Rápido Parcels",
      BRAND_COLOR: "#ffd400",
      BRAND_LOGO_URL: "/icons/driver-192.png",
      SUPPORT_PHONE: "+34 910 000 000",
      SUPPORT_EMAIL: "help@rapido.example",
    },
    stdout: "pipe",
    stderr: "pipe",
  },
});
