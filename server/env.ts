/** Configuration, parsed once at start-up: a bad variable is a clear message, not a crash later. */
import { z } from "zod";
import { DEFAULT_VISIBLE_STOPS } from "../lib/domain/driver-visibility";
import { adminTokenProblem } from "./admin-token";
import { LOG_LEVELS } from "./observability/logger";

const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATA_DIR: z.string().min(1).default(".data"),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL").optional(),
  /** One server or a cluster's, separated by commas. */
  NATS_URL: z.string().regex(/^(nats|tls|wss?):\/\/[^,]+(,\s*(nats|tls|wss?):\/\/[^,]+)*$/, "must be nats:// URLs separated by commas").optional(),
  NATS_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
  /** Unset: a random token is generated once and kept in DATA_DIR/admin-token. */
  ADMIN_TOKEN: z
    .string()
    .superRefine((token, ctx) => {
      const problem = adminTokenProblem(token);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .optional(),
  /** Proxies in front of the app that append to X-Forwarded-For (0: none, the peer address is the client). */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  /** "1": webhooks may target loopback, private and link-local addresses (a receiver on this machine). */
  WEBHOOK_ALLOW_PRIVATE: z.string().default("0").transform((value) => value === "1"),
  /** Anything but "0" runs the demo fleet. */
  DEMO: z.string().default("1").transform((value) => value !== "0"),
  TILE_URL: z.string().default("https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
  TILE_ATTRIBUTION: z.string().default("© OpenStreetMap contributors"),
  TRACKING_VISIBLE_STOPS: z.coerce.number().int().min(0).max(1000).default(DEFAULT_VISIBLE_STOPS),
  /** The admin dashboard calls a driver with stops left "silent" after this long without a fix. */
  DRIVER_SILENT_AFTER_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  /** pino level of the JSON log lines on stdout. */
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  /** Public origin for printed links; defaults to http://localhost:PORT. */
  PUBLIC_URL: z.string().url().optional(),
});
export type Env = z.infer<typeof ZEnv>;

/** Every variable the server reads (deployment files are checked against it). */
export const ENV_KEYS: readonly string[] = Object.keys(ZEnv.shape);

export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = ZEnv.safeParse(cleaned);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`).join("\n");
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  return result.data;
}
