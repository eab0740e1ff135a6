"use client";
/** The tracking page's notification opt-ins (server/edge/api/notification-routes.ts), authorised by the token alone. */
import type { Locale } from "../i18n/locales";
import { callTrackingApi, trackingApiPath, type TCustomerApiResult } from "./customer-api";
import type { TNotificationSubscriptionResponse } from "../schemas/notifications";
import { NotificationSubscriptionShape } from "./answer-shapes";

export type TOptInResult = TCustomerApiResult<TNotificationSubscriptionResponse>;

const call = (method: string, path: string, body: unknown): Promise<TOptInResult> => callTrackingApi(method, path, body, (data) => NotificationSubscriptionShape.parse(data));

export const subscribePush = (token: string, subscription: PushSubscriptionJSON, locale: Locale) => call("POST", `${trackingApiPath(token)}/push`, { subscription, locale });
export const unsubscribePush = (token: string, endpoint: string) => call("DELETE", `${trackingApiPath(token)}/push?endpoint=${encodeURIComponent(endpoint)}`, undefined);
export const subscribeEmail = (token: string, email: string, locale: Locale) => call("POST", `${trackingApiPath(token)}/email`, { email, locale });
export const unsubscribeEmail = (token: string) => call("DELETE", `${trackingApiPath(token)}/email`, undefined);
