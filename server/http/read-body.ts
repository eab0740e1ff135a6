import type { IncomingMessage } from "node:http";
import { ApiError, badRequest } from "./api-error";

const DEFAULT_LIMIT_BYTES = 1024 * 1024;

export async function readBody(req: IncomingMessage, limitBytes = DEFAULT_LIMIT_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) throw new ApiError(413, "payload_too_large", `request body is larger than ${limitBytes} bytes`, { Connection: "close" });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The body as JSON, or a 400 that says what is wrong. */
export async function readJson(req: IncomingMessage, limitBytes?: number): Promise<unknown> {
  const raw = await readBody(req, limitBytes);
  if (raw.length === 0) throw badRequest("invalid_json", "request body is empty; expected JSON");
  try {
    return JSON.parse(raw.toString("utf8")) as unknown;
  } catch {
    throw badRequest("invalid_json", "request body is not valid JSON");
  }
}
