import type { CoreDeps } from "../../deps";
import { WebhookNotFound } from "../../platform/domain-errors";

/** Removes a webhook and its log; events still being retried for it are dropped. */
export async function deleteWebhook(deps: Pick<CoreDeps, "prisma">, webhookId: string): Promise<void> {
  const { count } = await deps.prisma.webhook.deleteMany({ where: { id: webhookId } });
  if (count === 0) throw new WebhookNotFound(webhookId);
}
