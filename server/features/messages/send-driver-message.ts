import { randomUUID } from "node:crypto";
import type { CoreDeps } from "../../deps";
import { DriverNotFound } from "../../platform/domain-errors";
import type { TDriverMessage, TSendDriverMessageRequest } from "../../../lib/schemas/driver-messages";
import { toDriverMessage } from "./driver-message-view";
import { publishMessageEvent } from "./message-events";

/** Who wrote a message: a staff account, or whoever holds ADMIN_TOKEN (no account behind it). */
export type MessageAuthor = { staffId: string; name: string } | { staffId: null; name: "Dispatch" };

/** Stores a message to `driverId` (404 for an unknown driver) and nudges listeners. */
export async function sendDriverMessage(deps: Pick<CoreDeps, "prisma" | "nc">, driverId: string, author: MessageAuthor, input: TSendDriverMessageRequest): Promise<TDriverMessage> {
  const driver = await deps.prisma.driver.findUnique({ where: { id: driverId }, select: { id: true } });
  if (!driver) throw new DriverNotFound(driverId, `no driver ${driverId}`);
  const row = await deps.prisma.driverMessage.create({
    data: { id: randomUUID(), driverId, staffId: author.staffId, authorName: author.name, body: input.body },
  });
  await publishMessageEvent(deps.nc, { type: "driver_message.sent", messageId: row.id, driverId, at: row.createdAt.toISOString() });
  return toDriverMessage(row);
}
