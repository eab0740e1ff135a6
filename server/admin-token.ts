import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generateToken } from "./auth/tokens";

/** Anyone holding the admin token owns the deployment: it must be long and never a published example. */
export const MIN_ADMIN_TOKEN_LENGTH = 32;
/** Example values from docs and tutorials (ours and common ones), refused whatever their length. */
export const KNOWN_EXAMPLE_ADMIN_TOKENS: readonly string[] = [
  "change-me-please",
  "changeme",
  "change-me",
  "e2e-admin-token",
  "secret",
  "admin",
  "password",
  "replace-with-a-long-random-secret-of-32-characters-or-more",
];

/** What is wrong with a configured ADMIN_TOKEN, or null when it may be used. */
export function adminTokenProblem(token: string): string | null {
  if (KNOWN_EXAMPLE_ADMIN_TOKENS.includes(token.trim().toLowerCase())) return "is a published example value; generate one (openssl rand -base64 32)";
  if (token.length < MIN_ADMIN_TOKEN_LENGTH) return `must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters (openssl rand -base64 32)`;
  if (/\s/.test(token)) return "must not contain spaces";
  return null;
}

/** ADMIN_TOKEN when set; otherwise one generated on first start and kept in DATA_DIR. */
export function resolveAdminToken(configured: string | undefined, dataDir: string): { token: string; isGenerated: boolean } {
  if (configured) {
    const problem = adminTokenProblem(configured);
    if (problem) throw new Error(`ADMIN_TOKEN ${problem}`);
    return { token: configured, isGenerated: false };
  }
  const file = path.join(dataDir, "admin-token");
  if (existsSync(file)) return { token: readFileSync(file, "utf8").trim(), isGenerated: true };
  const token = generateToken();
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return { token, isGenerated: true };
}
