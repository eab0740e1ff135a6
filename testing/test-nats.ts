import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startBackbone, type Backbone } from "../server/platform/backbone/backbone";
import { findFreePort, startNatsServer, type NatsServerProcess } from "../server/platform/backbone/nats-server-process";

/** A nats-server of the test's own on a free port, so it may be stopped and restarted. */
export interface TestNats {
  server: NatsServerProcess;
  storeDir: string;
  /** Its monitoring endpoint (`-m`), or null when started with `{ monitoring: false }`. */
  monitor: NatsMonitor | null;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface TestNatsOptions {
  /** Serve nats-server's HTTP monitoring endpoint on a free loopback port (default true). */
  monitoring?: boolean;
}

export async function startTestNats(options: TestNatsOptions = {}): Promise<TestNats> {
  const storeDir = mkdtempSync(path.join(tmpdir(), "lastmile-nats-"));
  const monitorPort = options.monitoring === false ? undefined : await findFreePort();
  const server = await startNatsServer({ storeDir, monitorPort });
  const handle: TestNats = {
    server,
    storeDir,
    monitor: server.monitorUrl ? natsMonitor(server.monitorUrl) : null,
    async restart() {
      await handle.server.stop();
      handle.server = await startNatsServer({ storeDir, port: handle.server.port, monitorPort });
    },
    async stop() {
      await handle.server.stop();
      rmSync(storeDir, { recursive: true, force: true });
    },
  };
  return handle;
}

/** A backbone (connection + streams) on a fresh test server; close() stops both. */
export async function startTestBackbone(options: TestNatsOptions = {}): Promise<Backbone & { nats: TestNats }> {
  const nats = await startTestNats(options);
  const backbone = await startBackbone({ natsUrl: nats.server.url, dataDir: nats.storeDir });
  return {
    ...backbone,
    nats,
    async close() {
      await backbone.close();
      await nats.stop();
    },
  };
}

/** What tests read from nats-server's monitoring endpoint (the server's own count, not the client's). */
export interface NatsMonitor {
  /** `/varz`: the server process's resident memory in bytes. */
  memoryBytes(): Promise<number>;
  /** `/jsz?consumers=1`: every JetStream consumer on the server, by stream. */
  consumers(): Promise<{ stream: string; name: string; filterSubject: string }[]>;
  /** `/connz?subs=1`: the subjects each client connection subscribes to, by connection name. */
  subscriptions(connectionName: string): Promise<string[]>;
  /**
   * `/connz`: messages nats-server delivered to the named connections (`out_msgs`) and received
   * from them (`in_msgs`), summed over connections of that name (core and JetStream alike).
   */
  messages(connectionName: string): Promise<{ delivered: number; received: number }>;
}

export function natsMonitor(baseUrl: string): NatsMonitor {
  const get = async <T>(pathAndQuery: string): Promise<T> => {
    const response = await fetch(`${baseUrl}${pathAndQuery}`);
    if (!response.ok) throw new Error(`nats-server monitoring ${pathAndQuery}: ${response.status}`);
    return (await response.json()) as T;
  };
  type Jsz = {
    account_details?: {
      stream_detail?: { name: string; consumer_detail?: { name: string; config?: { filter_subject?: string } }[] }[];
    }[];
  };
  type Connz = { connections?: { name?: string; subscriptions_list?: string[]; in_msgs?: number; out_msgs?: number }[] };
  return {
    async memoryBytes() {
      return (await get<{ mem: number }>("/varz")).mem;
    },
    async consumers() {
      const jsz = await get<Jsz>("/jsz?consumers=1&config=1");
      return (jsz.account_details ?? []).flatMap((account) =>
        (account.stream_detail ?? []).flatMap((stream) =>
          (stream.consumer_detail ?? []).map((consumer) => ({ stream: stream.name, name: consumer.name, filterSubject: consumer.config?.filter_subject ?? "" })),
        ),
      );
    },
    async subscriptions(connectionName) {
      const connz = await get<Connz>("/connz?subs=1&limit=1024");
      return (connz.connections ?? []).filter((connection) => connection.name === connectionName).flatMap((connection) => connection.subscriptions_list ?? []);
    },
    async messages(connectionName) {
      const connz = await get<Connz>("/connz?limit=1024");
      const named = (connz.connections ?? []).filter((connection) => connection.name === connectionName);
      return {
        delivered: named.reduce((sum, connection) => sum + (connection.out_msgs ?? 0), 0),
        received: named.reduce((sum, connection) => sum + (connection.in_msgs ?? 0), 0),
      };
    },
  };
}
