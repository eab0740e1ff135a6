import type { z } from "zod";
import { badRequest } from "./api-error";

/** Parses input with a zod schema; failure is a 400 naming the first problems. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
    .join("; ");
  throw badRequest("invalid_request", problems);
}
