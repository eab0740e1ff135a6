/**
 * The admin order detail's own routes: a new tracking link, the customer's delivery choice (and
 * accepting a reschedule request), and how the delivery ended (proof, rating).
 */
import { acceptReschedule } from "../../features/delivery-choices/accept-reschedule";
import { getOrderChoice } from "../../features/delivery-choices/get-order-choice";
import { getOrderDelivery } from "../../features/dispatch/get-order-delivery";
import { OrderNotFound } from "../../platform/domain-errors";
import { regenerateTrackingLink } from "../../features/orders/regenerate-tracking-link";
import { replaceKeptTrackingLink } from "../../features/integrations/keep-tracking-link";
import { withPublicTrackingUrl } from "./public-tracking-url";
import { sendDeliveryProofImage } from "../../features/orders/send-delivery-proof-image";
import type { ApiDeps, ApiRouter } from "./api-deps";

export function registerOrderAdminRoutes(router: ApiRouter, deps: ApiDeps): void {
  router
    .on("POST /api/admin/orders/:orderId/tracking-link", async ({ params }) => {
      const regenerated = await regenerateTrackingLink(deps, params.orderId ?? "");
      await replaceKeptTrackingLink(deps, regenerated.orderId, regenerated.trackingUrl);
      return { status: 201, body: withPublicTrackingUrl(regenerated, deps.publicUrl) };
    })
    .on("GET /api/admin/orders/:orderId/choice", async ({ params }) => {
      return { status: 200, body: await getOrderChoice(deps, params.orderId ?? "") };
    })
    .on("POST /api/admin/orders/:orderId/reschedule/accept", async ({ params }) => {
      return { status: 200, body: await acceptReschedule(deps, params.orderId ?? "") };
    })
    .on("GET /api/admin/orders/:orderId/delivery", async ({ params }) => {
      return { status: 200, body: await getOrderDelivery(deps, params.orderId ?? "") };
    })
    .on("GET /api/admin/orders/:orderId/proof/:kind", async ({ res, params }) => {
      const orderId = params.orderId ?? "";
      const order = await deps.prisma.order.findUnique({ where: { id: orderId }, select: { id: true } });
      if (!order) throw new OrderNotFound(orderId);
      await sendDeliveryProofImage(res, deps.prisma, orderId, params.kind ?? "");
      return { status: 200, body: null };
    });
}
