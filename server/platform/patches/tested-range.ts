/**
 * The guard every patch in this folder shares: the installed version of the library it relies
 * on, read from that library's own package.json, checked against the range the patch was tested
 * on. Outside the range is a warning at start-up (the patch may still hold; its test says so);
 * a patch that finds it cannot apply throws `PatchCannotApply`, naming the library and the range.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { findProjectRoot } from "../project-root";

export interface TestedRange {
  library: string;
  /** Lowest version tested (inclusive). */
  from: string;
  /** First version not tested (exclusive), usually the next major. */
  below: string;
  /** The package that depends on `library` (engine.io is socket.io's): its copy is the one loaded. */
  dependencyOf?: string;
}

export class PatchCannotApply extends Error {
  constructor(range: TestedRange, version: string, why: string) {
    super(`${range.library} ${version} (tested: >=${range.from} <${range.below}): ${why}`);
    this.name = "PatchCannotApply";
  }
}

/** The folder of `library` as Node's lookup finds it from `fromDir` (node_modules upwards; no `exports` map involved). */
export function packageDirOf(library: string, fromDir: string = findProjectRoot()): string {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", library);
    if (existsSync(path.join(candidate, "package.json"))) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`${library} is not installed (looked from ${fromDir})`);
  }
}

export function installedVersion(range: Pick<TestedRange, "library" | "dependencyOf">): string {
  const from = range.dependencyOf ? packageDirOf(range.dependencyOf) : findProjectRoot();
  const manifest = JSON.parse(readFileSync(path.join(packageDirOf(range.library, from), "package.json"), "utf8")) as { version: string };
  return manifest.version;
}

function parts(version: string): number[] {
  const match = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!match) throw new Error(`not a version: ${version}`);
  return match.slice(1).map(Number);
}

function compare(a: string, b: string): number {
  const [left, right] = [parts(a), parts(b)];
  for (let index = 0; index < 3; index++) if (left[index] !== right[index]) return left[index]! - right[index]!;
  return 0;
}

export function isInRange(version: string, range: Pick<TestedRange, "from" | "below">): boolean {
  return compare(version, range.from) >= 0 && compare(version, range.below) < 0;
}

/** Reads the installed version; outside the tested range, one warning naming the patch, the library and the range. */
export function checkTestedRange(range: TestedRange, patch: string, warn: (message: string) => void): string {
  const version = installedVersion(range);
  if (!isInRange(version, range)) {
    warn(`${patch} relies on ${range.library}'s internals and was tested on >=${range.from} <${range.below}; ${version} is installed: check that its test still passes (server/platform/patches)`);
  }
  return version;
}
