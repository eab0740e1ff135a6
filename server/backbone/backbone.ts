import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import path from "node:path";
import { startNatsServer, type NatsServerProcess } from "./nats-server-process";
import { ensureStreams } from "./streams";

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
}

/**
 * Connects with reconnection forever: the client's default gives up after ~20 s. `url` may list
 * a cluster's servers separated by commas (NATS_URL=nats://a:4222,nats://b:4222).
 */
export async function connectNats(url: string, name = "lastmile"): Promise<NatsConnection> {
  return connect({
    servers: url.split(",").map((server) => server.trim()).filter(Boolean),
    name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    waitOnFirstConnect: true,
    timeout: 10_000,
  });
}

export async function startBackbone(options: BackboneOptions): Promise<Backbone> {
  let child: NatsServerProcess | null = null;
  let url = options.natsUrl;
  if (!url) {
    child = await startNatsServer({ storeDir: path.join(options.dataDir, "nats") });
    url = child.url;
  }
  const nc = await connectNats(url, options.name);
  const jsm = await jetstreamManager(nc);
  await ensureStreams(jsm, options.replicas ?? 1);
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
