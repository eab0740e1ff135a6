import type { TWebhookDelivery, TWebhookSummary } from "../../../lib/schemas/webhooks";
import type { CoreDeps } from "../../deps";

const RECENT_DELIVERIES = 5;

type DeliveryRow = {
  id: string;
  eventSeq: bigint;
  eventType: string;
  orderId: string;
  attempt: number;
  statusCode: number | null;
  isSuccess: boolean;
  durationMs: number;
  error: string | null;
  createdAt: Date;
};

/** Field by field: a spread of the row would also send its other columns (webhookId, …), which the answer does not describe. */
export function deliverySummary(row: DeliveryRow): TWebhookDelivery {
  return {
    id: row.id,
    eventSeq: Number(row.eventSeq),
    eventType: row.eventType,
    orderId: row.orderId,
    attempt: row.attempt,
    statusCode: row.statusCode,
    isSuccess: row.isSuccess,
    durationMs: row.durationMs,
    error: row.error,
    at: row.createdAt.toISOString(),
  };
}

/** Every webhook with its newest attempts; never the secrets (support may view this). */
export async function listWebhooks(deps: Pick<CoreDeps, "prisma">): Promise<TWebhookSummary[]> {
  const webhooks = await deps.prisma.webhook.findMany({
    orderBy: { createdAt: "asc" },
    include: { deliveries: { orderBy: [{ createdAt: "desc" }, { attempt: "desc" }], take: RECENT_DELIVERIES } },
  });
  return webhooks.map((webhook) => ({
    id: webhook.id,
    url: webhook.url,
    description: webhook.description,
    createdAt: webhook.createdAt.toISOString(),
    recentDeliveries: webhook.deliveries.map(deliverySummary),
  }));
}
