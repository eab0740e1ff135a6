/**
 * The customer's API, authorised by the tracking token in the path and nothing else: what the
 * page shows, delivery instructions and the delivery choice before delivery, a rating after it,
 * the proof's images.
 */
import { ZFeedbackRequest, ZInstructionsRequest } from "../../lib/schemas/customer";
import { ZDeliveryChoiceRequest } from "../../lib/schemas/delivery-choice";
import { setDeliveryChoice } from "../delivery-choices/set-delivery-choice";
import { getCustomerOrder } from "../customer/get-customer-order";
import { rateOrder } from "../customer/rate-order";
import { setInstructions } from "../customer/set-instructions";
import type { IncomingMessage } from "node:http";
import { TrackingLinkNotFound } from "../domain-errors";
import { sendDeliveryProofImage } from "../orders/send-delivery-proof-image";
import { readJson } from "../http/read-body";
import type { Router } from "../http/router";
import { validate } from "../http/validate";
import { findOrderIdByToken } from "../views/get-order-view";
import type { ApiDeps } from "./api-routes";
import { guardTrackingToken } from "./tracking-token-guard";

/** Small bodies only: a rating or a few lines of instructions. */
const CUSTOMER_BODY_LIMIT = 16 * 1024;

export function registerCustomerRoutes(router: Router, deps: ApiDeps): void {
  const { rateLimits } = deps;
  // Misses are counted per address by the guard; writes per token (each one is an event to the
  // driver and every webhook).
  const guarded = <T>(req: IncomingMessage, run: () => Promise<T>): Promise<T> => guardTrackingToken(rateLimits, req, run);

  router
    .on("GET", "/api/track/:token", async ({ req, params }) =>
      guarded(req, async () => {
        const order = await getCustomerOrder(deps, params.token ?? "");
        if (!order) throw new TrackingLinkNotFound();
        return { status: 200, body: order };
      }),
    )
    .on("PUT", "/api/track/:token/instructions", async ({ req, params }) =>
      guarded(req, async () => {
        const input = validate(ZInstructionsRequest, await readJson(req, CUSTOMER_BODY_LIMIT));
        rateLimits.enforce("customerWritesPerToken", params.token ?? "");
        return { status: 200, body: await setInstructions(deps, params.token ?? "", input) };
      }),
    )
    .on("PUT", "/api/track/:token/choice", async ({ req, params }) =>
      guarded(req, async () => {
        const input = validate(ZDeliveryChoiceRequest, await readJson(req, CUSTOMER_BODY_LIMIT));
        rateLimits.enforce("customerWritesPerToken", params.token ?? "");
        return { status: 200, body: await setDeliveryChoice(deps, params.token ?? "", input) };
      }),
    )
    .on("POST", "/api/track/:token/feedback", async ({ req, params }) =>
      guarded(req, async () => {
        const input = validate(ZFeedbackRequest, await readJson(req, CUSTOMER_BODY_LIMIT));
        rateLimits.enforce("customerWritesPerToken", params.token ?? "");
        return { status: 201, body: await rateOrder(deps, params.token ?? "", input) };
      }),
    )
    .on("GET", "/api/track/:token/proof/:kind", async ({ req, res, params }) => {
      const orderId = await guarded(req, async () => {
        const found = await findOrderIdByToken(deps.prisma, params.token ?? "");
        if (!found) throw new TrackingLinkNotFound();
        return found;
      });
      await sendDeliveryProofImage(res, deps.prisma, orderId, params.kind ?? "");
      return { status: 200, body: null };
    });
}
