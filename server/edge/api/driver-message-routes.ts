/**
 * Staff ↔ driver messages: staff with "message" (admin and support) write to a driver from the
 * dashboard; the driver app reads its own messages and marks them read (the read receipt).
 */
import { readJson } from "../../platform/http/read-body";
import { validate } from "../../platform/http/validate";
import { listDriverMessages } from "../../features/messages/list-driver-messages";
import { markMessageRead } from "../../features/messages/mark-message-read";
import { sendDriverMessage, type MessageAuthor } from "../../features/messages/send-driver-message";
import type { SignedIn } from "../../features/staff/require-staff";
import { MAX_DRIVER_MESSAGE_BODY_BYTES, ZSendDriverMessageRequest } from "../../../lib/schemas/driver-messages";
import type { ApiDeps, ApiRouter } from "./api-deps";

function authorOf(principal: SignedIn): MessageAuthor {
  const staff = principal.kind === "session" ? principal.session.staff : null;
  return staff ? { staffId: staff.id, name: staff.name } : { staffId: null, name: "Dispatch" };
}

export function registerDriverMessageRoutes(router: ApiRouter, deps: ApiDeps): void {
  router
    .on("GET /api/admin/drivers/:driverId/messages", async ({ params }) => {
      return { status: 200, body: await listDriverMessages(deps, params.driverId ?? "", { requireDriver: true }) };
    })
    .on("POST /api/admin/drivers/:driverId/messages", async ({ req, params, staff }) => {
      const input = validate(ZSendDriverMessageRequest, await readJson(req, MAX_DRIVER_MESSAGE_BODY_BYTES));
      return { status: 201, body: await sendDriverMessage(deps, params.driverId ?? "", authorOf(staff), input) };
    })
    .on("GET /api/driver/messages", async ({ driver }) => {
      return { status: 200, body: await listDriverMessages(deps, driver.id, { requireDriver: false }) };
    })
    .on("POST /api/driver/messages/:messageId/read", async ({ driver, params }) => {
      return { status: 200, body: await markMessageRead(deps, driver.id, params.messageId ?? "") };
    });
}
