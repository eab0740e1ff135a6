import type { IncomingMessage } from "node:http";
import type { PrismaClient } from "../../generated/prisma/client";
import { ZOsmandParams, ZTraccarJson, type TTrackerReport } from "../../lib/schemas/osmand";
import { ApiError, badRequest } from "../http/api-error";
import { readBody } from "../http/read-body";
import { validate } from "../http/validate";

/**
 * Reads a tracker app's report from wherever the protocol puts it: the JSON body, a form body,
 * or the query string (OsmAnd sends an empty POST with everything in the URL).
 */
export async function readTrackerReport(req: IncomingMessage, url: URL): Promise<TTrackerReport> {
  const body = req.method === "POST" ? await readBody(req, 64 * 1024) : Buffer.alloc(0);
  const contentType = req.headers["content-type"] ?? "";
  const text = body.toString("utf8").trim();
  if (contentType.includes("application/json") || text.startsWith("{")) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw badRequest("invalid_json", "request body is not valid JSON");
    }
    return validate(ZTraccarJson, json);
  }
  const params = Object.fromEntries(url.searchParams);
  if (text) Object.assign(params, Object.fromEntries(new URLSearchParams(text)));
  return validate(ZOsmandParams, params);
}

export async function findDriverByTrackerId(prisma: PrismaClient, trackerId: string): Promise<{ id: string }> {
  const driver = await prisma.driver.findUnique({ where: { trackerId }, select: { id: true } });
  if (!driver) throw new ApiError(404, "unknown_device", `no driver has trackerId "${trackerId}"`);
  return driver;
}
