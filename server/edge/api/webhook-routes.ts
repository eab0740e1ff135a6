/** Webhooks for other systems: admins register and remove them; support may see them and their log. */
import { ZCreateWebhookRequest, ZDeliveriesQuery } from "../../../lib/schemas/webhooks";
import { readJson } from "../../platform/http/read-body";
import { validate } from "../../platform/http/validate";
import { createWebhook } from "../../features/webhooks/create-webhook";
import { deleteWebhook } from "../../features/webhooks/delete-webhook";
import { listWebhookDeliveries } from "../../features/webhooks/list-webhook-deliveries";
import { listWebhooks } from "../../features/webhooks/list-webhooks";
import type { ApiDeps, ApiRouter } from "./api-deps";

export function registerWebhookRoutes(router: ApiRouter, deps: ApiDeps): void {
  router
    .on("GET /api/admin/webhooks", async () => {
      return { status: 200, body: await listWebhooks(deps) };
    })
    .on("POST /api/admin/webhooks", async ({ req }) => {
      const input = validate(ZCreateWebhookRequest, await readJson(req));
      return { status: 201, body: await createWebhook(deps, input, { allowPrivate: deps.allowPrivateWebhooks }) };
    })
    .on("DELETE /api/admin/webhooks/:webhookId", async ({ params }) => {
      await deleteWebhook(deps, params.webhookId ?? "");
      return { status: 200, body: { ok: true } };
    })
    .on("GET /api/admin/webhooks/:webhookId/deliveries", async ({ params, url }) => {
      const query = validate(ZDeliveriesQuery, Object.fromEntries(url.searchParams));
      return { status: 200, body: await listWebhookDeliveries(deps, params.webhookId ?? "", query.limit) };
    });
}
