/**
 * The driver's sign-in, kept across reloads in localStorage: the token and the last known
 * day (so the app opens with the route even when it starts offline).
 */
import { ZDriverDay, type TDriverDay } from "../schemas/driver";

const TOKEN_KEY = "lastmile.driver.token";
const DAY_KEY = "lastmile.driver.day";

export function readToken(): string | null {
  return localStorage.getItem(TOKEN_KEY);
}

export function saveToken(token: string): void {
  localStorage.setItem(TOKEN_KEY, token.trim());
}

export function readCachedDay(): TDriverDay | null {
  try {
    const parsed = ZDriverDay.safeParse(JSON.parse(localStorage.getItem(DAY_KEY) ?? "null"));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function saveCachedDay(day: TDriverDay): void {
  localStorage.setItem(DAY_KEY, JSON.stringify(day));
}

export function clearSession(): void {
  localStorage.removeItem(TOKEN_KEY);
  localStorage.removeItem(DAY_KEY);
}

/** A `?token=` sign-in link (the admin's QR code): take the token and drop it from the address bar. */
export function takeTokenFromUrl(): string | null {
  const url = new URL(window.location.href);
  const token = url.searchParams.get("token");
  if (!token) return null;
  url.searchParams.delete("token");
  window.history.replaceState(null, "", url.pathname + url.search + url.hash);
  return token;
}

export type FetchDayResult = { ok: true; day: TDriverDay } | { ok: false; reason: "unauthorized" | "offline" | "error"; message: string; status: number | "network-error" };

export async function fetchDay(token: string): Promise<FetchDayResult> {
  try {
    const response = await fetch("/api/driver/me", { headers: { Authorization: `Bearer ${token}` }, cache: "no-store" });
    if (response.status === 401) return { ok: false, reason: "unauthorized", message: "This sign-in code is not valid (or was replaced).", status: 401 };
    if (!response.ok) return { ok: false, reason: "error", message: `The server answered ${response.status}.`, status: response.status };
    const parsed = ZDriverDay.safeParse(await response.json());
    return parsed.success ? { ok: true, day: parsed.data } : { ok: false, reason: "error", message: "Unexpected answer from the server.", status: response.status };
  } catch {
    return { ok: false, reason: "offline", message: "No connection.", status: "network-error" };
  }
}
