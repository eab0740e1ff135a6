import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startBackbone, type Backbone } from "../backbone/backbone";
import { startNatsServer, type NatsServerProcess } from "../backbone/nats-server-process";

/** A nats-server of the test's own on a free port, so it may be stopped and restarted. */
export interface TestNats {
  server: NatsServerProcess;
  storeDir: string;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startTestNats(): Promise<TestNats> {
  const storeDir = mkdtempSync(path.join(tmpdir(), "lastmile-nats-"));
  const handle: TestNats = {
    server: await startNatsServer({ storeDir }),
    storeDir,
    async restart() {
      await handle.server.stop();
      handle.server = await startNatsServer({ storeDir, port: handle.server.port });
    },
    async stop() {
      await handle.server.stop();
      rmSync(storeDir, { recursive: true, force: true });
    },
  };
  return handle;
}

/** A backbone (connection + streams) on a fresh test server; close() stops both. */
export async function startTestBackbone(): Promise<Backbone & { nats: TestNats }> {
  const nats = await startTestNats();
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
