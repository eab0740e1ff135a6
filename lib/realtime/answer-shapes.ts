/**
 * How the tracking page reads its own server's answers, without zod in the customer's bundle
 * (zod is ~35 KB of the page's JavaScript compressed; the page's budget is 200 KB).
 *
 * The shapes are lib/schemas' (only their types are imported here: nothing of zod is bundled),
 * and the server checks a view against ZOrderView before it pushes it (server/pipeline/relay/relay.ts).
 * These checks keep honest what the client routes and merges on (order id, version, status,
 * sequences, the promise) and refuse anything that is not an object of that kind;
 * answer-shapes.test.ts proves they accept what the schemas accept and refuse what they refuse.
 */
import { ORDER_STATUSES } from "../domain/order-status";
import type { TCustomerOrder, TFeedback } from "../schemas/customer";
import type { TDeliveryChoice } from "../schemas/delivery-choice";
import type { TNotificationSubscriptionResponse } from "../schemas/notifications";
import type { TOrderView } from "../schemas/order-view";
import type { TTimelineEntry, TTimelinePage } from "../schemas/timeline";

export type Read<T> = { success: true; data: T } | { success: false };
type Fields = Record<string, unknown>;

const isRecord = (value: unknown): value is Fields => typeof value === "object" && value !== null && !Array.isArray(value);
const isInt = (value: unknown): value is number => Number.isInteger(value);
const isString = (value: unknown): value is string => typeof value === "string";
const isNullableString = (value: unknown) => value === null || isString(value);
const isNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

/** A reader with zod's two calls, so callers read like the schemas they stand for. */
function shape<T>(name: string, check: (fields: Fields) => boolean) {
  const safeParse = (data: unknown): Read<T> => (isRecord(data) && check(data) ? { success: true, data: data as T } : { success: false });
  return {
    safeParse,
    parse(data: unknown): T {
      const read = safeParse(data);
      if (!read.success) throw new Error(`unexpected ${name} from the server`);
      return read.data;
    },
  };
}

const isPoint = (value: unknown) => isRecord(value) && isNumber(value.lat) && isNumber(value.lng);

export const OrderViewShape = shape<TOrderView>(
  "order view",
  (view) =>
    isString(view.orderId) &&
    isInt(view.version) &&
    (ORDER_STATUSES as readonly unknown[]).includes(view.status) &&
    (view.stopsAway === null || (isInt(view.stopsAway) && view.stopsAway >= 0)) &&
    (view.eta === null || (isRecord(view.eta) && isString(view.eta.at) && isString(view.eta.earliest) && isString(view.eta.latest))) &&
    (view.driver === null || (isPoint(view.driver) && isString((view.driver as Fields).at))) &&
    isPoint(view.destination) &&
    isString(view.statusAt) &&
    isString(view.updatedAt),
);

const isEntry = (entry: unknown) => isRecord(entry) && isInt(entry.seq) && entry.seq > 0 && isString(entry.at) && isString(entry.kind) && isNullableString(entry.note);

export const TimelineEntryShape = shape<TTimelineEntry>("timeline entry", isEntry);

export const TimelinePageShape = shape<TTimelinePage>("timeline page", (page) => Array.isArray(page.entries) && page.entries.every(isEntry) && isInt(page.lastSeq) && page.lastSeq >= 0);

export const DeliveryChoiceShape = shape<TDeliveryChoice>("delivery choice", (choice) => isString(choice.kind) && isString(choice.chosenAt) && isNullableString(choice.acceptedAt));

export const FeedbackShape = shape<TFeedback>("feedback", (feedback) => isInt(feedback.rating) && isNullableString(feedback.comment) && isString(feedback.createdAt));

export const CustomerOrderShape = shape<TCustomerOrder>(
  "order",
  (order) =>
    OrderViewShape.safeParse(order.view).success &&
    TimelinePageShape.safeParse(order.timeline).success &&
    isNullableString(order.instructions) &&
    (order.choice === null || DeliveryChoiceShape.safeParse(order.choice).success) &&
    isNullableString(order.finishedAt) &&
    (order.feedback === null || FeedbackShape.safeParse(order.feedback).success) &&
    (order.proof === null || isRecord(order.proof)) &&
    isRecord(order.promise) &&
    isNullableString(order.promise.dueAt) &&
    isNullableString(order.promise.firstLatest),
);

export const NotificationSubscriptionShape = shape<TNotificationSubscriptionResponse>(
  "subscription",
  (answer) => (answer.channel === "push" || answer.channel === "email") && typeof answer.isSubscribed === "boolean",
);
