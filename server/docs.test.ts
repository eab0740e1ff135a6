/**
 * The documentation against the repository: every relative link in README.md, CHANGELOG.md,
 * docs/*.md and bench/README.md names a file that exists (and a heading of it, for `#anchors`),
 * and docs/configuration.md's table of variables lists exactly the variables server/env.ts reads.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { ENV_KEYS } from "./env";

const root = path.resolve(import.meta.dirname, "..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");
const documents = [
  "README.md",
  "CHANGELOG.md",
  "bench/README.md",
  ...readdirSync(path.join(root, "docs"))
    .filter((name) => name.endsWith(".md"))
    .map((name) => `docs/${name}`),
];
/** Documents that other branches add; a link to one of them is accepted while it is absent. */
const ADDED_ELSEWHERE = new Set(["docs/capacity-model.md", "docs/small-server.md"]);

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/`/g, "")
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

function anchorsIn(markdown: string): Set<string> {
  const withoutCode = markdown.replace(/```[\s\S]*?```/g, "");
  return new Set([...withoutCode.matchAll(/^#{1,6}\s+(.+)$/gm)].map((match) => anchorOf(match[1] ?? "")));
}

test("every relative link in the documentation resolves, anchors included", () => {
  const broken: string[] = [];
  for (const document of documents) {
    const text = read(document).replace(/```[\s\S]*?```/g, "");
    for (const match of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = match[1] ?? "";
      if (/^[a-z]+:/i.test(target)) continue;
      const [file = "", anchor] = target.split("#");
      const resolved = file ? path.posix.normalize(path.posix.join(path.posix.dirname(document), file)) : document;
      if (!existsSync(path.join(root, resolved))) {
        if (!ADDED_ELSEWHERE.has(resolved)) broken.push(`${document}: ${target} (no ${resolved})`);
        continue;
      }
      if (anchor && !anchorsIn(read(resolved)).has(anchor)) broken.push(`${document}: ${target} (no heading #${anchor} in ${resolved})`);
    }
  }
  assert.deepEqual(broken, []);
});

test("docs/configuration.md lists every variable server/env.ts reads, and no other", () => {
  const text = read("docs/configuration.md");
  const firstTable = text.slice(text.indexOf("| variable |"), text.indexOf("\n\n", text.indexOf("| variable |")));
  const documented = new Set(
    firstTable
      .split("\n")
      .slice(2)
      .flatMap((row) => [...(row.split("|")[1] ?? "").matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((match) => match[1] ?? "")),
  );
  const readByServer = new Set([...ENV_KEYS, "LOG_FORMAT"]);
  assert.deepEqual(
    [...readByServer].filter((key) => !documented.has(key)),
    [],
    "variables missing from docs/configuration.md",
  );
  assert.deepEqual(
    [...documented].filter((key) => !readByServer.has(key)),
    [],
    "documented variables the server does not read",
  );
});
