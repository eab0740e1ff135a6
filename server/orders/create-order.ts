import { randomUUID } from "node:crypto";
import type { TCreateOrderRequest } from "../../lib/schemas/api";
import { generateToken, hashToken } from "../auth/tokens";
import { badRequest } from "../http/api-error";
import type { CoreDeps } from "../deps";
import { recordOrderEvent } from "./order-events";
import { announceRoute } from "./route-events";

export interface CreatedOrder {
  id: string;
  customerName: string;
  address: string;
  lat: number;
  lng: number;
  status: string;
  driverId: string | null;
  /** `/track/<token>`: the token is returned once and stored only as a hash. */
  trackingUrl: string;
  createdAt: string;
}

/** Creates an order; with `driverId` it is appended to the end of that driver's route. */
export async function createOrder(deps: Pick<CoreDeps, "prisma" | "js">, input: TCreateOrderRequest): Promise<CreatedOrder> {
  const token = generateToken();
  const id = randomUUID();
  const at = Date.now();
  const order = await deps.prisma.$transaction(
    async (tx) => {
      if (input.driverId) {
        const driver = await tx.driver.findUnique({ where: { id: input.driverId }, select: { id: true } });
        if (!driver) throw badRequest("unknown_driver", `no driver with id ${input.driverId}`);
      }
      const status = input.driverId ? "assigned" : "created";
      const created = await tx.order.create({
        data: {
          id,
          customerName: input.customerName,
          address: input.address,
          lat: input.lat,
          lng: input.lng,
          status,
          driverId: input.driverId ?? null,
          trackingTokenHash: hashToken(token),
        },
      });
      await recordOrderEvent(tx, deps.js, { type: "order.created", orderId: id, at, lat: input.lat, lng: input.lng, address: input.address, status }, `${id}:created`);
      if (input.driverId) {
        const last = await tx.routeStop.aggregate({ where: { driverId: input.driverId }, _max: { position: true } });
        await tx.routeStop.create({ data: { orderId: id, driverId: input.driverId, position: (last._max.position ?? -1) + 1 } });
        await announceRoute(tx, deps.js, input.driverId, at);
      }
      return created;
    },
    { timeout: 20_000, maxWait: 20_000 },
  );
  return {
    id: order.id,
    customerName: order.customerName,
    address: order.address,
    lat: order.lat,
    lng: order.lng,
    status: order.status,
    driverId: order.driverId,
    trackingUrl: `/track/${token}`,
    createdAt: order.createdAt.toISOString(),
  };
}
