import type { DriverMessage } from "../../../generated/prisma/client";
import type { TDriverMessage } from "../../../lib/schemas/driver-messages";

/** The API shape of a stored message. */
export function toDriverMessage(row: DriverMessage): TDriverMessage {
  return {
    id: row.id,
    driverId: row.driverId,
    author: { staffId: row.staffId, name: row.authorName },
    body: row.body,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}
