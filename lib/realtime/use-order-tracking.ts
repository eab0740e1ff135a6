"use client";
import { useEffect, useState } from "react";
import type { TOrderView } from "../schemas/order-view";
import { TrackingClient, type TConnectionStatus } from "./tracking-client";

export interface OrderTracking {
  /** The newest view seen: the server-rendered one until the socket brings a newer one. */
  view: TOrderView;
  connection: TConnectionStatus;
  /** The server stopped recognising the token while the page was open (revoked). */
  isRevoked: boolean;
}

/** Follows one order live from the view the page was rendered with. */
export function useOrderTracking(token: string, initialView: TOrderView): OrderTracking {
  const [view, setView] = useState(initialView);
  const [connection, setConnection] = useState<TConnectionStatus>({ state: "connecting", lastUpdateAt: null });
  const [isRevoked, setIsRevoked] = useState(false);
  // The client filters by version from here on; read once so a new effect run is only per token.
  const [initialVersion] = useState(initialView.version);

  useEffect(() => {
    const client = new TrackingClient(
      {
        onView: setView,
        onStatus: setConnection,
        onNotFound: () => setIsRevoked(true),
      },
      { shownVersion: initialVersion },
    );
    client.watch(token);
    return () => client.dispose();
  }, [token, initialVersion]);

  return { view, connection, isRevoked };
}
