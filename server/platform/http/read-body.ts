import type { IncomingMessage } from "node:http";
import { ApiError, badRequest } from "./api-error";
import { exceedsJsonDepth } from "./json-depth";
import { rejectUnsafeText } from "./text-hygiene";

/**
 * What a route reads unless it says otherwise: its body is a few fields. Routes that carry more
 * (a batch of fixes, a route, a proof photo, an import) name their own limit beside their schema.
 * An anonymous megabyte parsed per request stalled live tracking for everyone.
 */
export const DEFAULT_BODY_LIMIT_BYTES = 16 * 1024;
/** Deeper than any request schema nests (they nest three or four levels). */
export const MAX_JSON_DEPTH = 16;

function payloadTooLarge(limitBytes: number): ApiError {
  // Connection: close, so the rest of an oversize body is not read on this connection.
  return new ApiError(413, "payload_too_large", `request body is larger than ${limitBytes} bytes`, { Connection: "close" });
}

export async function readBody(req: IncomingMessage, limitBytes = DEFAULT_BODY_LIMIT_BYTES): Promise<Buffer> {
  // A declared length over the limit is refused before a byte of it is read.
  if (Number(req.headers["content-length"] ?? 0) > limitBytes) throw payloadTooLarge(limitBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) throw payloadTooLarge(limitBytes);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The body as JSON, or a 400 that says what is wrong. */
export async function readJson(req: IncomingMessage, limitBytes?: number): Promise<unknown> {
  return parseJsonBody(await readBody(req, limitBytes));
}

/** Bytes already read (a signed webhook's, verified first) as JSON, checked as readJson checks a body. */
export function parseJsonBody(raw: Buffer): unknown {
  if (raw.length === 0) throw badRequest("invalid_json", "request body is empty; expected JSON");
  if (exceedsJsonDepth(raw, MAX_JSON_DEPTH)) throw badRequest("invalid_json", `request body nests deeper than ${MAX_JSON_DEPTH} levels`);
  let json: unknown;
  try {
    json = JSON.parse(raw.toString("utf8")) as unknown;
  } catch {
    throw badRequest("invalid_json", "request body is not valid JSON");
  }
  rejectUnsafeText(json, "the request body");
  return json;
}

/** The body as UTF-8 text (a CSV file, a form), refusing NUL characters. */
export async function readText(req: IncomingMessage, limitBytes?: number): Promise<string> {
  const text = (await readBody(req, limitBytes)).toString("utf8");
  rejectUnsafeText(text, "the request body");
  return text;
}
