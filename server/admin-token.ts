import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generateToken } from "./auth/tokens";

/** ADMIN_TOKEN when set; otherwise one generated on first start and kept in DATA_DIR. */
export function resolveAdminToken(configured: string | undefined, dataDir: string): { token: string; isGenerated: boolean } {
  if (configured) return { token: configured, isGenerated: false };
  const file = path.join(dataDir, "admin-token");
  if (existsSync(file)) return { token: readFileSync(file, "utf8").trim(), isGenerated: true };
  const token = generateToken();
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return { token, isGenerated: true };
}
