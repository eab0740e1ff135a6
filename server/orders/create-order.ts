import { randomUUID } from "node:crypto";
import type { TOrderCreated } from "../../lib/schemas/admin-responses";
import type { TCreateOrderRequest } from "../../lib/schemas/api";
import { generateToken, hashToken } from "../auth/tokens";
import { UnknownDriver } from "../domain-errors";
import type { CoreDeps } from "../deps";
import { commitAndPublish } from "../outbox/commit-and-publish";
import { recordOrderEvent } from "./order-events";
import { toOrderBase } from "./order-response";
import { appendStop, enqueueRouteSnapshot, enqueueUnrouted, lockDriver } from "./route-events";

/** `trackingUrl` is `/track/<token>`: the token is returned once and stored only as a hash. */
export type CreatedOrder = TOrderCreated;

/**
 * Creates an order. With `driverId` it is appended to the end of that driver's route: one
 * `order.created` and ONE route snapshot of the driver's open stops, whatever the route's
 * length. Without, one `order.created` and one `order.unrouted`. The reply waits until the
 * events are on JetStream (best effort: the tracking token is shown only in this reply).
 */
export async function createOrder(deps: Pick<CoreDeps, "prisma" | "outbox">, input: TCreateOrderRequest): Promise<CreatedOrder> {
  const token = generateToken();
  const id = randomUUID();
  const at = Date.now();
  const order = await commitAndPublish(
    deps,
    async (out) => {
      const { tx } = out;
      if (input.driverId && !(await lockDriver(tx, input.driverId))) throw new UnknownDriver(input.driverId);
      const status = input.driverId ? "assigned" : "created";
      const created = await tx.order.create({
        data: {
          id,
          customerName: input.customerName,
          address: input.address,
          lat: input.lat,
          lng: input.lng,
          status,
          statusAt: new Date(at),
          driverId: input.driverId ?? null,
          trackingTokenHash: hashToken(token),
        },
      });
      await recordOrderEvent(out, { type: "order.created", orderId: id, at, lat: input.lat, lng: input.lng, address: input.address, status }, `${id}:created`);
      if (input.driverId) {
        await enqueueRouteSnapshot(out, input.driverId, at, [], await appendStop(tx, input.driverId, id));
      } else {
        await enqueueUnrouted(out, created, at);
      }
      return created;
    },
    { publication: "best-effort" },
  );
  return { ...toOrderBase(order), trackingUrl: `/track/${token}` };
}
