import type { CoreDeps } from "../../deps";
import { MessageNotFound } from "../../platform/domain-errors";
import type { TDriverMessage } from "../../../lib/schemas/driver-messages";
import { toDriverMessage } from "./driver-message-view";
import { publishMessageEvent } from "./message-events";

/**
 * Marks one of the driver's own messages read. Another driver's message is a 404, exactly like
 * an unknown id, so a driver cannot even learn that it exists. Reading twice keeps the first time.
 */
export async function markMessageRead(deps: Pick<CoreDeps, "prisma" | "nc">, driverId: string, messageId: string): Promise<TDriverMessage> {
  const updated = await deps.prisma.driverMessage.updateMany({ where: { id: messageId, driverId, readAt: null }, data: { readAt: new Date() } });
  const row = await deps.prisma.driverMessage.findFirst({ where: { id: messageId, driverId } });
  if (!row) throw new MessageNotFound(messageId);
  if (updated.count > 0) await publishMessageEvent(deps.nc, { type: "driver_message.read", messageId, driverId, at: (row.readAt ?? new Date()).toISOString() });
  return toDriverMessage(row);
}
