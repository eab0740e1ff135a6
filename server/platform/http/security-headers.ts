/**
 * Security headers on every response, pages and API alike: no framing, no MIME sniffing, no
 * Referer (tracking links carry their secret in the path), HSTS when served over https, and
 * on pages a Content-Security-Policy whose scripts need a per-request nonce. Next.js reads the
 * nonce from the request's own Content-Security-Policy header and puts it on every inline and
 * bundled script it renders (every page is dynamic: the root layout reads the request's headers).
 * `'unsafe-eval'` only in development, where React's tooling needs it.
 */
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

export interface SecurityHeaderOptions {
  isDevelopment?: boolean;
  /** PUBLIC_URL: HSTS is sent when it is https. */
  publicUrl?: string;
  /** TILE_URL: the map's image origin. */
  tileUrl?: string;
  /** BRAND_LOGO_URL: the tracking page header's logo (a same-origin path needs nothing more). */
  brandLogoUrl?: string;
}

export const BASE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "no-referrer",
  "Cross-Origin-Opener-Policy": "same-origin",
};

/** The origin pattern of a tile URL template (`https://{s}.tile.example/{z}/…` → `https://*.tile.example`). */
export function tileOrigin(tileUrl: string | undefined): string | null {
  if (!tileUrl) return null;
  const match = /^(https?:\/\/[^/]+)/i.exec(tileUrl.replace(/\{s\}/g, "*"));
  const origin = match?.[1] ?? null;
  return origin && /^[\w:/.*-]+$/.test(origin) ? origin : null;
}

/** The origin of an absolute http(s) logo URL, or null (a same-origin path, or nothing). */
export function logoOrigin(logoUrl: string | undefined): string | null {
  if (!logoUrl || !/^https?:\/\//i.test(logoUrl)) return null;
  try {
    const origin = new URL(logoUrl).origin;
    return /^https?:\/\/[\w.:[\]-]+$/.test(origin) ? origin : null;
  } catch {
    return null;
  }
}

export function contentSecurityPolicy(nonce: string, options: SecurityHeaderOptions): string {
  const imageOrigins = [...new Set([tileOrigin(options.tileUrl), logoOrigin(options.brandLogoUrl)].filter((origin): origin is string => origin !== null))];
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'${options.isDevelopment ? " 'unsafe-eval'" : ""}`,
    // Leaflet positions its panes with style attributes.
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${imageOrigins.map((origin) => ` ${origin}`).join("")}`,
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function createSecurityHeaders(options: SecurityHeaderOptions) {
  const isHttps = options.publicUrl?.startsWith("https://") ?? false;
  const base: Record<string, string> = { ...BASE_SECURITY_HEADERS };
  if (isHttps) base["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  return {
    /** Headers for an API response (JSON: no scripts, nothing to nonce). */
    applyToApi(res: ServerResponse): void {
      for (const [name, value] of Object.entries(base)) res.setHeader(name, value);
    },
    /** The same, into a header object a library writes itself (Socket.IO's long-polling and upgrade answers). */
    addToHeaders(headers: Record<string, string | string[] | undefined>): void {
      Object.assign(headers, base);
    },
    /** Headers for a page, and the nonce handed to Next.js through the request. */
    applyToPage(req: IncomingMessage, res: ServerResponse): void {
      for (const [name, value] of Object.entries(base)) res.setHeader(name, value);
      const policy = contentSecurityPolicy(randomBytes(16).toString("base64"), options);
      req.headers["content-security-policy"] = policy;
      res.setHeader("Content-Security-Policy", policy);
    },
  };
}
