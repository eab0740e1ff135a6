// Bundles the custom server (server/index.ts and what it imports, the generated Prisma client
// included) into dist/server.mjs, and the PGlite worker thread's entry into dist/pglite-worker.mjs
// (server/db/pglite-server.ts starts it from beside server.mjs), so `npm start` runs plain node: no TypeScript loader at run
// time and nothing from devDependencies. npm packages stay external (installed by npm ci).
import { build } from "esbuild";

await build({
  entryPoints: { server: "server/index.ts", "pglite-worker": "server/db/pglite-worker.ts" },
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
console.log("Built the server: dist/server.mjs, dist/pglite-worker.mjs");
