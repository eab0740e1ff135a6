import type { IncomingMessage } from "node:http";
import { ApiError, badRequest } from "./api-error";
import { rejectUnsafeText } from "./text-hygiene";

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
