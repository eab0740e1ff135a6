/**
 * The one logger: pino, JSON lines on stdout, levels by LOG_LEVEL. What goes in a line is ids,
 * counts, routes and error messages — never names, addresses, tokens, coordinates or bodies:
 * credentials in headers are redacted should a request ever be logged whole, and request paths
 * are logged as their route (`logPath`), without the query string.
 */
import pino, { type Logger } from "pino";
import { canonicalPath } from "../http/canonical-path";

export type { Logger };

/** The `(message, error?)` callback domain modules take; backed by a Logger in production. */
export type LogFn = (message: string, error?: unknown) => void;

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * A person at a terminal reads `12:00:01 info  Lastmile is live at … origin=…`, a log shipper
 * reads JSON: lines are JSON unless stdout is a TTY (and LOG_FORMAT is not "json").
 */
export function prettyLine(line: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const { time, level, msg, service: _service, pid: _pid, err, ...rest } = entry;
  const clock = typeof time === "string" ? time.slice(11, 19) : "";
  const fields = Object.entries(rest)
    .map(([key, value]) => (Array.isArray(value) ? `\n    ${value.map(String).join("\n    ")}` : ` ${key}=${typeof value === "string" ? value : JSON.stringify(value)}`))
    .join("");
  const error = err && typeof err === "object" ? `\n    ${String((err as { stack?: unknown; message?: unknown }).stack ?? (err as { message?: unknown }).message)}` : "";
  return `${clock} ${String(level).padEnd(5)} ${String(msg ?? "")}${fields}${error}\n`;
}

function defaultDestination(): pino.DestinationStream | undefined {
  if (!process.stdout.isTTY || process.env.LOG_FORMAT === "json") return undefined;
  return { write: (line: string) => void process.stdout.write(prettyLine(line)) };
}

export function createLogger(options: { level?: LogLevel; destination?: pino.DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? "info",
      base: { service: "lastmile", pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: {
        paths: ["req.headers.authorization", "req.headers.cookie", "req.headers['x-csrf-token']", "headers.authorization", "headers.cookie", "token", "*.token"],
        censor: "[redacted]",
      },
    },
    options.destination ?? defaultDestination(),
  );
}

/**
 * The `log(message, error)` plumbing, backed by `logger`: with an Error it is an error line
 * (`err` serialised with its stack), with anything else a warning carrying it as `detail`.
 */
export function logFnOf(logger: Logger): LogFn {
  return (message, error) => {
    if (error === undefined || error === "") logger.warn(message);
    else if (error instanceof Error) logger.error({ err: error }, message);
    else logger.warn({ detail: typeof error === "string" ? error : safeJson(error) }, message);
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Path segments that are secrets (tracking tokens): logged as the route's placeholder. */
const SECRET_SEGMENTS = [/^(\/track\/)[^/?#]+/, /^(\/api\/track\/)[^/?#]+/];

/** A request path fit for a log line: no query string (coordinates, tracker ids), tokens replaced. */
export function logPath(url: string | undefined): string {
  let path = canonicalPath(url);
  for (const pattern of SECRET_SEGMENTS) path = path.replace(pattern, "$1:token");
  return path.length > 200 ? `${path.slice(0, 200)}…` : path;
}
