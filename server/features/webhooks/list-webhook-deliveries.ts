import type { TWebhookDelivery } from "../../../lib/schemas/webhooks";
import type { CoreDeps } from "../../deps";
import { WebhookNotFound } from "../../platform/domain-errors";
import { deliverySummary } from "./list-webhooks";

/** One webhook's delivery log, newest first. */
export async function listWebhookDeliveries(deps: Pick<CoreDeps, "prisma">, webhookId: string, limit: number): Promise<TWebhookDelivery[]> {
  const webhook = await deps.prisma.webhook.findUnique({ where: { id: webhookId }, select: { id: true } });
  if (!webhook) throw new WebhookNotFound(webhookId);
  const rows = await deps.prisma.webhookDelivery.findMany({ where: { webhookId }, orderBy: [{ createdAt: "desc" }, { attempt: "desc" }], take: limit });
  return rows.map(deliverySummary);
}
