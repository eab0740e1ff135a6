/**
 * Sends customer notifications from two DURABLE JetStream consumers shared by every process
 * (each message goes to one of them; a restart resumes where the consumer stands):
 * - `notifications` on ORDERS: out for delivery, N stops away and arriving (the tracker's
 *   `order.progress` events), arriving, delivered and failed (status changes). Durable and
 *   ordered per order; an event is acknowledged once every recipient has its notification.
 * - `notifications-late` on ORDER_VIEWS: running late, which only the views know (the ETA
 *   against the promised time). Lateness is a state every later view repeats, so a view is
 *   only decoded for orders with a promised time and a subscriber (refreshed every few seconds).
 * Sending at most once per recipient is deliver-notifications.ts's claim in the database; the
 * bound on tries per recipient is there too. Nothing is retried without end: an event whose
 * handling keeps throwing (the database is down) is given up after the retry policy's attempts.
 * Subscriptions end with the event that finishes the order, once its notifications went out or
 * were given up on; a sweep at start-up and every `sweepEveryMs` removes any a finished order
 * left behind (finished longer ago than `sweepAfterMs`).
 */
import type { JsMsg } from "@nats-io/jetstream";
import { consumeConcurrently } from "../../platform/backbone/consume-concurrently";
import { ensureDurableConsumer } from "../../platform/backbone/durable-consumer";
import { endsSubscriptions, isRunningLate, notificationsForEvent } from "../../../lib/domain/notification-triggers";
import { DEFAULT_RETRY_POLICY, isLastAttempt, retryDelayMs, type RetryPolicy } from "../../../lib/domain/webhook-retry";
import { ZOrderEvent } from "../../../lib/schemas/events";
import { ZOrderView } from "../../../lib/schemas/order-view";
import { parseJsonOrNull } from "../../platform/backbone/parse-json";
import { APP_DURABLES, STREAMS, subjects, subjectId } from "../../platform/backbone/subjects";
import type { CoreDeps } from "../../deps";
import { deliverNotifications, endSubscriptions, sweepEndedSubscriptions, type NotifierConfig } from "./deliver-notifications";
import { deliverTrackingLink } from "./deliver-tracking-link";
import { countMalformed } from "../../platform/observability/malformed-messages";

export interface NotificationDispatcherOptions {
  /** Durable consumer names; tests use their own. */
  eventsConsumer?: string;
  viewsConsumer?: string;
  retry?: RetryPolicy;
  /** How often the set of late-notifiable orders is re-read. */
  refreshMs?: number;
  /** How often subscriptions finished orders left behind are swept (and once at start-up). */
  sweepEveryMs?: number;
  /** A finished order's subscriptions are swept once it finished this long ago: longer than the retries of its last notification. */
  sweepAfterMs?: number;
  log?: (message: string, error?: unknown) => void;
}

export interface NotificationDispatcher {
  stop(): Promise<void>;
}

const CONCURRENCY = 8;
const SWEEP_EVERY_MS = 5 * 60_000;
/** The default retry policy spends about 17 minutes on a notification (2 s doubling to 512 s, 10 tries): 30 minutes covers it. */
const SWEEP_AFTER_MS = 30 * 60_000;

/**
 * Handles messages with bounded concurrency, one order's messages after each other (so its
 * notifications go out in the order things happened, and an expired push subscription is
 * dropped before the next one); a throw (the database is down) is a delayed retry.
 */
function consume(
  deps: CoreDeps,
  stream: string,
  name: string,
  handle: (message: JsMsg) => Promise<void>,
  retry: RetryPolicy,
  log: (message: string, error?: unknown) => void,
): Promise<{ stop(): Promise<void> }> {
  return consumeConcurrently(deps.js, stream, name, handle, {
    concurrency: CONCURRENCY,
    keyOf: (message) => subjectId(message.subject),
    onError(message, error) {
      if (isLastAttempt(message.info.deliveryCount, retry)) {
        log(`${name}: message ${message.seq} failed ${message.info.deliveryCount} times; giving up`, error);
        message.term();
        return;
      }
      log(`${name}: message ${message.seq} failed; retrying`, error);
      message.nak(retryDelayMs(message.info.deliveryCount, retry));
    },
  });
}

export async function startNotificationDispatcher(deps: CoreDeps, config: NotifierConfig, options: NotificationDispatcherOptions = {}): Promise<NotificationDispatcher> {
  const log = options.log ?? ((message, error) => console.error(`[notifications] ${message}`, error ?? ""));
  const retry = options.retry ?? DEFAULT_RETRY_POLICY;
  const eventsName = options.eventsConsumer ?? APP_DURABLES.notifications;
  const viewsName = options.viewsConsumer ?? APP_DURABLES.notificationsLate;
  await ensureDurableConsumer(deps.jsm, STREAMS.orders, eventsName, subjects.allOrderEvents);
  await ensureDurableConsumer(deps.jsm, STREAMS.orderViews, viewsName, subjects.allOrderViews);

  const finishRound = (message: JsMsg, round: "done" | "retry", what: string) => {
    if (round === "done") return message.ack();
    if (isLastAttempt(message.info.deliveryCount, retry)) {
      log(`giving up on ${what} after ${message.info.deliveryCount} attempts`);
      return message.ack();
    }
    message.nak(retryDelayMs(message.info.deliveryCount, retry));
  };

  const onOrderEvent = async (message: JsMsg): Promise<void> => {
    const parsed = ZOrderEvent.safeParse(parseJsonOrNull(message.string()));
    if (!parsed.success) {
      log(`skipping malformed order event ${message.seq}`, parsed.error.message);
      countMalformed("notifications", "order_event");
      return message.ack();
    }
    const event = parsed.data;
    const triggers = notificationsForEvent(event, config.notifyStopsAway);
    const isLast = isLastAttempt(message.info.deliveryCount, retry);
    message.working();
    const subscribed = await deliverNotifications(deps.prisma, config, event.orderId, triggers, message.time, isLast, retry.maxAttempts);
    // Out for delivery: the link itself to the order's own email and phone, when the operator turned it on.
    const linked =
      config.trackingLink && triggers.some((trigger) => trigger.kind === "out_for_delivery")
        ? await deliverTrackingLink(deps.prisma, config.trackingLink, event.orderId, isLast, retry.maxAttempts)
        : "done";
    const round = subscribed === "retry" || linked === "retry" ? "retry" : "done";
    // After the last notification went out, or was given up on with the event.
    if ((round === "done" || isLast) && endsSubscriptions(event)) {
      await endSubscriptions(deps.prisma, event.orderId);
      lateCandidates.delete(event.orderId);
    }
    finishRound(message, round, `order event ${message.seq} (${event.type})`);
  };

  /**
   * Orders that can be late and have someone to tell: id → promised time. Bounded by open
   * orders with a subscriber (subscriptions end with the order); re-read every `refreshMs`, so
   * a new subscriber is picked up by a later view (lateness repeats on every view).
   */
  let lateCandidates = new Map<string, number>();
  const refreshLateCandidates = async () => {
    const orders = await deps.prisma.order.findMany({
      where: { dueAt: { not: null }, finishedAt: null, OR: [{ pushSubscriptions: { some: {} } }, { emailSubscription: { isNot: null } }] },
      select: { id: true, dueAt: true },
    });
    lateCandidates = new Map(orders.map((order) => [order.id, order.dueAt!.getTime()]));
  };
  await refreshLateCandidates();
  const refreshTimer = setInterval(() => {
    refreshLateCandidates().catch((error: unknown) => log("could not re-read the orders to watch for lateness", error));
  }, options.refreshMs ?? 3_000);

  const onView = async (message: JsMsg): Promise<void> => {
    const dueAt = lateCandidates.get(subjectId(message.subject));
    if (dueAt === undefined) return message.ack();
    const parsed = ZOrderView.safeParse(parseJsonOrNull(message.string()));
    if (!parsed.success || !isRunningLate(parsed.data, dueAt)) return message.ack();
    const isLast = isLastAttempt(message.info.deliveryCount, retry);
    const round = await deliverNotifications(deps.prisma, config, parsed.data.orderId, [{ kind: "running_late", stopsAway: parsed.data.stopsAway }], message.time, isLast, retry.maxAttempts);
    finishRound(message, round, `view ${message.seq}`);
  };

  const sweepAfterMs = options.sweepAfterMs ?? SWEEP_AFTER_MS;
  const sweep = async () => {
    const count = await sweepEndedSubscriptions(deps.prisma, new Date(Date.now() - sweepAfterMs));
    if (count > 0) log(`swept ${count} subscriptions of orders finished more than ${Math.round(sweepAfterMs / 60_000)} minutes ago`);
  };
  const sweepLogged = () => sweep().catch((error: unknown) => log("could not sweep the subscriptions of finished orders", error));
  await sweepLogged();
  const sweepTimer = setInterval(() => void sweepLogged(), options.sweepEveryMs ?? SWEEP_EVERY_MS);

  const events = await consume(deps, STREAMS.orders, eventsName, onOrderEvent, retry, log);
  const views = await consume(deps, STREAMS.orderViews, viewsName, onView, retry, log);
  return {
    async stop() {
      clearInterval(refreshTimer);
      clearInterval(sweepTimer);
      await Promise.all([events.stop(), views.stop()]);
    },
  };
}
