import type { PrismaClient } from "../../../generated/prisma/client";
import { UnknownTrackerDevice } from "../../platform/domain-errors";

/** The driver a tracker app reports for (OsmAnd / Traccar `id`, `device_id`): the driver's trackerId. */
export async function findDriverByTrackerId(prisma: PrismaClient, trackerId: string): Promise<{ id: string }> {
  const driver = await prisma.driver.findUnique({ where: { trackerId }, select: { id: true } });
  // The id is not echoed back: the answer must not help anyone tell ids apart.
  if (!driver) throw new UnknownTrackerDevice();
  return driver;
}
