"use client";
import { useState } from "react";
import { isFinished, nextStatuses, ORDER_STATUS_WORDS, type OrderStatus } from "@/lib/domain/order-status";
import { navigationLinks } from "@/lib/driver/navigation-links";
import type { TDriverStatusRequest, TRouteStop } from "@/lib/schemas/driver";
import { DeliverForm } from "./deliver-form";
import { FailForm } from "./fail-form";

export function StopCard({ stop, number, status, isPending, onTap }: { stop: TRouteStop; number: number; status: OrderStatus; isPending: boolean; onTap(body: TDriverStatusRequest): void }) {
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
        <span className="stop-card__status" data-testid="stop-status">
          {ORDER_STATUS_WORDS[status]}
          {isPending ? " (sending…)" : ""}
        </span>
      </div>
      {stop.instructions ? <p className="stop-card__instructions">{stop.instructions}</p> : null}
      {!done ? (
        <p className="stop-card__nav">
          Navigate:{" "}
          <a href={links.geo} data-testid="navigate-geo">
            Maps app
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
      {form === "deliver" ? <DeliverForm onSubmit={submit} onCancel={() => setForm(null)} /> : null}
      {form === "fail" ? <FailForm onSubmit={submit} onCancel={() => setForm(null)} /> : null}
      {form === null && !done ? (
        <div className="stop-actions">
          {allowed.includes("picked_up") ? (
            <button type="button" className="button" onClick={() => onTap({ status: "picked_up" })}>
              Picked up
            </button>
          ) : null}
          {allowed.includes("arrived") ? (
            <button type="button" className="button" onClick={() => onTap({ status: "arrived" })}>
              Arrived
            </button>
          ) : null}
          {allowed.includes("delivered") ? (
            <button type="button" className="button button--primary" onClick={() => setForm("deliver")}>
              Delivered
            </button>
          ) : null}
          {allowed.includes("failed") ? (
            <button type="button" className="button button--danger" onClick={() => setForm("fail")}>
              Failed
            </button>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
