import type { IncomingMessage } from "node:http";
import { ZOsmandParams, ZTraccarJson, type TTrackerReport } from "../../../lib/schemas/osmand";
import { InvalidInput } from "../../platform/domain-errors";
import { readText } from "../../platform/http/read-body";
import { rejectUnsafeText } from "../../platform/http/text-hygiene";
import { validate } from "../../platform/http/validate";

/** One report is a few hundred bytes; this leaves room for any tracker's extra fields. */
const MAX_REPORT_BYTES = 64 * 1024;

/**
 * Reads a tracker app's report from wherever the protocol puts it: the JSON body, a form body,
 * or the query string (OsmAnd sends an empty POST with everything in the URL).
 */
export async function readTrackerReport(req: IncomingMessage, url: URL): Promise<TTrackerReport> {
  const text = (req.method === "POST" ? await readText(req, MAX_REPORT_BYTES) : "").trim();
  const contentType = req.headers["content-type"] ?? "";
  if (contentType.includes("application/json") || text.startsWith("{")) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new InvalidInput("invalid_json", "request body is not valid JSON");
    }
    rejectUnsafeText(json, "the request body");
    return validate(ZTraccarJson, json);
  }
  const params = Object.fromEntries(url.searchParams);
  if (text) Object.assign(params, Object.fromEntries(new URLSearchParams(text)));
  rejectUnsafeText(params, "the report");
  return validate(ZOsmandParams, params);
}
