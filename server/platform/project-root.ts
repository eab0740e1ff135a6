import { existsSync } from "node:fs";
import path from "node:path";

/**
 * The folder holding the project's package.json. The server runs from its sources (server/,
 * under tsx in development and tests) or from the production bundle (dist/server.mjs), so paths
 * to `.next` and `prisma/migrations` are found by walking up, not fixed relative to a module.
 */
export function findProjectRoot(from: string = import.meta.dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}
