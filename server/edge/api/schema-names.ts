/**
 * The name of every exported zod schema in lib/schemas (`ZCustomerOrder` → `CustomerOrder`):
 * the OpenAPI document gives these schemas a component of that name.
 */
import type { z } from "zod";
import * as admin from "../../../lib/schemas/admin";
import * as adminResponses from "../../../lib/schemas/admin-responses";
import * as api from "../../../lib/schemas/api";
import * as apiAnswers from "../../../lib/schemas/api-answers";
import * as customer from "../../../lib/schemas/customer";
import * as deliveryChoice from "../../../lib/schemas/delivery-choice";
import * as driver from "../../../lib/schemas/driver";
import * as driverMessages from "../../../lib/schemas/driver-messages";
import * as driverTrack from "../../../lib/schemas/driver-track";
import * as etaScoreboard from "../../../lib/schemas/eta-scoreboard";
import * as insight from "../../../lib/schemas/insight";
import * as integrations from "../../../lib/schemas/integrations";
import * as notifications from "../../../lib/schemas/notifications";
import * as orderAdmin from "../../../lib/schemas/order-admin";
import * as orderHistory from "../../../lib/schemas/order-history";
import * as osmand from "../../../lib/schemas/osmand";
import * as webhooks from "../../../lib/schemas/webhooks";

const MODULES: readonly Record<string, unknown>[] = [
  admin,
  adminResponses,
  api,
  apiAnswers,
  customer,
  deliveryChoice,
  driver,
  driverMessages,
  driverTrack,
  etaScoreboard,
  insight,
  integrations,
  notifications,
  orderAdmin,
  orderHistory,
  osmand,
  webhooks,
];

export function schemaNames(): Map<z.ZodType, string> {
  const names = new Map<z.ZodType, string>();
  for (const schemas of MODULES) {
    for (const [exported, value] of Object.entries(schemas)) {
      if (/^Z[A-Z]/.test(exported) && typeof value === "object" && value !== null && "safeParse" in value && !names.has(value as z.ZodType)) {
        names.set(value as z.ZodType, exported.slice(1));
      }
    }
  }
  return names;
}
