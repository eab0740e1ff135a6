"use client";
import { useState } from "react";
import type { OrderStatus } from "@/lib/domain/order-status";
import { formatTime } from "@/lib/i18n/format";
import { useMessages } from "@/lib/i18n/locale-provider";
import type { TOrderView } from "@/lib/schemas/order-view";
import { useIsHydrated } from "../use-is-hydrated";

export interface StatusEntry {
  status: OrderStatus;
  /** ISO time the order reached this status. */
  at: string;
}

/** The statuses this page has seen the order reach, oldest first, with the time of each. */
export function useStatusHistory(view: TOrderView): StatusEntry[] {
  const [history, setHistory] = useState<StatusEntry[]>(() => [{ status: view.status, at: view.statusAt }]);
  const last = history[history.length - 1];
  // Derived while rendering (React's "adjust state on prop change"): no extra render with a stale list.
  if (last && last.status !== view.status) {
    const next = [...history, { status: view.status, at: view.statusAt }];
    setHistory(next);
    return next;
  }
  return history;
}

export function StatusTimeline({ history }: { history: StatusEntry[] }) {
  const messages = useMessages().tracking;
  const isHydrated = useIsHydrated();
  return (
    <section className="card" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading" className="card__title">
        {messages.timeline}
      </h2>
      <ol className="timeline" data-testid="timeline">
        {history.map((entry, index) => (
          <li
            key={`${index}-${entry.status}`}
            className={`timeline__item${index === history.length - 1 ? " timeline__item--current" : ""}`}
            data-status={entry.status}
          >
            <span className="timeline__label">{messages.status[entry.status]}</span>
            <time className="timeline__time" dateTime={entry.at}>
              {isHydrated ? formatTime(entry.at) : ""}
            </time>
          </li>
        ))}
      </ol>
    </section>
  );
}
