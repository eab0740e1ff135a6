/**
 * The upgrade-request patch against the installed engine.io and socket.io: it applies (the guard
 * passes, the stand-in's `close` listener is found and removed), and it still does its job (the
 * upgrade's request and response become unreachable while the socket stays connected). Either
 * fails when a new engine.io or socket.io changes the internals the patch relies on.
 */
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { test } from "node:test";
import { Server } from "socket.io";
import { Manager } from "socket.io-client";
import { SOCKET_PATH } from "../../../lib/realtime/events";
import { collectGarbage } from "../../../testing/collect-garbage";
import { waitFor } from "../../../testing/test-app";
import { checkUpgradeRequestPatch, ENGINE_IO_RANGE, forgetUpgradeRequest, releaseUpgradeResponses, SOCKET_IO_RANGE } from "./engine-io-upgrade-request";
import { installedVersion, isInRange } from "./tested-range";

test("the installed engine.io and socket.io are in the tested ranges and engine.io still adds the stand-in's close listener", () => {
  const warnings: string[] = [];
  checkUpgradeRequestPatch((message) => warnings.push(message));
  assert.deepEqual(warnings, []);
  assert.ok(isInRange(installedVersion(ENGINE_IO_RANGE), ENGINE_IO_RANGE));
  assert.ok(isInRange(installedVersion(SOCKET_IO_RANGE), SOCKET_IO_RANGE));
});

test("an idle socket keeps neither its upgrade request nor the upgrade's stand-in response", async () => {
  const httpServer = createServer();
  const io = new Server(httpServer, { path: SOCKET_PATH });
  // The upgrade's TCP socket, seen before the patch's middleware: its stand-in listener is there then.
  const standInListenersOf = (tcp: Duplex) => tcp.rawListeners("close").filter((listener) => String((listener as { listener?: unknown }).listener ?? listener) === '() => this.emit("close")').length;
  const upgraded: { before: number; tcp: Duplex }[] = [];
  io.engine.use((_req: unknown, res: { socket?: Duplex | null }, next: () => void) => {
    if (res.socket) upgraded.push({ before: standInListenersOf(res.socket), tcp: res.socket });
    next();
  });
  releaseUpgradeResponses(io);
  io.on("connection", forgetUpgradeRequest);
  const upgrades: { request: WeakRef<object>; response: WeakRef<object> }[] = [];
  io.engine.use((req: object, res: object, next: () => void) => {
    upgrades.push({ request: new WeakRef(req), response: new WeakRef(res) });
    next();
  });
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  const { port } = httpServer.address() as AddressInfo;
  const socket = new Manager(`http://127.0.0.1:${port}`, { path: SOCKET_PATH, transports: ["websocket"], reconnection: false }).socket("/");
  try {
    await new Promise<void>((resolve, reject) => socket.once("connect", () => resolve()).once("connect_error", reject));
    assert.equal(io.of("/").sockets.size, 1);
    assert.equal(upgraded.length, 1, "one upgrade");
    assert.equal(upgraded[0]!.before, 1, "engine.io added the stand-in's close listener");
    assert.equal(standInListenersOf(upgraded[0]!.tcp), 0, "the patch removed it");
    const [connected] = io.of("/").sockets.values();
    assert.equal((connected!.conn as unknown as { request: unknown }).request, null);
    await waitFor(
      async () => {
        collectGarbage();
        await new Promise((resolve) => setImmediate(resolve));
        return upgrades.length === 1 && upgrades.every((upgrade) => !upgrade.request.deref() && !upgrade.response.deref());
      },
      5_000,
      "the upgrade's request and response to be collected while the socket stays connected",
    );
    assert.equal(io.of("/").sockets.size, 1, "still connected");
  } finally {
    socket.close();
    await io.close();
  }
});
