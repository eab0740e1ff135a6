import type { CoreDeps } from "../../deps";
import { DriverNotFound } from "../../platform/domain-errors";
import { DRIVER_MESSAGE_LIST_LIMIT, type TDriverMessage } from "../../../lib/schemas/driver-messages";
import { toDriverMessage } from "./driver-message-view";

/** The newest messages to one driver, oldest first; `requireDriver` makes an unknown id a 404. */
export async function listDriverMessages(deps: Pick<CoreDeps, "prisma">, driverId: string, options: { requireDriver: boolean }): Promise<TDriverMessage[]> {
  if (options.requireDriver) {
    const driver = await deps.prisma.driver.findUnique({ where: { id: driverId }, select: { id: true } });
    if (!driver) throw new DriverNotFound(driverId, `no driver ${driverId}`);
  }
  const rows = await deps.prisma.driverMessage.findMany({
    where: { driverId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: DRIVER_MESSAGE_LIST_LIMIT,
  });
  return rows.reverse().map(toDriverMessage);
}
