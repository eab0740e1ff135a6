/**
 * Text that PostgreSQL cannot store and no client means to send: NUL characters and lone UTF-16
 * surrogates. Refused at the edge (path, query, JSON and form bodies) as a 400, so no handler
 * ever meets one and no database error turns it into a 500.
 */
import { badRequest } from "./api-error";

const UNSAFE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Deeper than any body we accept; a deeper one is refused rather than walked. */
const MAX_DEPTH = 64;

export function isUnsafeText(text: string): boolean {
  return UNSAFE_TEXT.test(text);
}

/** Throws 400 `invalid_text` when any string in `value` (keys too) holds NUL or a lone surrogate. */
export function rejectUnsafeText(value: unknown, where: string): void {
  if (containsUnsafeText(value, 0)) throw badRequest("invalid_text", `${where} contains a NUL character or an unpaired surrogate`);
}

function containsUnsafeText(value: unknown, depth: number): boolean {
  if (depth > MAX_DEPTH) return true;
  if (typeof value === "string") return isUnsafeText(value);
  if (Array.isArray(value)) return value.some((item) => containsUnsafeText(item, depth + 1));
  if (value && typeof value === "object") {
    return Object.entries(value).some(([key, item]) => isUnsafeText(key) || containsUnsafeText(item, depth + 1));
  }
  return false;
}
