/** What every route of the API is given, and the router they register on. */
import type { CoreDeps } from "../../deps";
import type { RateLimits } from "../../platform/http/rate-limits";
import type { Router } from "../../platform/http/router";
import type { SubscriptionPolicy } from "../../features/notifications/notification-subscriptions";
import type { Grants } from "../security/access-gate";
import type { Access } from "../security/access-policy";

export interface ApiDeps extends CoreDeps {
  adminToken: string;
  /** Every limiter of the API (server/platform/http/rate-limits.ts), keyed with TRUST_PROXY in mind. */
  rateLimits: RateLimits;
  /** WEBHOOK_ALLOW_PRIVATE: webhooks may target loopback and private addresses. */
  allowPrivateWebhooks: boolean;
  /** No fix for longer than this and stops left: the driver is "silent" on the admin dashboard. */
  silentAfterMs?: number;
  /** PUBLIC_URL when set: tracking links in answers are absolute on it. */
  publicUrl?: string;
  /** GEOCODER_URL: the dashboard's address search. */
  geocoderUrl?: string;
  /** Customer notifications: whether email is on (SMTP_URL), and loopback push services (tests). */
  notifications?: SubscriptionPolicy;
  /** Orders from shops: each platform's webhook secret (unset: that route is off), SHOP_NAME. */
  shopIntegrations?: ShopIntegrationOptions;
}

/** The API's router: its checks come from the access policy (server/edge/security/access-policy.ts). */
export type ApiRouter = Router<Access, Grants>;

export interface ShopIntegrationOptions {
  /** SHOPIFY_WEBHOOK_SECRET: unset, the Shopify route is off (404). */
  shopifySecret?: string;
  /** WOOCOMMERCE_WEBHOOK_SECRET: unset, the WooCommerce route is off (404). */
  woocommerceSecret?: string;
  /** SHOP_NAME: who the customer's messages say the parcel is from. */
  shopName?: string;
  /**
   * How long a webhook waits for the geocoder before the order goes to "needs a location"
   * (Shopify gives up on a webhook after 5 s; this leaves room for everything else).
   */
  geocodeDeadlineMs?: number;
  /** SMS_DEFAULT_COUNTRY_CODE: the calling code (digits) of phone numbers a shop sends without one. */
  defaultCountryCode?: string;
}
