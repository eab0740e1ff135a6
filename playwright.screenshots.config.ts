import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

/**
 * `npm run screenshots`: the three apps at phone and desktop size, written to docs/screenshots/.
 * The same real server as the e2e suite (production build, DEMO=0, its own nats-server and
 * PGlite), seeded through the API by the script itself.
 */
export default defineConfig({
  ...base,
  testDir: "scripts/screenshots",
  testMatch: "*.screens.ts",
  reporter: [["list"]],
  retries: 0,
});
