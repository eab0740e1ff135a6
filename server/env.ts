/** Configuration, parsed once at start-up: a bad variable is a clear message, not a crash later. */
import { z } from "zod";
import { isHexColor } from "../lib/domain/brand";
import { DEFAULT_VISIBLE_STOPS } from "../lib/domain/driver-visibility";
import { ZEmail, ZPhone } from "../lib/schemas/order-contact";
import { DEFAULT_NOTIFY_STOPS_AWAY } from "../lib/domain/notification-triggers";
import { MAX_TRACKER_PARTITIONS, TRACKER_PARTITIONS } from "../lib/domain/partition";
import { parseTrackingLinkChannels } from "../lib/domain/tracking-link-message";
import { adminTokenProblem } from "./admin-token";
import type { StreamRetention } from "./platform/backbone/streams";
import { LINK_SEALING_KEY_HELP, parseLinkSealingKey } from "./features/notifications/link-sealing-key";
import { LOG_LEVELS } from "./platform/observability/logger";

const DURATION_UNITS_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const SIZE_UNITS = { "": 1, B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 } as const;
/** `30d`, `12h`, `90m`, `300s` → milliseconds (at least a minute: JetStream's duplicate window needs room). */
const zDuration = z
  .string()
  .regex(/^\d+(s|m|h|d)$/, "must be a number and a unit: 300s, 90m, 12h, 30d")
  .transform((value) => Number(value.slice(0, -1)) * DURATION_UNITS_MS[value.slice(-1) as keyof typeof DURATION_UNITS_MS])
  .refine((ms) => ms >= 60_000, "must be at least a minute");
/** `0`, `500MB`, `20GB` → bytes. */
const zSize = z
  .string()
  .regex(/^\d+(B|KB|MB|GB|TB)?$/i, "must be a number of bytes, optionally with a unit: 500MB, 20GB")
  .transform((value) => {
    const [, digits = "0", unit = ""] = /^(\d+)([A-Za-z]*)$/.exec(value) ?? [];
    return Number(digits) * SIZE_UNITS[unit.toUpperCase() as keyof typeof SIZE_UNITS];
  });

/** An absolute http(s) URL (no credentials) or a same-origin path, never `//host` or `javascript:`. */
export function isBrandLogoUrl(value: string): boolean {
  if (/^\/(?![/\\])/.test(value)) return !/[\s"'<>]/.test(value);
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && !url.username && !url.password;
  } catch {
    return false;
  }
}

const ZEnvVariables = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATA_DIR: z.string().min(1).default(".data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")
    .optional(),
  /** One server or a cluster's, separated by commas. */
  NATS_URL: z
    .string()
    .regex(/^(nats|tls|wss?):\/\/[^,]+(,\s*(nats|tls|wss?):\/\/[^,]+)*$/, "must be nats:// URLs separated by commas")
    .optional(),
  NATS_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
  /**
   * Tracker partitions (drivers hashed into them; each owned by one process). Fixed for an
   * installation: recorded at first start, a different count refuses to start (docs/capacity-model.md).
   */
  TRACKER_PARTITIONS: z.coerce.number().int("must be a whole number").min(1).max(MAX_TRACKER_PARTITIONS).default(TRACKER_PARTITIONS),
  /**
   * The count this installation was partitioned by, to change it to TRACKER_PARTITIONS: with every
   * process stopped, the start deletes the tracker checkpoints and records the new count.
   */
  TRACKER_PARTITIONS_FROM: z.coerce.number().int("must be a whole number").min(1).max(MAX_TRACKER_PARTITIONS).optional(),
  /** The child nats-server's fixed port (integrators connect to it); unset: a free port each start. */
  NATS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** Lets the read-only `integration` user into the child nats-server (docs/integrations.md). */
  NATS_INTEGRATION_PASSWORD: z
    .string()
    .min(20, "at least 20 characters (`openssl rand -base64 24`)")
    .max(200)
    .regex(/^[A-Za-z0-9+/=_.~-]+$/, "letters, digits and + / = _ . ~ - only")
    .optional(),
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
  WEBHOOK_ALLOW_PRIVATE: z
    .string()
    .default("0")
    .transform((value) => value === "1"),
  /** "0": API, Socket.IO relay, ingest and tracker only, no Next.js pages (needs no `next build`). */
  SERVE_PAGES: z
    .string()
    .default("1")
    .transform((value) => value !== "0"),
  /** "0": the tracker runs on the main thread with HTTP and the relay instead of in a worker thread of its own. */
  TRACKER_THREAD: z
    .string()
    .default("1")
    .transform((value) => value !== "0"),
  /** Anything but "0" runs the demo fleet. */
  DEMO: z
    .string()
    .default("1")
    .transform((value) => value !== "0"),
  TILE_URL: z.string().default("https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
  TILE_ATTRIBUTION: z.string().default("© OpenStreetMap contributors"),
  /** The driver shows at most this many stops away; `off`: no stops limit (then TRACKING_VISIBLE_MINUTES must be set). */
  TRACKING_VISIBLE_STOPS: z.union([z.literal("off").transform(() => null), z.coerce.number().int().min(0).max(1000)]).default(DEFAULT_VISIBLE_STOPS),
  /** The driver shows at most this many minutes away by the ETA (with the stops limit, both must hold); unset: no minutes limit. */
  TRACKING_VISIBLE_MINUTES: z.coerce.number().int().min(1).max(1440).optional(),
  /** The admin dashboard calls a driver with stops left "silent" after this long without a fix. */
  DRIVER_SILENT_AFTER_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  /**
   * Unset: /metrics only on PORT, to the admin bearer token. Set: /metrics also served here,
   * without auth, for the cluster's Prometheus (never route this port through an ingress).
   */
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** How long LOCATIONS keeps fixes and route snapshots: `<n>s|m|h|d` (docs/operations.md "Data lifecycle"). */
  LOCATIONS_MAX_AGE: zDuration.prefault("30d"),
  /** A size cap on LOCATIONS (`<n>`, `<n>KB|MB|GB|TB`); `0` (default): age only. The oldest go first. */
  LOCATIONS_MAX_BYTES: zSize.prefault("0"),
  /** How long ORDERS keeps order events — the tracking page's timeline is read from it. */
  ORDERS_MAX_AGE: zDuration.prefault("365d"),
  /** pino level of the JSON log lines on stdout. */
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  /** Public origin for printed links; defaults to http://localhost:PORT. */
  PUBLIC_URL: z.string().url().optional(),
  /** A Nominatim (…/search) or Photon (…/api) endpoint for the dashboard's address search; unset: coordinates only. */
  GEOCODER_URL: z.string().url().optional(),
  /** Web push keys (base64url, as `npx web-push generate-vapid-keys` prints); unset: generated once, kept in DATA_DIR/vapid-keys.json. */
  VAPID_PUBLIC_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{80,100}$/, "must be a base64url P-256 public key")
    .optional(),
  VAPID_PRIVATE_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{40,50}$/, "must be a base64url P-256 private key")
    .optional(),
  /** Contact for push services: `mailto:…` or `https://…`; default PUBLIC_URL when https, else a placeholder address. */
  VAPID_SUBJECT: z
    .string()
    .regex(/^(mailto:|https:\/\/)\S+$/, "must be a mailto: or https:// URL")
    .optional(),
  /** `smtp://user:pass@host:587` or `smtps://…:465`: customers may opt in to email; unset: email is off. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/\S+$/, "must be an smtp:// or smtps:// URL")
    .optional(),
  /** The From: of notification emails (`Lastmile <tracking@example.com>`); required with SMTP_URL. */
  MAIL_FROM: z.string().min(3).max(200).optional(),
  /**
   * Seals the tracking links notification subscriptions keep (AES-256-GCM; 32 bytes, base64url);
   * unset: generated once, kept in DATA_DIR/link-sealing-key. Every process must have the same one.
   */
  LINK_SEALING_KEY: z
    .string()
    .refine((key) => parseLinkSealingKey(key) !== null, `must be ${LINK_SEALING_KEY_HELP}`)
    .optional(),
  /** The operator's name at the top of every tracking page; unset: "Lastmile". */
  BRAND_NAME: z.string().trim().min(1).max(80).optional(),
  /** The operator's logo: an https:// (or http://) URL, or a path on this server ("/logo.svg"); the page's CSP allows its origin. */
  BRAND_LOGO_URL: z
    .string()
    .trim()
    .max(2000)
    .refine((value) => isBrandLogoUrl(value), "must be an https:// or http:// URL, or a path starting with / on this server")
    .optional(),
  /** The tracking page header's colour, `#rrggbb` or `#rgb`; its text is white or near-black, whichever reads better. */
  BRAND_COLOR: z.string().trim().refine(isHexColor, "must be a hex colour like #0b5cad").optional(),
  /** The contact line of tracking pages whose order has no sender phone or email (E.164, like +34 910 000 000). */
  SUPPORT_PHONE: ZPhone.optional(),
  SUPPORT_EMAIL: ZEmail.optional(),
  /** "N stops away" is told once the customer's order is this many stops away or fewer. */
  NOTIFY_STOPS_AWAY: z.coerce.number().int().min(1).max(50).default(DEFAULT_NOTIFY_STOPS_AWAY),
  /** Shopify's webhook secret (orders/create → POST /api/integrations/shopify/orders); unset: that route answers 404. */
  SHOPIFY_WEBHOOK_SECRET: z.string().min(8).max(200).optional(),
  /** A WooCommerce webhook's secret (order.created → POST /api/integrations/woocommerce/orders); unset: 404. */
  WOOCOMMERCE_WEBHOOK_SECRET: z.string().min(8).max(200).optional(),
  /** Who shop orders are from, as messages to the customer say it ("Your order #1001 from <SHOP_NAME>"). */
  SHOP_NAME: z.string().trim().min(1).max(200).optional(),
  /** `off` (default), `email`, `sms` or `email,sms`: the tracking link sent to the order's own email/phone when it goes out for delivery. */
  SEND_TRACKING_LINK: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const parsed = parseTrackingLinkChannels(value);
      if ("channels" in parsed) return parsed.channels;
      ctx.addIssue({ code: "custom", message: parsed.error });
      return z.NEVER;
    }),
  /** A Twilio-compatible SMS API: the account, its auth token, the sender, and the API's origin (tests point it at a stand-in). */
  TWILIO_ACCOUNT_SID: z
    .string()
    .regex(/^[\w-]{4,64}$/, "must be an account SID (AC…)")
    .optional(),
  TWILIO_AUTH_TOKEN: z.string().min(8).max(200).optional(),
  TWILIO_FROM: z.string().min(2).max(64).optional(),
  TWILIO_API_URL: z.string().url().default("https://api.twilio.com"),
  /** Calling code (digits, `34`, `1`) for customers' phone numbers given without one; unset: such numbers get no SMS. */
  SMS_DEFAULT_COUNTRY_CODE: z
    .string()
    .regex(/^\d{1,3}$/, "must be a country calling code: 1 to 3 digits")
    .optional(),
});
const ZEnv = ZEnvVariables.refine((env) => !env.SMTP_URL || env.MAIL_FROM, { message: "MAIL_FROM is required when SMTP_URL is set", path: ["MAIL_FROM"] })
  .refine((env) => !env.VAPID_PUBLIC_KEY === !env.VAPID_PRIVATE_KEY, { message: "set both VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY, or neither", path: ["VAPID_PRIVATE_KEY"] })
  .refine((env) => !env.SEND_TRACKING_LINK.includes("sms") || (env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN && env.TWILIO_FROM), {
    message: "SEND_TRACKING_LINK=sms needs TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM",
    path: ["SEND_TRACKING_LINK"],
  })
  .refine((env) => !env.SEND_TRACKING_LINK.includes("email") || env.SMTP_URL, { message: "SEND_TRACKING_LINK=email needs SMTP_URL", path: ["SEND_TRACKING_LINK"] });
export type Env = z.infer<typeof ZEnv>;

/** Both limits off would hide the driver from everyone: a mistake to say at start-up. */
const ZEnvChecked = ZEnv.refine((env) => env.TRACKING_VISIBLE_STOPS !== null || env.TRACKING_VISIBLE_MINUTES !== undefined, {
  message: "TRACKING_VISIBLE_STOPS=off needs TRACKING_VISIBLE_MINUTES",
  path: ["TRACKING_VISIBLE_STOPS"],
});

/** Every variable the server reads (deployment files are checked against it). */
export const ENV_KEYS: readonly string[] = Object.keys(ZEnvVariables.shape);

export function streamRetentionOf(env: Env): StreamRetention {
  return { locationsMaxAgeMs: env.LOCATIONS_MAX_AGE, locationsMaxBytes: env.LOCATIONS_MAX_BYTES, ordersMaxAgeMs: env.ORDERS_MAX_AGE };
}

export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = ZEnvChecked.safeParse(cleaned);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`).join("\n");
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  return result.data;
}
