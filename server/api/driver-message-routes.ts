/**
 * Staff ↔ driver messages: staff with "message" (admin and support) write to a driver from the
 * dashboard; the driver app reads its own messages and marks them read (the read receipt).
 */
import type { IncomingMessage } from "node:http";
import { DriverTokenCache } from "../auth/driver-token-cache";
import { bearerToken } from "../auth/tokens";
import { unauthorized } from "../http/api-error";
import { readJson } from "../http/read-body";
import type { Router } from "../http/router";
import { validate } from "../http/validate";
import { listDriverMessages } from "../messages/list-driver-messages";
import { markMessageRead } from "../messages/mark-message-read";
import { sendDriverMessage, type MessageAuthor } from "../messages/send-driver-message";
import { requireStaff, type SignedIn } from "../staff/require-staff";
import { MAX_DRIVER_MESSAGE_BODY_BYTES, ZSendDriverMessageRequest } from "../../lib/schemas/driver-messages";
import type { ApiDeps } from "./api-routes";

function authorOf(principal: SignedIn): MessageAuthor {
  const staff = principal.kind === "session" ? principal.session.staff : null;
  return staff ? { staffId: staff.id, name: staff.name } : { staffId: null, name: "Dispatch" };
}

export function registerDriverMessageRoutes(router: Router, deps: ApiDeps): void {
  const tokens = new DriverTokenCache(deps.prisma, deps.nc);
  const requireDriver = (req: IncomingMessage) => {
    const token = bearerToken(req.headers.authorization);
    if (!token) throw unauthorized("driver bearer token required");
    return tokens.authenticate(token);
  };

  router
    .on("GET", "/api/admin/drivers/:driverId/messages", async ({ req, params }) => {
      requireStaff(req, "view");
      return { status: 200, body: await listDriverMessages(deps, params.driverId ?? "", { requireDriver: true }) };
    })
    .on("POST", "/api/admin/drivers/:driverId/messages", async ({ req, params }) => {
      const principal = requireStaff(req, "message");
      const input = validate(ZSendDriverMessageRequest, await readJson(req, MAX_DRIVER_MESSAGE_BODY_BYTES));
      return { status: 201, body: await sendDriverMessage(deps, params.driverId ?? "", authorOf(principal), input) };
    })
    .on("GET", "/api/driver/messages", async ({ req }) => {
      const driver = await requireDriver(req);
      return { status: 200, body: await listDriverMessages(deps, driver.id, { requireDriver: false }) };
    })
    .on("POST", "/api/driver/messages/:messageId/read", async ({ req, params }) => {
      const driver = await requireDriver(req);
      return { status: 200, body: await markMessageRead(deps, driver.id, params.messageId ?? "") };
    });
}
