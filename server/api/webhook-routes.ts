/** Webhooks for other systems: admins register and remove them; support may see them and their log. */
import { ZCreateWebhookRequest, ZDeliveriesQuery } from "../../lib/schemas/webhooks";
import { readJson } from "../http/read-body";
import type { Router } from "../http/router";
import { validate } from "../http/validate";
import { requireStaff } from "../staff/require-staff";
import { createWebhook } from "../webhooks/create-webhook";
import { deleteWebhook } from "../webhooks/delete-webhook";
import { listWebhookDeliveries } from "../webhooks/list-webhook-deliveries";
import { listWebhooks } from "../webhooks/list-webhooks";
import type { ApiDeps } from "./api-routes";

export function registerWebhookRoutes(router: Router, deps: ApiDeps): void {
  router
    .on("GET", "/api/admin/webhooks", async ({ req }) => {
      requireStaff(req, "view");
      return { status: 200, body: await listWebhooks(deps) };
    })
    .on("POST", "/api/admin/webhooks", async ({ req }) => {
      requireStaff(req, "manage_webhooks");
      const input = validate(ZCreateWebhookRequest, await readJson(req));
      return { status: 201, body: await createWebhook(deps, input, { allowPrivate: deps.allowPrivateWebhooks }) };
    })
    .on("DELETE", "/api/admin/webhooks/:webhookId", async ({ req, params }) => {
      requireStaff(req, "manage_webhooks");
      await deleteWebhook(deps, params.webhookId ?? "");
      return { status: 200, body: { ok: true } };
    })
    .on("GET", "/api/admin/webhooks/:webhookId/deliveries", async ({ req, params, url }) => {
      requireStaff(req, "view");
      const query = validate(ZDeliveriesQuery, Object.fromEntries(url.searchParams));
      return { status: 200, body: await listWebhookDeliveries(deps, params.webhookId ?? "", query.limit) };
    });
}
