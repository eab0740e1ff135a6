"use client";
import { useState } from "react";
import { isFinished, nextStatuses, type OrderStatus } from "@/lib/domain/order-status";
import { navigationLinks } from "@/lib/driver/navigation-links";
import { useMessages } from "@/lib/i18n/locale-provider";
import type { TDriverStatusRequest, TRouteStop } from "@/lib/schemas/driver";
import { Button } from "../ui/button";
import { DeliverForm } from "./deliver-form";
import { DeliveryChoiceNote } from "./delivery-choice-note";
import { FailForm } from "./fail-form";

export interface StopCardProps {
  stop: TRouteStop;
  number: number;
  status: OrderStatus;
  isPending: boolean;
  isOnShift: boolean;
  onStartShift(): void;
  onTap(body: TDriverStatusRequest): void;
}

/**
 * One stop: who, where, how to get there, and the next step as one big button. "Could not
 * deliver" sits apart from "Delivered" so a hurried thumb does not end a delivery as failed.
 */
export function StopCard({ stop, number, status, isPending, isOnShift, onStartShift, onTap }: StopCardProps) {
  const t = useMessages().driver;
  const [form, setForm] = useState<"deliver" | "fail" | null>(null);
  const allowed = nextStatuses(status);
  const links = navigationLinks(stop);
  const done = isFinished(status);
  const submit = (body: TDriverStatusRequest) => {
    setForm(null);
    onTap(body);
  };

  return (
    <li className={`card stop-card${done ? " stop-card--done" : ""}`} data-testid="stop" data-order-id={stop.orderId} data-status={status}>
      <div className="stop-card__head">
        <span className="stop-card__number">{number}</span>
        <div>
          <h2 className="stop-card__name">{stop.customerName}</h2>
          <p className="stop-card__address">{stop.address}</p>
        </div>
        <span className={`ui-badge stop-card__status stop-card__status--${status}`} data-testid="stop-status">
          {t.status[status]}
          {isPending ? ` (${t.sending})` : ""}
        </span>
      </div>
      {stop.instructions ? (
        <p className="stop-card__instructions" data-testid="stop-note">
          {t.choice.note}: “{stop.instructions}”
        </p>
      ) : null}
      {stop.choice && !done ? <DeliveryChoiceNote choice={stop.choice} /> : null}
      {!done ? (
        <p className="stop-card__nav">
          {t.navigate}{" "}
          <a href={links.geo} data-testid="navigate-geo">
            {t.mapsApp}
          </a>{" "}
          ·{" "}
          <a href={links.google} target="_blank" rel="noreferrer">
            Google Maps
          </a>{" "}
          ·{" "}
          <a href={links.apple} target="_blank" rel="noreferrer">
            Apple Maps
          </a>
        </p>
      ) : null}
      {form === "deliver" ? <DeliverForm onSubmit={submit} onCancel={() => setForm(null)} isOnShift={isOnShift} onStartShift={onStartShift} /> : null}
      {form === "fail" ? <FailForm onSubmit={submit} onCancel={() => setForm(null)} /> : null}
      {form === null && !done ? (
        <div className="stop-actions">
          {allowed.includes("picked_up") ? (
            <Button size="lg" variant={status === "assigned" ? "primary" : "secondary"} onClick={() => onTap({ status: "picked_up" })}>
              {t.actions.pickedUp}
            </Button>
          ) : null}
          {allowed.includes("arrived") ? (
            <Button size="lg" variant={status === "picked_up" ? "primary" : "secondary"} onClick={() => onTap({ status: "arrived" })}>
              {t.actions.arrived}
            </Button>
          ) : null}
          {allowed.includes("delivered") ? (
            <Button size="lg" variant={status === "arrived" ? "primary" : "secondary"} onClick={() => setForm("deliver")}>
              {t.actions.delivered}
            </Button>
          ) : null}
          {allowed.includes("failed") ? (
            <Button className="stop-actions__problem" variant="ghost" onClick={() => setForm("fail")}>
              {t.actions.problem}
            </Button>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
