import type { JetStreamClient } from "@nats-io/jetstream";
import type { TOrderView } from "../../lib/schemas/order-view";
import { subjects } from "../backbone/subjects";
import type { ViewContent } from "./fleet-state";

/**
 * Publishes an order's view to `orders.<id>.view` when its content changed. Versions grow
 * with time as well as count, so a tracker that restarts never goes back below a version a
 * browser already holds.
 */
export class ViewPublisher {
  private readonly lastContent = new Map<string, string>();
  private readonly lastVersion = new Map<string, number>();

  constructor(private readonly js: JetStreamClient) {}

  async publish(content: ViewContent, now: number): Promise<TOrderView | null> {
    const serialized = JSON.stringify(content);
    if (this.lastContent.get(content.orderId) === serialized) return null;
    const version = Math.max((this.lastVersion.get(content.orderId) ?? 0) + 1, now);
    const view: TOrderView = { ...content, version, updatedAt: new Date(now).toISOString() };
    await this.js.publish(subjects.orderView(content.orderId), JSON.stringify(view), { timeout: 5_000 });
    this.lastContent.set(content.orderId, serialized);
    this.lastVersion.set(content.orderId, version);
    return view;
  }
}
