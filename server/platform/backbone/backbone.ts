import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import path from "node:path";
import { startNatsServer, type NatsServerProcess } from "./nats-server-process";
import { dropLegacyViews } from "./drop-legacy-views";
import { ensureStreams, type StreamRetention } from "./streams";

export interface Backbone {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  /** The server URL in use (the child's when NATS_URL was unset). */
  url: string;
  close(): Promise<void>;
}

export interface BackboneOptions {
  /** An existing JetStream server; unset starts a `nats-server -js` child. */
  natsUrl?: string;
  dataDir: string;
  replicas?: number;
  name?: string;
  /** NATS_INTEGRATION_PASSWORD: lets the read-only `integration` user into the child server (not used with natsUrl). */
  integrationPassword?: string;
  /** NATS_PORT: the child server's port (not used with natsUrl); unset, a free one. */
  port?: number;
  /** Retention of the streams (server/platform/backbone/streams.ts); defaults when unset. */
  retention?: StreamRetention;
  log?: (message: string, error?: unknown) => void;
}

/** `nats://user:pass@host:port` → the server without, and the credential (nats.js ignores URL user info). */
export function splitNatsUrl(url: string): { server: string; user?: string; pass?: string } {
  const match = /^([a-z]+:\/\/)([^@/]*)@(.*)$/i.exec(url);
  if (!match) return { server: url };
  const [, scheme = "", userInfo = "", rest = ""] = match;
  const colon = userInfo.indexOf(":");
  const user = decodeURIComponent(colon < 0 ? userInfo : userInfo.slice(0, colon));
  const pass = colon < 0 ? undefined : decodeURIComponent(userInfo.slice(colon + 1));
  return { server: `${scheme}${rest}`, user, ...(pass !== undefined ? { pass } : {}) };
}

/** A NATS URL (or a comma-separated list) fit for a log line: passwords replaced by `***`. */
export function redactNatsUrl(url: string): string {
  return url
    .split(",")
    .map((part) => {
      const { server, user } = splitNatsUrl(part.trim());
      return user === undefined ? server : server.replace(/^([a-z]+:\/\/)/i, `$1${user}:***@`);
    })
    .join(",");
}

/**
 * Connects with reconnection forever: the client's default gives up after ~20 s. `url` may list
 * a cluster's servers separated by commas (NATS_URL=nats://a:4222,nats://b:4222); a credential in
 * any of them (`nats://user:pass@…`) is used for all.
 */
export async function connectNats(url: string, name = "lastmile"): Promise<NatsConnection> {
  const parts = url
    .split(",")
    .map((part) => splitNatsUrl(part.trim()))
    .filter((part) => part.server);
  const user = parts.find((part) => part.user !== undefined)?.user;
  const pass = parts.find((part) => part.pass !== undefined)?.pass;
  return connect({
    servers: parts.map((part) => part.server),
    ...(user !== undefined ? { user } : {}),
    ...(pass !== undefined ? { pass } : {}),
    name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    waitOnFirstConnect: true,
    timeout: 10_000,
    // Otherwise every request (each JetStream publish: a fix, a view) builds two Error objects up
    // front for their stack traces: ~14 % of the server's CPU under ingest load.
    noAsyncTraces: true,
  });
}

export async function startBackbone(options: BackboneOptions): Promise<Backbone> {
  let child: NatsServerProcess | null = null;
  let url = options.natsUrl;
  if (!url) {
    child = await startNatsServer({ storeDir: path.join(options.dataDir, "nats"), integrationPassword: options.integrationPassword, port: options.port });
    url = child.url;
  }
  const nc = await connectNats(url, options.name);
  const jsm = await jetstreamManager(nc);
  await ensureStreams(jsm, options.replicas ?? 1, options.retention);
  await dropLegacyViews(jsm, options.log ?? ((message) => console.error(`[backbone] ${message}`)));
  return {
    nc,
    js: jetstream(nc),
    jsm,
    url,
    async close() {
      await nc.drain().catch(() => nc.close());
      await child?.stop();
    },
  };
}
