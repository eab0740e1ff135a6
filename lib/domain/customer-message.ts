/**
 * What the customer is told, decided in one place: the headline, the line under it, the ETA
 * line, whether the order is running late, the live indicator and "last seen". Every part reads
 * the same facts — the status, how old the news from the driver is, the ETA, the promise and any
 * new day agreed with the customer — so the page cannot say "Live" beside a stale position, drop
 * "Running late" at the door, or promise today's ETA for an order moved to another day. Pure: no
 * framework imports; the page formats the times it returns.
 */
import { customerStage, type CustomerStage } from "./customer-stage";
import { describeEta, ETA_STALE_AFTER_MS, type EtaDisplay, type EtaWindowInput } from "./eta-display";
import { isFinished, isPickedUp, type OrderStatus } from "./order-status";
import type { RescheduleState } from "./delivery-choice";
import type { TimelineKind } from "../schemas/timeline";

/** The socket's state (lib/realtime/tracking-client.ts). */
export type SocketState = "connecting" | "live" | "reconnecting" | "offline";

export interface CustomerReschedule {
  state: RescheduleState;
  /** YYYY-MM-DD, or null when the customer named no day. */
  preferredDate: string | null;
  windowStart: string | null;
  windowEnd: string | null;
  /** ISO time dispatch accepted it, null while requested. */
  acceptedAt: string | null;
}

export interface CustomerMessageInput {
  status: OrderStatus;
  /** The timeline's kinds, oldest first: "picked up" and "out for delivery" are told apart by them. */
  timeline: readonly { kind: TimelineKind }[];
  stopsAway: number | null;
  eta: EtaWindowInput | null;
  /** ISO time the tracker last computed the view. */
  updatedAt: string;
  /** ISO time of the last status change: at the door, when the driver arrived. */
  statusAt: string;
  /** ISO time of the driver's last fix, when this customer may see the position; null otherwise. */
  driverFixAt: string | null;
  /** What the customer was promised (ms epoch, eta-display's promisedByMs), or null. */
  promisedBy: number | null;
  /** The customer's request for another day (a choice of kind reschedule), or null. */
  reschedule: CustomerReschedule | null;
  socket: SocketState;
  /** The page's clock; null before hydration (nothing that depends on the time is decided). */
  nowMs: number | null;
  /** Today as YYYY-MM-DD in the customer's time zone; null before hydration. */
  today: string | null;
  /** News from the driver older than this is stale: no "Live", "last seen" instead. */
  staleAfterMs?: number;
}

export type CustomerHeadline =
  /** The order's status in words (with "out for delivery" told apart from "picked up"). */
  | { kind: "status"; stage: CustomerStage }
  /** At the door with fresh news: "Driver has arrived". */
  | { kind: "at_door"; since: string }
  /** At the door, but the news went stale: "Your driver was at your door at 15:42". */
  | { kind: "was_at_door"; at: string }
  /** A new day was agreed: the day at the top, instead of today's status. */
  | { kind: "moved"; day: string | null; windowStart: string | null; windowEnd: string | null; isToday: boolean };

export type CustomerSubline =
  | { kind: "stops_away"; count: number }
  /** No stops figure yet: where the order is (waiting for pick-up, on the way…). */
  | { kind: "no_stops"; status: OrderStatus }
  | { kind: "at_door"; since: string }
  | { kind: "no_news"; minutes: number }
  | { kind: "finished"; at: string | null }
  /** Moved to another day while on board: it goes back to the depot first. */
  | { kind: "back_to_depot" }
  /** Moved to another day, at the depot: it goes out again on that day (or the sender names one); `isToday` on that day. */
  | { kind: "new_day"; hasDay: boolean; isToday?: true };

export type CustomerEta =
  | EtaDisplay
  /** At the door, with whether the arrival came after the promise. */
  | { kind: "here"; isRunningLate: boolean }
  /** At the door, no news for a while. */
  | { kind: "here_stale"; isRunningLate: boolean }
  /** Moved to another day: no ETA for today. */
  | { kind: "not_today" }
  /** On the agreed day, before pick-up: the window agreed with the customer ("HH:MM"). */
  | { kind: "agreed_window"; windowStart: string; windowEnd: string }
  /** Before hydration: nothing time-dependent is shown yet. */
  | { kind: "pending" };

export type LiveIndicator =
  | { kind: "connecting" | "reconnecting" | "offline" }
  /** Socket open and the news recent: the only "Live". `ageMs` of the news, when known. */
  | { kind: "live"; ageMs: number | null }
  /** Socket open but nothing new from the driver for a while. */
  | { kind: "stale"; ageMs: number }
  /** Finished: nothing more will change. */
  | { kind: "final" }
  /** Moved to another day: nothing to follow yet (`isToday`: the agreed day, before pick-up). */
  | { kind: "paused"; isToday?: true };

export interface CustomerMessage {
  headline: CustomerHeadline;
  subline: CustomerSubline;
  eta: CustomerEta;
  /** Later than promised, wherever the order is (at the door too); false once moved or finished. */
  isRunningLate: boolean;
  live: LiveIndicator;
  /** "Driver last seen N min ago": only beside a shown position gone stale (never beside "Live"). */
  lastSeenMinutes: number | null;
  /** The customer asked for another day and dispatch has not answered: today's plan still holds. */
  notice: { kind: "reschedule_requested"; isAfterFailure: boolean } | null;
}

/** Whether an accepted new day is what the page leads with: until the driver sets off with the order again. */
export function isMovedToNewDay(input: Pick<CustomerMessageInput, "reschedule" | "status" | "statusAt">): boolean {
  const { reschedule, status } = input;
  if (!reschedule || reschedule.state !== "accepted" || reschedule.acceptedAt === null) return false;
  if (status === "delivered" || status === "cancelled" || status === "failed") return false;
  // Picked up again after the acceptance: the new day's delivery is under way, tracked as usual.
  return !(isPickedUp(status) && Date.parse(input.statusAt) > Date.parse(reschedule.acceptedAt));
}

export function describeForCustomer(input: CustomerMessageInput): CustomerMessage {
  const { status, nowMs } = input;
  const staleAfterMs = input.staleAfterMs ?? ETA_STALE_AFTER_MS;
  const socketOnly: LiveIndicator | null = input.socket === "live" ? null : { kind: input.socket };
  const isRequestOpen = input.reschedule?.state === "requested" && status !== "delivered" && status !== "cancelled";
  const notice = isRequestOpen ? { kind: "reschedule_requested" as const, isAfterFailure: status === "failed" } : null;

  if (isFinished(status)) {
    return {
      headline: { kind: "status", stage: status },
      subline: { kind: "finished", at: null },
      eta: { kind: "none" },
      isRunningLate: false,
      live: socketOnly ?? { kind: "final" },
      lastSeenMinutes: null,
      notice,
    };
  }

  if (isMovedToNewDay(input)) {
    const reschedule = input.reschedule!;
    const isToday = reschedule.preferredDate !== null && reschedule.preferredDate === input.today;
    // The agreed day has come and the parcel waits at the depot: the agreed window is today's ETA.
    const isDueToday = isToday && !isPickedUp(status);
    const agreed: CustomerEta = reschedule.windowStart && reschedule.windowEnd ? { kind: "agreed_window", windowStart: reschedule.windowStart, windowEnd: reschedule.windowEnd } : { kind: "not_yet" };
    return {
      headline: { kind: "moved", day: reschedule.preferredDate, windowStart: reschedule.windowStart, windowEnd: reschedule.windowEnd, isToday },
      subline: isPickedUp(status) ? { kind: "back_to_depot" } : { kind: "new_day", hasDay: reschedule.preferredDate !== null, ...(isDueToday ? { isToday: true as const } : {}) },
      eta: nowMs === null ? { kind: "pending" } : isDueToday ? agreed : { kind: "not_today" },
      isRunningLate: false,
      live: socketOnly ?? { kind: "paused", ...(isDueToday ? { isToday: true as const } : {}) },
      lastSeenMinutes: null,
      notice: null,
    };
  }

  // How old the news from the driver is: the shown fix when there is one, else the view.
  const isDriverNews = isPickedUp(status);
  const newsAt = Date.parse(input.driverFixAt ?? input.updatedAt);
  const ageMs = nowMs === null ? null : Math.max(0, nowMs - newsAt);
  const isStale = isDriverNews && ageMs !== null && ageMs > staleAfterMs;
  const live: LiveIndicator = socketOnly ?? (isStale ? { kind: "stale", ageMs: ageMs! } : { kind: "live", ageMs: isDriverNews ? ageMs : null });
  const minutesOld = ageMs === null ? 0 : Math.floor(ageMs / 60_000);

  if (status === "arrived") {
    const arrivedAt = input.statusAt;
    const isRunningLate = input.promisedBy !== null && Date.parse(arrivedAt) > input.promisedBy;
    return {
      headline: isStale ? { kind: "was_at_door", at: arrivedAt } : { kind: "at_door", since: arrivedAt },
      subline: isStale ? { kind: "no_news", minutes: minutesOld } : { kind: "at_door", since: arrivedAt },
      eta: nowMs === null ? { kind: "pending" } : isStale ? { kind: "here_stale", isRunningLate } : { kind: "here", isRunningLate },
      isRunningLate,
      live,
      // The line under the headline already says how long there has been no news.
      lastSeenMinutes: null,
      notice,
    };
  }

  const headline: CustomerHeadline = { kind: "status", stage: customerStage(status, input.timeline) };
  const subline: CustomerSubline = input.stopsAway === null ? { kind: "no_stops", status } : { kind: "stops_away", count: input.stopsAway };
  if (nowMs === null) return { headline, subline, eta: { kind: "pending" }, isRunningLate: false, live, lastSeenMinutes: null, notice };

  let eta: CustomerEta = describeEta({ status, eta: input.eta, updatedAt: input.updatedAt, nowMs, promisedBy: input.promisedBy, staleAfterMs });
  // Late = past the promise, or an estimate after it; it holds whatever else the line says.
  const isPastPromise = input.promisedBy !== null && nowMs > input.promisedBy;
  const isEstimateLate = eta.kind === "running_late" || eta.kind === "late" || (eta.kind === "countdown" && eta.isRunningLate);
  const isRunningLate = isPastPromise || isEstimateLate;
  if (isRunningLate && eta.kind === "window") eta = { ...eta, kind: "running_late" };
  if (isRunningLate && eta.kind === "countdown") eta = { ...eta, isRunningLate: true };
  const lastSeenMinutes = input.driverFixAt !== null && isStale ? minutesOld : null;
  return { headline, subline, eta, isRunningLate, live, lastSeenMinutes, notice };
}
