/**
 * The customer's API, authorised by the tracking token in the path and nothing else: what the
 * page shows, delivery instructions and the delivery choice before delivery, a rating after it,
 * the proof's images.
 */
import { ZFeedbackRequest, ZInstructionsRequest } from "../../../lib/schemas/customer";
import { ZDeliveryChoiceRequest } from "../../../lib/schemas/delivery-choice";
import { setDeliveryChoice } from "../../features/delivery-choices/set-delivery-choice";
import { getCustomerOrder } from "../../features/customer/get-customer-order";
import { rateOrder } from "../../features/customer/rate-order";
import { setInstructions } from "../../features/customer/set-instructions";
import { TrackingLinkNotFound } from "../../platform/domain-errors";
import { sendDeliveryProofImage } from "../../features/orders/send-delivery-proof-image";
import { readJson } from "../../platform/http/read-body";
import { validate } from "../../platform/http/validate";
import type { ApiDeps, ApiRouter } from "./api-deps";

/** Small bodies only: a rating or a few lines of instructions. */
const CUSTOMER_BODY_LIMIT = 16 * 1024;

/**
 * Unknown tokens are a 404 counted per address by the gate (access-policy.ts "trackingToken");
 * writes are counted per token (each one is an event to the driver and every webhook).
 */
export function registerCustomerRoutes(router: ApiRouter, deps: ApiDeps): void {
  const { rateLimits } = deps;

  router
    .on("GET /api/track/:token", async ({ token }) => {
      const order = await getCustomerOrder(deps, token);
      if (!order) throw new TrackingLinkNotFound();
      return { status: 200, body: order };
    })
    .on("PUT /api/track/:token/instructions", async ({ req, token }) => {
      const input = validate(ZInstructionsRequest, await readJson(req, CUSTOMER_BODY_LIMIT));
      rateLimits.enforce("customerWritesPerToken", token);
      return { status: 200, body: await setInstructions(deps, token, input) };
    })
    .on("PUT /api/track/:token/choice", async ({ req, token }) => {
      const input = validate(ZDeliveryChoiceRequest, await readJson(req, CUSTOMER_BODY_LIMIT));
      rateLimits.enforce("customerWritesPerToken", token);
      return { status: 200, body: await setDeliveryChoice(deps, token, input) };
    })
    .on("POST /api/track/:token/feedback", async ({ req, token }) => {
      const input = validate(ZFeedbackRequest, await readJson(req, CUSTOMER_BODY_LIMIT));
      rateLimits.enforce("customerWritesPerToken", token);
      return { status: 201, body: await rateOrder(deps, token, input) };
    })
    .on("GET /api/track/:token/proof/:kind", async ({ res, params, orderId }) => {
      await sendDeliveryProofImage(res, deps.prisma, orderId, params.kind ?? "");
      return { status: 200, body: null };
    });
}
