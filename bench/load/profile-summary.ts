/**
 * `tsx bench/load/profile-summary.ts <file.cpuprofile> [fromUs toUs]`: where a V8 CPU profile's
 * time went, by function (self time), by package or project folder, and by the project module
 * nearest on the stack (so a nats.js or Prisma cost is charged to the module that called it),
 * so "where the time goes" is a table. The window (monotonic µs, as the load bench prints per
 * phase) keeps one phase.
 */
import { existsSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { fileURLToPath } from "node:url";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

function bucketOf(url: string): string {
  if (!url) return "(native / V8)";
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (packageMatch) return packageMatch[1]!;
  if (url.startsWith("node:")) return url.split("/")[0]!;
  const project = /\/(server|lib|dist|generated)\/([^/]+)/.exec(url);
  return project ? `${project[1]}/${project[2]}` : url;
}

const sourceMaps = new Map<string, SourceMap | null>();
/** The project source file of a frame in the bundle (dist/server.mjs), through its source map. */
function projectFileOf(frame: ProfileNode["callFrame"]): string | null {
  if (frame.url.includes("node_modules") || (!frame.url.includes("/dist/") && !/\/(server|lib)\//.test(frame.url))) return null;
  if (!frame.url.includes("/dist/")) return /\/((?:server|lib)\/.*)$/.exec(frame.url)?.[1] ?? null;
  if (!sourceMaps.has(frame.url)) {
    const mapFile = `${frame.url.startsWith("file:") ? fileURLToPath(frame.url) : frame.url}.map`;
    sourceMaps.set(frame.url, existsSync(mapFile) ? new SourceMap(JSON.parse(readFileSync(mapFile, "utf8"))) : null);
  }
  const entry = sourceMaps.get(frame.url)?.findEntry(frame.lineNumber, frame.columnNumber);
  const source = entry && "originalSource" in entry ? entry.originalSource : undefined;
  return source ? (/\/((?:server|lib|generated)\/.*)$/.exec(source)?.[1] ?? source) : null;
}

const [file, fromArg, toArg] = process.argv.slice(2);
if (!file) throw new Error("usage: profile-summary <file.cpuprofile> [fromUs toUs]");
const from = fromArg ? Number(fromArg) : -Infinity;
const to = toArg ? Number(toArg) : Infinity;
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
const selfMs = new Map<number, number>();
let at = profile.startTime;
profile.samples.forEach((id, index) => {
  const delta = profile.timeDeltas[index] ?? 0;
  at += delta;
  if (at >= from && at <= to) selfMs.set(id, (selfMs.get(id) ?? 0) + delta / 1000);
});
const total = [...selfMs.values()].reduce((sum, value) => sum + value, 0);
const byFunction = new Map<string, number>();
const byBucket = new Map<string, number>();
const byModule = new Map<string, number>();
const add = (map: Map<string, number>, key: string, ms: number) => map.set(key, (map.get(key) ?? 0) + ms);
for (const [id, ms] of selfMs) {
  const frame = byId.get(id)!.callFrame;
  add(byFunction, `${frame.functionName || "(anonymous)"} ${frame.url.split("/").slice(-2).join("/")}:${frame.lineNumber + 1}`, ms);
  add(byBucket, bucketOf(frame.url), ms);
  let nearest: string | null = null;
  for (let node: number | undefined = id; node !== undefined && !nearest; node = parentOf.get(node)) nearest = projectFileOf(byId.get(node)!.callFrame);
  add(byModule, nearest ?? (frame.functionName.startsWith("(") ? frame.functionName : `(no project frame) ${bucketOf(frame.url)}`), ms);
}
const top = (map: Map<string, number>, count: number) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, ms]) => `${((ms / total) * 100).toFixed(1).padStart(5)} %  ${name}`);
console.log(
  `total ${(total / 1000).toFixed(1)} s sampled\n\nby package / folder (self time):\n${top(byBucket, 20).join("\n")}\n\n` +
    `by project module nearest on the stack (its own time and what it called):\n${top(byModule, 25).join("\n")}\n\nby function (self time):\n${top(byFunction, 30).join("\n")}`,
);
