/**
 * The floor of bench/socket-heap.ts: Socket.IO as the relay configures it (path, websocket, no
 * client bundle, the same memory patches: no retained upgrade request, no own room) with no app
 * logic — a watch joins its order's room and is answered, nothing else. What an idle socket costs
 * this server is what it costs Socket.IO, engine.io, ws and Node's net.Socket here: the relay
 * can only add to it. Started by bench/socket-heap.ts as a child (PORT); answers GET / once listening.
 */
import { createServer } from "node:http";
import { Server } from "socket.io";
import { EVENTS, SOCKET_PATH } from "../lib/realtime/events";
import { forgetUpgradeRequest, releaseUpgradeResponses } from "../server/platform/patches/engine-io-upgrade-request";
import { leaveOwnRoom } from "../server/platform/patches/socket-own-room";

const httpServer = createServer((_request, response) => response.end("ok"));
const io = new Server(httpServer, { path: SOCKET_PATH, serveClient: false });
releaseUpgradeResponses(io);
io.on("connection", (socket) => {
  forgetUpgradeRequest(socket);
  leaveOwnRoom(socket);
  socket.on(EVENTS.orderWatch, (payload: { token: string }, ack: (answer: unknown) => void) => {
    void socket.join(`order:${payload.token}`);
    ack({ data: {} });
  });
});
httpServer.listen(Number(process.env.PORT), "127.0.0.1");
process.on("SIGTERM", () => {
  void io.close();
  process.exit(0);
});
