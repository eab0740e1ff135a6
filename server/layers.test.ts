/**
 * The layers of server/ as the folders show them: each file imports only its own layer or those
 * below it (composition → edge → features → pipeline → platform), domain code never imports
 * the HTTP toolkit, and production code never imports the test kit. Tests may import anything.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";

const root = path.resolve(import.meta.dirname, "..");
const RANK: Record<string, number> = { platform: 1, pipeline: 2, features: 3, edge: 4 };
const COMPOSITION = 5;
/** What domain functions are handed (CoreDeps, Tx): a type contract of the composition that every layer names. */
const SHARED_CONTRACT = "server/deps.ts";
/** The relay's socket handlers call three feature readers; handing them in from create-application would end this list. */
const KNOWN_UPWARD = new Set([
  "server/pipeline/relay/relay.ts -> server/features/customer/read-order-timeline.ts",
  "server/pipeline/relay/fleet-room.ts -> server/features/dispatch/get-fleet-snapshot.ts",
  "server/pipeline/relay/fleet-room.ts -> server/features/staff/request-principal.ts",
  "server/pipeline/relay/fleet-room.ts -> server/features/staff/sessions.ts",
]);
/** Domain code: the features and the pipeline's steps that are not a socket edge (the relay maps errors to acks). */
const DOMAIN = /^server\/(features|pipeline\/(ingest|outbox|tracker|views))\//;

function productionFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const file = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === "fixtures" ? [] : productionFiles(file);
    return /\.tsx?$/.test(entry.name) && !/\.(test|faults)\.ts$/.test(entry.name) ? [file] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(path.join(root, file), "utf8");
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)].map((match) => match[1] ?? "");
  return specifiers.map((specifier) => {
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
    return [target, `${target}.ts`, `${target}.tsx`, `${target}/index.ts`].find((candidate) => existsSync(path.join(root, candidate))) ?? target;
  });
}

function rankOf(file: string): number | undefined {
  const [top, layer, next] = file.split("/");
  if (top !== "server") return undefined;
  if (next === undefined) return COMPOSITION;
  return RANK[layer ?? ""] ?? COMPOSITION;
}

const files = productionFiles("server");

test("server/ has its four layers and the composition at its root", () => {
  for (const layer of Object.keys(RANK)) assert.ok(existsSync(path.join(root, "server", layer)), `server/${layer}/ is missing`);
  assert.ok(files.includes("server/index.ts") && files.includes("server/create-application.ts"));
});

test("each file imports only its own layer or the layers below it", () => {
  const upward = files.flatMap((file) =>
    importsOf(file)
      .filter((target) => target !== SHARED_CONTRACT && (rankOf(target) ?? 0) > (rankOf(file) ?? 0))
      .map((target) => `${file} -> ${target}`)
      .filter((arrow) => !KNOWN_UPWARD.has(arrow)),
  );
  assert.deepEqual(upward, []);
});

test("domain code never imports the HTTP toolkit, and production code never imports the test kit", () => {
  const http = files
    .filter((file) => DOMAIN.test(file))
    .flatMap((file) =>
      importsOf(file)
        .filter((target) => target.startsWith("server/platform/http/"))
        .map((target) => `${file} -> ${target}`),
    );
  assert.deepEqual(http, []);
  const kit = files.flatMap((file) =>
    importsOf(file)
      .filter((target) => target.startsWith("testing/"))
      .map((target) => `${file} -> ${target}`),
  );
  assert.deepEqual(kit, []);
});

test("the list of known upward imports holds only imports that still exist", () => {
  const arrows = new Set(files.flatMap((file) => importsOf(file).map((target) => `${file} -> ${target}`)));
  assert.deepEqual(
    [...KNOWN_UPWARD].filter((arrow) => !arrows.has(arrow)),
    [],
  );
});
