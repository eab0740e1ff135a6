import { randomUUID } from "node:crypto";
import type { JetStreamClient } from "@nats-io/jetstream";
import type { PrismaClient } from "../../generated/prisma/client";
import { nextOrderProgress, type OrderProgressInput, type OrderProgressMemory } from "../../lib/domain/order-progress";
import type { TOrderEvent } from "../../lib/schemas/events";
import { publishJson } from "../backbone/publish";
import { subjects } from "../backbone/subjects";

/**
 * Turns recomputed orders into `order.progress` events ("out for delivery", "2 stops away")
 * on the order's own ORDERS subject, so the customer's timeline is part of the order's event
 * history (replayable after a drop) and projected into order_events like every other event.
 * Memory is per process: after a restart the current figure may be told again, which the
 * timeline shows once (lib/domain/order-timeline.ts).
 */
export class ProgressPublisher {
  private readonly memory = new Map<string, OrderProgressMemory>();

  constructor(private readonly deps: { js: JetStreamClient; prisma: PrismaClient }) {}

  async update(orderId: string, input: OrderProgressInput, now: number): Promise<void> {
    const { steps, memory } = nextOrderProgress(this.memory.get(orderId), input);
    for (const step of steps) {
      const event: TOrderEvent = { type: "order.progress", orderId, at: now, stage: step.stage, stopsAway: step.stopsAway };
      const id = randomUUID();
      await publishJson(this.deps.js, subjects.orderEvents(orderId), event, id);
      await this.deps.prisma.orderEvent.create({
        data: { id, orderId, type: event.type, data: { stage: step.stage, stopsAway: step.stopsAway }, occurredAt: new Date(now) },
      });
    }
    // Committed only once published: a failed publish is retried with the batch.
    if (memory) this.memory.set(orderId, memory);
  }
}
