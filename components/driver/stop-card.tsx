"use client";
import { useId, useState } from "react";
import type { PlannedStop, StopAction } from "@/lib/domain/driver-day";
import { navigationLinks } from "@/lib/driver/navigation-links";
import { useMessages } from "@/lib/i18n/locale-provider";
import type { TDriverStatusRequest, TRouteStop } from "@/lib/schemas/driver";
import { Button } from "../ui/button";
import { DeliverForm } from "./deliver-form";
import { DeliveryChoiceNote } from "./delivery-choice-note";
import { FailForm } from "./fail-form";

export interface StopCardProps {
  planned: PlannedStop<TRouteStop>;
  /** "current": the stop to do now, big buttons with what each does; "list": one small action. */
  variant: "current" | "list";
  isOnShift: boolean;
  onStartShift(): void;
  /** A bare action (arrive, pick up, leave for later, do first): the day decides what it sends. */
  onAction(action: StopAction): void;
  /** A delivery or a failure, with its form's details. */
  onSubmit(body: TDriverStatusRequest): void;
}

/**
 * One stop: who, where, how to get there, what the customer asked, and what can be done now.
 * "Couldn't deliver" sits apart from "Delivered" so a hurried thumb does not end a delivery as failed.
 */
export function StopCard({ planned, variant, isOnShift, onStartShift, onAction, onSubmit }: StopCardProps) {
  const t = useMessages().driver;
  const hintId = useId();
  const [form, setForm] = useState<"deliver" | "fail" | null>(null);
  const { stop, status, number } = planned;
  const isCurrent = variant === "current";
  const links = navigationLinks(stop);
  const submit = (body: TDriverStatusRequest) => {
    setForm(null);
    onSubmit(body);
  };
  const act = (action: StopAction) => {
    if (action === "deliver") setForm("deliver");
    else if (action === "fail") setForm("fail");
    else onAction(action);
  };
  const [main, ...others] = planned.actions;

  return (
    <li
      className={`card stop-card stop-card--${variant}${planned.isFinished ? " stop-card--done" : ""}`}
      data-testid="stop"
      data-order-id={stop.orderId}
      data-status={status}
      data-current={planned.isCurrent}
      data-waiting={planned.isWaitingToSend}
    >
      <div className="stop-card__head">
        <span className="stop-card__number">{number}</span>
        <div>
          <h3 className="stop-card__name">{stop.customerName}</h3>
          <p className="stop-card__address">{stop.address}</p>
        </div>
        <span className={`ui-badge stop-card__status stop-card__status--${status}`} data-testid="stop-status">
          {t.status[status]}
          {planned.isWaitingToSend ? ` (${t.waitingToSend})` : ""}
        </span>
      </div>
      {!planned.isFinished && stop.instructions ? (
        <p className="stop-card__instructions" data-testid="stop-note">
          {t.choice.note}: “{stop.instructions}”
        </p>
      ) : null}
      {stop.choice && !planned.isFinished ? <DeliveryChoiceNote choice={stop.choice} /> : null}
      {isCurrent && !planned.isFinished ? (
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
      {form === "deliver" ? <DeliverForm choice={stop.choice} onSubmit={submit} onCancel={() => setForm(null)} isOnShift={isOnShift} onStartShift={onStartShift} /> : null}
      {form === "fail" ? <FailForm onSubmit={submit} onCancel={() => setForm(null)} /> : null}
      {form === null && main && isCurrent ? (
        <div className="stop-actions stop-actions--current">
          {[main, ...others]
            .filter((action) => action !== "fail")
            .map((action) => (
              <div className="stop-action" key={action}>
                <Button size="lg" variant={action === main ? "primary" : "secondary"} onClick={() => act(action)} aria-describedby={`${hintId}-${action}`} data-action={action}>
                  {t.actions[action].label}
                </Button>
                <small id={`${hintId}-${action}`} className="stop-action__hint">
                  {t.actions[action].hint}
                </small>
              </div>
            ))}
          {planned.actions.includes("fail") ? (
            <>
              <Button className="stop-actions__problem" variant="ghost" onClick={() => act("fail")} aria-describedby={`${hintId}-fail`} data-action="fail">
                {t.actions.fail.label}
              </Button>
              <span id={`${hintId}-fail`} className="visually-hidden">
                {t.actions.fail.hint}
              </span>
            </>
          ) : null}
        </div>
      ) : null}
      {form === null && main && !isCurrent ? (
        <div className="stop-actions stop-actions--list">
          <Button onClick={() => act(main)} title={t.actions[main].hint} data-action={main}>
            {t.actions[main].label}
          </Button>
        </div>
      ) : null}
    </li>
  );
}
