/**
 * `tsx bench/load/profile-summary.ts <file.cpuprofile>`: where a V8 CPU profile's time went, by
 * function (self time) and by package or project folder, so "where the time goes" is a table.
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
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

const file = process.argv[2];
if (!file) throw new Error("usage: profile-summary <file.cpuprofile>");
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfMs = new Map<number, number>();
profile.samples.forEach((id, index) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000));
const total = [...selfMs.values()].reduce((sum, value) => sum + value, 0);
const byFunction = new Map<string, number>();
const byBucket = new Map<string, number>();
for (const [id, ms] of selfMs) {
  const frame = byId.get(id)!.callFrame;
  const name = `${frame.functionName || "(anonymous)"} ${frame.url.split("/").slice(-2).join("/")}:${frame.lineNumber + 1}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
  byBucket.set(bucketOf(frame.url), (byBucket.get(bucketOf(frame.url)) ?? 0) + ms);
}
const top = (map: Map<string, number>, count: number) =>
  [...map].sort((a, b) => b[1] - a[1]).slice(0, count).map(([name, ms]) => `${((ms / total) * 100).toFixed(1).padStart(5)} %  ${name}`);
console.log(`total ${(total / 1000).toFixed(1)} s sampled\n\nby package / folder (self time):\n${top(byBucket, 20).join("\n")}\n\nby function (self time):\n${top(byFunction, 30).join("\n")}`);
