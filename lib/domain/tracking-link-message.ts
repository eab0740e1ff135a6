/**
 * The tracking link sent to a shop's customer when the order goes out for delivery
 * (docs/integrations.md "Tracking link by email and SMS"). Pure: which channels the operator
 * turned on, phone numbers in E.164 for SMS, and the texts.
 */

export const TRACKING_LINK_CHANNELS = ["email", "sms"] as const;
export type TrackingLinkChannel = (typeof TRACKING_LINK_CHANNELS)[number];

/**
 * SEND_TRACKING_LINK: `off` (default), or a comma-separated list of `email` and `sms`.
 * Returns the channels, or an error message naming what is wrong.
 */
export function parseTrackingLinkChannels(value: string | undefined): { channels: TrackingLinkChannel[] } | { error: string } {
  const text = (value ?? "off").trim().toLowerCase();
  if (text === "" || text === "off" || text === "none" || text === "0") return { channels: [] };
  const parts = text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  const unknown = parts.filter((part) => !(TRACKING_LINK_CHANNELS as readonly string[]).includes(part));
  if (unknown.length > 0) return { error: `unknown channel ${unknown.map((part) => `"${part}"`).join(", ")}: use off, email, sms or email,sms` };
  return { channels: [...new Set(parts)] as TrackingLinkChannel[] };
}

/**
 * A phone number in E.164 (`+<country><number>`, 8 to 15 digits), or null when it cannot be one.
 * Spaces, dots, dashes and parentheses are dropped; `00` is read as `+`. A number without a
 * country code is national: it gets `defaultCountryCode` (SMS_DEFAULT_COUNTRY_CODE, digits only)
 * after its trunk `0` is dropped, or is refused when none is configured. Letters are refused
 * ("555-555-SHIP" is not a number an SMS can reach).
 */
export function toE164(phone: string, defaultCountryCode?: string): string | null {
  const compact = phone.replace(/[\s().-]/g, "");
  let international: string;
  if (/^\+\d+$/.test(compact)) international = compact;
  else if (/^00\d+$/.test(compact)) international = `+${compact.slice(2)}`;
  else if (/^\d+$/.test(compact) && defaultCountryCode && /^\d{1,3}$/.test(defaultCountryCode)) international = `+${defaultCountryCode}${compact.replace(/^0/, "")}`;
  else return null;
  return /^\+[1-9]\d{7,14}$/.test(international) ? international : null;
}

export interface TrackingLinkTexts {
  emailSubject: string;
  emailBody: string;
  sms: string;
}

/** The message in English or Spanish; `sender` is the shop (or the operator's brand) when known, `orderNumber` the shop's. */
export function trackingLinkTexts(locale: "en" | "es", input: { sender: string | null; orderNumber: string | null; url: string; optOutUrl: string }): TrackingLinkTexts {
  const { sender, orderNumber, url, optOutUrl } = input;
  if (locale === "es") {
    const what = orderNumber ? `Tu pedido ${orderNumber}` : "Tu pedido";
    const from = sender ? ` de ${sender}` : "";
    return {
      emailSubject: `${what}${from} está en reparto`,
      emailBody: `${what}${from} está en reparto. Síguelo aquí:\n${url}\n\n--\n¿No quieres recibir más enlaces de seguimiento? ${optOutUrl}\n`,
      sms: `${what}${from} está en reparto: ${url} Responde STOP para no recibir más.`,
    };
  }
  const what = orderNumber ? `Your order ${orderNumber}` : "Your order";
  const from = sender ? ` from ${sender}` : "";
  return {
    emailSubject: `${what}${from} is out for delivery`,
    emailBody: `${what}${from} is out for delivery. Follow it here:\n${url}\n\n--\nNo more tracking links? ${optOutUrl}\n`,
    sms: `${what}${from} is out for delivery: ${url} Reply STOP to opt out.`,
  };
}
