"use client";
/**
 * The dashboard's HTTP client: same-origin fetches with the session cookie, and the CSRF token
 * (from the session) on every write. Every answer is parsed with its response schema
 * (lib/schemas/), never cast: a field the server stopped sending is an error here, not a blank
 * on screen. Errors arrive as the API's `{ error: { code, message } }`.
 */
import type { z } from "zod";
import type { Locale } from "../i18n/locales";
import type { TSession } from "../schemas/admin";
import { toStaffSentence } from "./staff-message";

export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
/** The language failures are said in: the dashboard's, set by its shell (components/admin/admin-app.tsx). */
let failureLocale: Locale = "en";

export function rememberLocale(locale: Locale): void {
  failureLocale = locale;
}

export function currentLocale(): Locale {
  return failureLocale;
}

export function rememberSession(session: Pick<TSession, "csrfToken"> | null): void {
  csrfToken = session?.csrfToken ?? null;
}

export async function adminFetch<S extends z.ZodType>(schema: S, method: string, path: string, body?: unknown, contentType = "application/json"): Promise<z.output<S>> {
  const headers: Record<string, string> = {};
  if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;
  let payload: string | undefined;
  if (body !== undefined) {
    headers["content-type"] = contentType;
    payload = typeof body === "string" ? body : JSON.stringify(body);
  }
  const response = await fetch(path, { method, headers, body: payload, credentials: "same-origin", cache: "no-store" });
  const data = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const error = (data as { error?: { code?: string; message?: string } } | null)?.error;
    throw new AdminApiError(response.status, error?.code ?? "http_error", error?.message ?? `HTTP ${response.status}`);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new AdminApiError(response.status, "unexpected_response", `Unexpected answer from ${method} ${path.split("?")[0]}: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  }
  return parsed.data;
}

/** A failure as staff read it: a sentence, never a raw code or "Failed to fetch" (staff-message.ts). */
export function errorMessage(error: unknown, locale: Locale = failureLocale): string {
  if (error instanceof AdminApiError) return toStaffSentence({ message: error.message, code: error.code, status: error.status }, locale);
  return toStaffSentence({ message: error instanceof Error ? error.message : String(error) }, locale);
}
