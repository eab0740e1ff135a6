/**
 * One notification's claim on its `notification_deliveries` row (order, kind, channel,
 * recipient): taken before sending so a redelivered event or another process sends nothing
 * again; a claim older than the lease is a process that died while sending, taken over.
 */
import type { PrismaClient } from "../../../generated/prisma/client";

/** Longer than a send can take (push and SMTP time out sooner): an older claim is a dead process's. */
const CLAIM_LEASE_MS = 60_000;

/** done: every recipient has it (or was given up on); retry: try the event again later. */
export type DeliveryRound = "done" | "retry";

export type ClaimKey = { orderId: string; kind: string; channel: string; recipientId: string };

/** claimed: this process tries now, and this is try number `attempt`; done: nothing left to do; busy: another process is trying. */
export type Claim = { state: "claimed"; attempt: number } | { state: "done" } | { state: "busy" };

/** The try is counted when it is claimed, so even a process that dies while sending uses up a try. */
export async function claim(prisma: PrismaClient, key: ClaimKey): Promise<Claim> {
  const now = new Date();
  const { count } = await prisma.notificationDelivery.createMany({ data: [{ ...key, state: "sending", claimedAt: now, attempts: 1 }], skipDuplicates: true });
  if (count === 1) return { state: "claimed", attempt: 1 };
  const takenOver = await prisma.notificationDelivery.updateMany({
    where: { ...key, OR: [{ state: "retry" }, { state: "sending", claimedAt: { lt: new Date(now.getTime() - CLAIM_LEASE_MS) } }] },
    data: { state: "sending", claimedAt: now, attempts: { increment: 1 } },
  });
  const row = await prisma.notificationDelivery.findUnique({ where: { orderId_kind_channel_recipientId: key }, select: { state: true, attempts: true } });
  if (takenOver.count === 1 && row) return { state: "claimed", attempt: row.attempts };
  return row?.state === "sending" ? { state: "busy" } : { state: "done" };
}
