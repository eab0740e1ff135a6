"use client";
import { visibleTimeline } from "@/lib/domain/order-timeline";
import { useMessages } from "@/lib/i18n/locale-provider";
import type { Messages } from "@/lib/i18n/messages";
import type { TTimelineEntry } from "@/lib/schemas/timeline";
import { Card } from "../ui/card";
import { usePageClock } from "./page-clock";

function entryLabel(entry: TTimelineEntry, messages: Messages["tracking"]): string {
  if (entry.kind === "stops_away") return entry.stopsAway === 0 ? messages.arriving : messages.stopsAway(entry.stopsAway ?? 0);
  return messages.timelineKind[entry.kind];
}

/** Details under a line; the driver's note and a failure's reason live in the outcome card, once. */
function entryDetail(entry: TTimelineEntry, messages: Messages["tracking"]): string | null {
  if (entry.kind === "out_for_delivery" && entry.stopsAway !== null) return messages.stopsAway(entry.stopsAway);
  return null;
}

/** The order's history as the customer reads it, from its real events (ORDERS stream), oldest first. */
export function StatusTimeline({ entries }: { entries: TTimelineEntry[] }) {
  const messages = useMessages().tracking;
  // Times in the first HTML too: the server's zone until hydrated, then the browser's.
  const clock = usePageClock(60_000);
  const shown = visibleTimeline(entries);
  return (
    <Card title={messages.timeline} aria-label={messages.timeline}>
      <ol className="timeline" data-testid="timeline">
        {shown.map((entry, index) => {
          const detail = entryDetail(entry, messages);
          return (
            <li key={entry.seq} className={`timeline__item${index === shown.length - 1 ? " timeline__item--current" : ""}`} data-kind={entry.kind} data-seq={entry.seq}>
              <span className="timeline__text">
                <span className="timeline__label">{entryLabel(entry, messages)}</span>
                {detail && <span className="timeline__detail">{detail}</span>}
              </span>
              <time className="timeline__time" dateTime={entry.at} data-testid="timeline-time" suppressHydrationWarning>
                {clock.time(entry.at)}
              </time>
            </li>
          );
        })}
      </ol>
    </Card>
  );
}
