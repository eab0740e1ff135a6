/**
 * What each relay patch in server/platform/patches saves of the heap per connected socket: a socket.io
 * server and PATCH_HEAP_N (default 3,000) websocket clients in this process, heap read after
 * forced GCs before and after they connect. The clients cost the same whatever the variant, so
 * run the variants in pairs and compare them in the same run (the machine's load moves the
 * absolute figures; run to run a variant moves by up to ±0.5 KiB):
 *
 *   for i in 1 2 3; do for v in none upgrade-request own-room; do npx tsx bench/patch-heap.ts $v; done; done
 *
 * none: no patch; upgrade-request: engine-io-upgrade-request.ts; own-room: socket-own-room.ts.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { Manager, type Socket } from "socket.io-client";
import { forgetUpgradeRequest, releaseUpgradeResponses } from "../server/platform/patches/engine-io-upgrade-request";
import { leaveOwnRoom } from "../server/platform/patches/socket-own-room";
import { collectGarbage } from "../testing/collect-garbage";

const variant = process.argv[2] ?? "none";
if (!["none", "upgrade-request", "own-room"].includes(variant)) throw new Error(`unknown variant ${variant}: none, upgrade-request or own-room`);
const N = Number(process.env.PATCH_HEAP_N ?? 3000);

const httpServer = createServer();
const io = new Server(httpServer, { path: "/patch-heap" });
if (variant === "upgrade-request") releaseUpgradeResponses(io);
io.on("connection", (socket) => {
  if (variant === "upgrade-request") forgetUpgradeRequest(socket);
  if (variant === "own-room") leaveOwnRoom(socket);
  // As a watcher does: one order room (shared by a few sockets).
  void socket.join(`order:${socket.id.slice(0, 4)}`);
});
await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;

async function heapUsed(): Promise<number> {
  for (let round = 0; round < 3; round++) {
    collectGarbage();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}

async function connectAll(count: number): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let first = 0; first < count; first += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, count - first) }, async () => {
        const socket = new Manager(url, { path: "/patch-heap", transports: ["websocket"], reconnection: false }).socket("/");
        await new Promise<void>((resolve, reject) => socket.once("connect", () => resolve()).once("connect_error", reject));
        sockets.push(socket);
      }),
    );
  }
  return sockets;
}

// A warm-up round first: what is created once (lazily built code, pools) is not counted per socket.
for (const socket of await connectAll(200)) socket.close();
await new Promise((resolve) => setTimeout(resolve, 500));
const before = await heapUsed();
const sockets = await connectAll(N);
await new Promise((resolve) => setTimeout(resolve, 300));
const after = await heapUsed();
console.log(`${variant.padEnd(15)} N=${N}: ${((after - before) / N / 1024).toFixed(2)} KiB of heap per socket (server and client)`);
for (const socket of sockets) socket.close();
await io.close();
