/**
 * A replaced tracking link must stop working for sockets already watching through it. The
 * `order.tracking_link_changed` event is published after its transaction commits (the outbox),
 * so the tokens of the order's local watchers are checked against the database once, each
 * distinct token once. A dropped client reconnects, re-watches and hears not_found like any
 * revoked link.
 */
import type { PrismaClient } from "../../../generated/prisma/client";
import { findOrderIdByToken } from "../views/get-order-view";
import { roomOf } from "./order-rooms";
import type { RelayServer } from "./relay-server";

export async function dropRevokedWatchers(io: RelayServer, prisma: PrismaClient, orderId: string): Promise<number> {
  const namespace = io.of("/");
  const socketIds = namespace.adapter.rooms.get(roomOf(orderId));
  if (!socketIds) return 0;
  const watchers = [...socketIds].flatMap((id) => {
    const socket = namespace.sockets.get(id);
    return socket ? [socket] : [];
  });
  const tokens = new Set(watchers.flatMap((socket) => socket.data.watching.filter((watch) => watch.orderId === orderId).map((watch) => watch.token)));
  const revoked = new Set<string>();
  for (const token of tokens) if ((await findOrderIdByToken(prisma, token)) !== orderId) revoked.add(token);
  let dropped = 0;
  for (const socket of watchers) {
    if (!socket.data.watching.some((watch) => revoked.has(watch.token))) continue;
    socket.disconnect(true);
    dropped++;
  }
  return dropped;
}
