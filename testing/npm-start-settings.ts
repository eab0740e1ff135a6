/**
 * The node flags and malloc settings `npm start` runs the server with, read from scripts/start.sh
 * itself: the benchmarks start the server with them (RSS and CPU depend on them) and the
 * deployment test holds the Dockerfile to them, so start.sh stays their one source.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

export interface NpmStartSettings {
  /** The flags before dist/server.mjs on start.sh's `exec node` line. */
  nodeFlags: string[];
  /** start.sh's defaults of the glibc malloc variables (`MALLOC_*=${MALLOC_*:-value}`). */
  mallocEnv: Record<string, string>;
}

export function readNpmStartSettings(root = path.resolve(import.meta.dirname, "..")): NpmStartSettings {
  const script = readFileSync(path.join(root, "scripts/start.sh"), "utf8");
  const mallocEnv = Object.fromEntries([...script.matchAll(/\b(MALLOC_[A-Z_]+)=\$\{\1:-([^}]+)\}/g)].map((match) => [match[1]!, match[2]!]));
  const exec = /^.*\bexec node (.*?)\s*dist\/server\.mjs\s*$/m.exec(script);
  if (!exec || Object.keys(mallocEnv).length === 0) throw new Error("scripts/start.sh no longer reads as expected: an `exec node … dist/server.mjs` line and MALLOC_*=${MALLOC_*:-value} defaults");
  return { nodeFlags: exec[1]!.split(/\s+/).filter(Boolean), mallocEnv };
}
