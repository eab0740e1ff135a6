/**
 * A 3-node NATS JetStream cluster of the test's own on loopback ports (Debian's nats-server 2.9
 * clusters like any other), so the pipeline is tested with replicated streams and a node that
 * dies, the way a production deployment runs it (deploy/compose.yaml).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { jetstreamManager, type JetStreamManager } from "@nats-io/jetstream";
import { connectNats } from "../server/platform/backbone/backbone";
import { findFreePort, findNatsServerBinary } from "../server/platform/backbone/nats-server-process";

export interface ClusterNode {
  name: string;
  url: string;
  /** SIGKILL: the node is gone at once, as a crashed host would be. */
  kill(): Promise<void>;
}

export interface TestNatsCluster {
  nodes: ClusterNode[];
  /** Every node's URL, comma-separated, as NATS_URL takes a cluster. */
  url: string;
  stop(): Promise<void>;
}

export async function startTestNatsCluster(size = 3): Promise<TestNatsCluster> {
  const root = mkdtempSync(path.join(tmpdir(), "lastmile-cluster-"));
  const ports = await Promise.all(Array.from({ length: size }, async () => ({ client: await findFreePort(), cluster: await findFreePort() })));
  const children: ChildProcess[] = [];
  const nodes: ClusterNode[] = ports.map((port, index) => {
    const name = `n${index + 1}`;
    const storeDir = path.join(root, name);
    mkdirSync(storeDir, { recursive: true });
    const routes = ports.filter((_, other) => other !== index).map((other) => `"nats-route://127.0.0.1:${other.cluster}"`);
    const config = path.join(root, `${name}.conf`);
    writeFileSync(
      config,
      [
        `server_name: ${name}`,
        `listen: "127.0.0.1:${port.client}"`,
        `jetstream { store_dir: ${JSON.stringify(storeDir)} }`,
        `cluster { name: lastmile-test, listen: "127.0.0.1:${port.cluster}", routes: [${routes.join(", ")}] }`,
        "",
      ].join("\n"),
    );
    const child = spawn(findNatsServerBinary(), ["-c", config], { stdio: ["ignore", "ignore", "ignore"] });
    children.push(child);
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    return {
      name,
      url: `nats://127.0.0.1:${port.client}`,
      async kill() {
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
        await exited;
      },
    };
  });
  const killAll = () => children.forEach((child) => child.kill("SIGKILL"));
  process.once("exit", killAll);
  const url = nodes.map((node) => node.url).join(",");

  // Ready once a stream replicated on every node can be created: the JetStream meta group has a
  // leader and knows every peer (before that, "no suitable peers for placement").
  const deadline = Date.now() + 60_000;
  for (;;) {
    const nc = await connectNats(url, "cluster-probe").catch(() => null);
    const isReady = nc
      ? await jetstreamManager(nc)
          .then(canPlaceOnEveryNode(size))
          .then(
            () => true,
            () => false,
          )
      : false;
    await nc?.close();
    if (isReady) break;
    if (Date.now() > deadline) {
      killAll();
      throw new Error(`the ${size}-node NATS cluster could not place a stream on every node within 60 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }

  return {
    nodes,
    url,
    async stop() {
      process.removeListener("exit", killAll);
      await Promise.all(nodes.map((node) => node.kill()));
      rmSync(root, { recursive: true, force: true });
    },
  };
}

function canPlaceOnEveryNode(size: number) {
  return async (jsm: JetStreamManager): Promise<void> => {
    const name = "CLUSTER_READY_PROBE";
    await jsm.streams.add({ name, subjects: ["cluster-ready-probe"], num_replicas: size });
    await jsm.streams.delete(name);
  };
}
