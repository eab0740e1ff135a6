/**
 * The own-id room against the installed socket.io: a socket is put in it on connection (else the
 * patch is moot and should go), `leaveOwnRoom` takes it out for good, and room broadcasts, which
 * the relay uses, still reach the socket.
 */
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import { Server, type Socket as ServerSocket } from "socket.io";
import { Manager } from "socket.io-client";
import { checkOwnRoomPatch, leaveOwnRoom } from "./socket-own-room";

test("the installed socket.io is in the tested range", () => {
  const warnings: string[] = [];
  checkOwnRoomPatch((message) => warnings.push(message));
  assert.deepEqual(warnings, []);
});

test("socket.io puts a socket in its own-id room; leaveOwnRoom takes it out and room broadcasts still reach it", async () => {
  const httpServer = createServer();
  const io = new Server(httpServer, { path: "/own-room" });
  const roomsAtConnection: string[][] = [];
  io.on("connection", (socket: ServerSocket) => {
    roomsAtConnection.push([...socket.rooms]);
    leaveOwnRoom(socket);
    void socket.join("order:1");
  });
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  const client = new Manager(`http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`, { path: "/own-room", transports: ["websocket"], reconnection: false }).socket("/");
  try {
    await new Promise<void>((resolve, reject) => client.once("connect", () => resolve()).once("connect_error", reject));
    const [socket] = io.of("/").sockets.values();
    assert.deepEqual(roomsAtConnection, [[socket!.id]], "socket.io joined the socket to its own-id room");
    assert.deepEqual([...socket!.rooms], ["order:1"]);
    assert.deepEqual([...io.of("/").adapter.rooms.keys()], ["order:1"]);
    const received = new Promise((resolve) => client.once("view", resolve));
    io.to("order:1").emit("view", { orderId: "1" });
    assert.deepEqual(await received, { orderId: "1" });
  } finally {
    client.close();
    await io.close();
  }
});
