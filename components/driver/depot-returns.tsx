"use client";
import { useState } from "react";
import { useMessages } from "@/lib/i18n/locale-provider";
import { ZHandedIn, type TRouteStop } from "@/lib/schemas/driver";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import "./depot-returns.css";

const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short" });

type HandInResult = { ok: true } | { ok: false; text: string };

async function handIn(token: string, orderId: string, messages: ReturnType<typeof useMessages>["depotReturns"]): Promise<HandInResult> {
  try {
    const response = await fetch(`/api/driver/orders/${encodeURIComponent(orderId)}/hand-in`, { method: "POST", headers: { Authorization: `Bearer ${token}` }, cache: "no-store" });
    const body = (await response.json().catch(() => null)) as unknown;
    if (response.ok && ZHandedIn.safeParse(body).success) return { ok: true };
    const reason = (body as { error?: { message?: string } } | null)?.error?.message ?? `HTTP ${response.status}`;
    return { ok: false, text: messages.refused(reason) };
  } catch {
    return { ok: false, text: messages.offline };
  }
}

/**
 * Parcels on board that left today's route (the customer agreed another day with dispatch): the
 * driver keeps them and taps "Handed in at the depot" there, which returns each order to the pool
 * for its new day. Apart from the route, so none of them is mistaken for a stop to drive to.
 */
export function DepotReturns({ token, parcels }: { token: string; parcels: readonly TRouteStop[] }) {
  const t = useMessages().depotReturns;
  // Handed in here: hidden until the next load of the day no longer lists them.
  const [handedIn, setHandedIn] = useState<ReadonlySet<string>>(new Set());
  const [sending, setSending] = useState<string | null>(null);
  const [error, setError] = useState<{ orderId: string; text: string } | null>(null);
  const shown = parcels.filter((parcel) => !handedIn.has(parcel.orderId));
  if (shown.length === 0) return null;

  const onHandIn = async (orderId: string) => {
    setSending(orderId);
    setError(null);
    const result = await handIn(token, orderId, t);
    setSending(null);
    if (result.ok) setHandedIn((current) => new Set([...current, orderId]));
    else setError({ orderId, text: result.text });
  };

  return (
    <Card className="depot-returns" tone="warning" title={t.title(shown.length)} data-testid="depot-returns">
      <p className="depot-returns__intro">{t.intro}</p>
      <ul className="depot-returns__list">
        {shown.map((parcel) => {
          const day = parcel.choice?.kind === "reschedule" && parcel.choice.preferredDate ? dayFormat.format(new Date(`${parcel.choice.preferredDate}T12:00:00`)) : null;
          return (
            <li key={parcel.orderId} className="depot-returns__item" data-testid="depot-return" data-order-id={parcel.orderId}>
              <div className="depot-returns__head">
                <div>
                  <h3 className="depot-returns__name">{parcel.customerName}</h3>
                  <p className="depot-returns__address">{parcel.address}</p>
                </div>
                <span className="ui-badge depot-returns__badge">{t.badge}</span>
              </div>
              <p className="depot-returns__day">{t.newDay(day)}</p>
              <Button size="lg" variant="secondary" disabled={sending === parcel.orderId} onClick={() => void onHandIn(parcel.orderId)} data-testid="hand-in">
                {sending === parcel.orderId ? t.handingIn : t.handIn}
              </Button>
              {error?.orderId === parcel.orderId ? (
                <p className="depot-returns__error" role="alert">
                  {error.text}
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
