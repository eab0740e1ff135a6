// Bundles the custom server (server/index.ts and what it imports, the generated Prisma client
// included) into dist/server.mjs, and the worker threads' entries into dist/pglite-worker.mjs and
// dist/tracker-thread.mjs (server/platform/start-worker-thread.ts starts them from beside server.mjs), so `npm start` runs plain node: no TypeScript loader at run
// time and nothing from devDependencies. npm packages stay external (installed by npm ci).
import { build } from "esbuild";

await build({
  entryPoints: { server: "server/index.ts", "pglite-worker": "server/platform/db/pglite-worker.ts", "tracker-thread": "server/pipeline/tracker/tracker-thread.ts" },
  outdir: "dist",
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
  // Bundled ESM has no require(); a few dependencies' CommonJS interop needs one.
  banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
});
console.log("Built the server: dist/server.mjs, dist/pglite-worker.mjs, dist/tracker-thread.mjs");
