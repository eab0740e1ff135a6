import { randomUUID } from "node:crypto";
import type { PrismaClient } from "../../generated/prisma/client";
import type { TEtaWindow } from "../../lib/schemas/order-view";

/**
 * Keeps every ETA a customer was shown (eta_predictions), and on delivery fills in the actual
 * arrival and each prediction's error, so accuracy is measured on real orders (the admin
 * dashboard's median ETA error). A projection of the published views, like driver_locations is
 * of the fixes: a row only when the predicted minute (what the customer sees) changes.
 */
export class EtaRecorder {
  private readonly lastArrival = new Map<string, string>();

  constructor(private readonly prisma: PrismaClient) {}

  async record(orderId: string, eta: TEtaWindow | null, stopsAway: number | null, now: number): Promise<void> {
    if (!eta || this.lastArrival.get(orderId) === eta.at) return;
    await this.prisma.etaPrediction.create({
      data: {
        id: randomUUID(),
        orderId,
        predictedAt: new Date(now),
        arrivalAt: new Date(eta.at),
        earliestAt: new Date(eta.earliest),
        latestAt: new Date(eta.latest),
        stopsAway,
      },
    });
    this.lastArrival.set(orderId, eta.at);
  }

  /** The order was delivered; `actualAt` is when the driver reached the door. */
  async settle(orderId: string, actualAt: number): Promise<void> {
    this.lastArrival.delete(orderId);
    const predictions = await this.prisma.etaPrediction.findMany({ where: { orderId, actualAt: null }, select: { id: true, arrivalAt: true } });
    for (const prediction of predictions) {
      await this.prisma.etaPrediction.update({
        where: { id: prediction.id },
        data: { actualAt: new Date(actualAt), errorSeconds: Math.round((actualAt - prediction.arrivalAt.getTime()) / 1000) },
      });
    }
  }

  /** A failed or cancelled order has no arrival to compare with: stop predicting it. */
  forget(orderId: string): void {
    this.lastArrival.delete(orderId);
  }
}
