/**
 * Who the tracking page speaks for: the operator's brand (BRAND_NAME, BRAND_LOGO_URL,
 * BRAND_COLOR), the order's sender, and how to reach someone. Pure.
 */

/** Shown when BRAND_NAME is not set. */
export const DEFAULT_BRAND_NAME = "Lastmile";
/** The header's colour when BRAND_COLOR is not set (the apps' own blue, --accent). */
export const DEFAULT_BRAND_COLOR = "#0b5cad";

const DARK_TEXT = "#111111";
const LIGHT_TEXT = "#ffffff";
/** WCAG AA for normal text. */
export const MIN_TEXT_CONTRAST = 4.5;

/** "#abc" or "#aabbcc" (case-insensitive), as BRAND_COLOR must be. */
export function isHexColor(value: string): boolean {
  return /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(value);
}

function channels(hex: string): [number, number, number] {
  const digits = hex.slice(1);
  const full = digits.length === 3 ? [...digits].map((digit) => digit + digit).join("") : digits;
  return [0, 2, 4].map((start) => parseInt(full.slice(start, start + 2), 16)) as [number, number, number];
}

/** WCAG 2 relative luminance of a hex colour. */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = channels(hex).map((channel) => {
    const value = channel / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio between two hex colours (1–21). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** The text colour (white or near-black) that reads best on `background`. */
export function textColorOn(background: string): string {
  return contrastRatio(background, LIGHT_TEXT) >= contrastRatio(background, DARK_TEXT) ? LIGHT_TEXT : DARK_TEXT;
}

export interface Brand {
  name: string;
  /** An http(s) URL or a same-origin path ("/logo.svg"), or null for the built-in mark. */
  logoUrl: string | null;
  /** The header's background. */
  color: string;
  /** The header's text: white or near-black, whichever contrasts more with `color`. */
  textColor: string;
}

export function resolveBrand(config: { name?: string | null; logoUrl?: string | null; color?: string | null }): Brand {
  const color = config.color && isHexColor(config.color) ? config.color.toLowerCase() : DEFAULT_BRAND_COLOR;
  return { name: config.name?.trim() || DEFAULT_BRAND_NAME, logoUrl: config.logoUrl || null, color, textColor: textColorOn(color) };
}

export interface ContactLine {
  phone: string | null;
  email: string | null;
  /** Whose contact it is: the order's sender, or the deployment's support. */
  source: "sender" | "support";
}

/**
 * How the customer reaches someone: the order's sender (its phone and/or email) when the order
 * carries either, else the deployment's SUPPORT_PHONE / SUPPORT_EMAIL; null when there is neither.
 */
export function contactLineFor(order: { senderPhone: string | null; senderEmail: string | null }, support: { phone: string | null; email: string | null }): ContactLine | null {
  if (order.senderPhone || order.senderEmail) return { phone: order.senderPhone, email: order.senderEmail, source: "sender" };
  if (support.phone || support.email) return { phone: support.phone, email: support.email, source: "support" };
  return null;
}
