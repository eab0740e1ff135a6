/**
 * Message events on core NATS, not JetStream: the database row is the message (its body and
 * read receipt live there, and both ends read it through the API), so the event is only a
 * "look now" nudge for whoever is connected. Storing it again in a stream would give two
 * copies to keep consistent for no reader that needs replay; a nudge lost while NATS is down
 * costs at most one poll interval of the driver app.
 */
import type { NatsConnection } from "@nats-io/transport-node";
import type { TDriverMessageEvent } from "../../../lib/schemas/driver-messages";

export const driverMessagesSubject = (driverId: string) => `lastmile.drivers.${driverId}.messages`;

/** Publishes after the row is committed; never fails the request (the row is what counts). */
export async function publishMessageEvent(nc: NatsConnection, event: TDriverMessageEvent): Promise<void> {
  if (nc.isClosed()) return;
  try {
    nc.publish(driverMessagesSubject(event.driverId), JSON.stringify(event));
    await nc.flush();
  } catch {
    // Disconnected between the check and the publish: the driver app's poll picks it up.
  }
}
