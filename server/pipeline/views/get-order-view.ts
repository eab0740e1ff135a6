import type { JetStreamManager } from "@nats-io/jetstream";
import { isFinished } from "../../../lib/domain/order-status";
import { computeStopsAwayForRoute } from "../../../lib/domain/stops-away";
import { ZOrderView, type TOrderView } from "../../../lib/schemas/order-view";
import type { PrismaClient } from "../../../generated/prisma/client";
import { hashToken } from "../../platform/auth/tokens";
import { parseJsonOrNull } from "../../platform/backbone/parse-json";
import { STREAMS, subjects } from "../../platform/backbone/subjects";

export async function findOrderIdByToken(prisma: PrismaClient, token: string): Promise<string | null> {
  if (token.length > 200) return null;
  const order = await prisma.order.findUnique({ where: { trackingTokenHash: hashToken(token) }, select: { id: true } });
  return order?.id ?? null;
}

/** The last view the tracker published for an order (kept per subject by ORDER_VIEWS). */
export async function lastPublishedView(jsm: JetStreamManager, orderId: string): Promise<TOrderView | null> {
  const message = await jsm.streams.getMessage(STREAMS.orderViews, { last_by_subj: subjects.orderView(orderId) }).catch(() => null);
  if (!message) return null;
  const parsed = ZOrderView.safeParse(parseJsonOrNull(message.string()));
  return parsed.success ? parsed.data : null;
}

/**
 * A view built from the database alone, for an order the tracker has not published yet.
 * Version 0, so any tracker view replaces it; no driver position and no ETA (those need the
 * tracker's live state, and the privacy rule shows no position without it).
 */
export async function viewFromDatabase(prisma: PrismaClient, orderId: string): Promise<TOrderView | null> {
  const order = await prisma.order.findUnique({ where: { id: orderId }, include: { stop: true } });
  if (!order) return null;
  let stopsAway: number | null = null;
  if (order.stop) {
    const route = await prisma.routeStop.findMany({
      where: { driverId: order.stop.driverId },
      orderBy: { position: "asc" },
      include: { order: { select: { status: true } } },
    });
    stopsAway = computeStopsAwayForRoute(route.map((stop) => ({ orderId: stop.orderId, status: stop.order.status }))).get(orderId) ?? null;
  }
  return {
    orderId,
    version: 0,
    status: order.status,
    stopsAway,
    eta: null,
    driver: null,
    destination: { lat: order.lat, lng: order.lng, address: order.address },
    statusAt: order.statusAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
  };
}

/**
 * The view a customer is shown: the tracker's last published view, unless the database says
 * the order is finished and that view does not. A finished order's last view
 * is a core publish that the tracker never repeats (the order has left its memory): if
 * ORDER_VIEWS lost it (dropped, purged, aged out), the stored view would show a stale status
 * for good. The database's status is committed before its event, and a finished status is
 * final, so it wins then: the view is built from the database (no driver, no ETA), with a
 * version above the stale one so a page that already shows the stale one takes it.
 */
export async function getOrderView(deps: { prisma: PrismaClient; jsm: JetStreamManager }, orderId: string): Promise<TOrderView | null> {
  const [published, stored] = await Promise.all([lastPublishedView(deps.jsm, orderId), deps.prisma.order.findUnique({ where: { id: orderId }, select: { status: true } })]);
  if (published && !(stored && isFinished(stored.status) && published.status !== stored.status)) return published;
  const fromDatabase = await viewFromDatabase(deps.prisma, orderId);
  return fromDatabase && published ? { ...fromDatabase, version: published.version + 1 } : (fromDatabase ?? published);
}
