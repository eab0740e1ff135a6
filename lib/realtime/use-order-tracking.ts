"use client";
import { useEffect, useState } from "react";
import { mergeTimeline } from "../domain/order-timeline";
import type { TOrderView } from "../schemas/order-view";
import type { TTimelineEntry, TTimelinePage } from "../schemas/timeline";
import type { TConnectionStatus, TrackingClient } from "./tracking-client";

export interface OrderTracking {
  /** The newest view seen: the server-rendered one until the socket brings a newer one. */
  view: TOrderView;
  /** Every timeline entry received (first render, resumes, live pushes), once each, oldest first. */
  entries: TTimelineEntry[];
  connection: TConnectionStatus;
  /** The server stopped recognising the token while the page was open (revoked). */
  isRevoked: boolean;
}

/** Follows one order live from the view and timeline the page was rendered with. */
export function useOrderTracking(token: string, initialView: TOrderView, initialTimeline: TTimelinePage): OrderTracking {
  const [view, setView] = useState(initialView);
  const [entries, setEntries] = useState(initialTimeline.entries);
  const [connection, setConnection] = useState<TConnectionStatus>({ state: "connecting", lastUpdateAt: null });
  const [isRevoked, setIsRevoked] = useState(false);
  // The client filters by version and resumes by sequence from here on; read once so a new
  // effect run is only per token.
  const [initialVersion] = useState(initialView.version);
  const [initialSeq] = useState(initialTimeline.lastSeq);

  useEffect(() => {
    // The socket's code (socket.io-client) is loaded and run here, after the page has hydrated,
    // rather than with the page's own modules, where it would lengthen the longest task of the load.
    let client: TrackingClient | null = null;
    let isDisposed = false;
    void import("./tracking-client").then(({ TrackingClient }) => {
      if (isDisposed) return;
      client = new TrackingClient(
        {
          onView: setView,
          onEntries: (incoming) => setEntries((current) => mergeTimeline(current, incoming)),
          onStatus: setConnection,
          onNotFound: () => setIsRevoked(true),
        },
        { shownVersion: initialVersion, resumeAfterSeq: initialSeq },
      );
      client.watch(token);
    });
    return () => {
      isDisposed = true;
      client?.dispose();
    };
  }, [token, initialVersion, initialSeq]);

  return { view, entries, connection, isRevoked };
}
