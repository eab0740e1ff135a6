"use client";
import { useAcknowledgedAlerts } from "@/lib/admin/use-acknowledged-alerts";
import { formatTime } from "@/lib/i18n/format";
import { useAdminMessages } from "@/lib/admin/use-admin-messages";
import type { AdminMessages } from "@/lib/i18n/admin-messages";
import { useLocale } from "@/lib/i18n/locale-provider";
import type { Locale } from "@/lib/i18n/locales";
import type { TAlert, TAlertsAnswer } from "@/lib/schemas/admin";
import type { FailureReason } from "@/lib/schemas/driver";
import { Button } from "../ui/button";
import { Card } from "../ui/card";

const dayFormats = new Map<string, Intl.DateTimeFormat>();
function dayFormat(locale: Locale): Intl.DateTimeFormat {
  let format = dayFormats.get(locale);
  if (!format) dayFormats.set(locale, (format = new Intl.DateTimeFormat(locale, { weekday: "short", day: "numeric", month: "short" })));
  return format;
}

type RescheduleAlert = Extract<TAlert, { kind: "reschedule_requested" }>;

/** "Wed 10 Dec, 10:00–12:00", or "no day named". */
function requestedWhen(alert: RescheduleAlert, t: AdminMessages, locale: Locale): string {
  if (!alert.preferredDate) return t.alerts.noDayNamed;
  const day = dayFormat(locale).format(new Date(`${alert.preferredDate}T12:00:00`));
  return alert.windowStart && alert.windowEnd ? `${day}, ${alert.windowStart}–${alert.windowEnd}` : day;
}

/** Where the order is, for a request that waits for dispatch's answer. */
function requestContext(alert: RescheduleAlert, t: AdminMessages): string {
  if (alert.status === "picked_up" || alert.status === "arrived") return t.alerts.onBoard(alert.driverName);
  if (alert.status === "failed") return t.alerts.afterFailure;
  return alert.driverName ? t.alerts.onRoute(alert.driverName) : t.alerts.notOnRoute;
}

/** A failure's reason in the reader's words, then the driver's own note. */
function failureText(reason: FailureReason | null, note: string | null, t: AdminMessages): string {
  return [reason ? t.failureReasons[reason] : null, note ? `“${note}”` : null].filter(Boolean).join(" — ");
}

/** When the alert's cause happened, as the list shows it. */
function raisedAt(alert: TAlert, t: AdminMessages): string {
  if (alert.kind === "driver_silent") return alert.lastFixAt === null ? t.alerts.noFixYet : t.alerts.silentSince(formatTime(alert.lastFixAt));
  if (alert.kind === "delivery_failed") return t.alerts.failedAt(formatTime(alert.at));
  if (alert.kind === "reschedule_requested") return t.alerts.askedAt(formatTime(alert.at));
  return t.alerts.dueAt(formatTime(alert.dueAt));
}

/** Each alert says what happened, when, and links by name to what it is about; it can be acknowledged. */
export function AlertsPanel(props: { answer: TAlertsAnswer | null; error: string | null; onOpenDriver(driverId: string): void; onOpenOrder(orderId: string): void }) {
  const { answer, error } = props;
  const t = useAdminMessages();
  const locale = useLocale();
  const { acknowledged, acknowledge, restore } = useAcknowledgedAlerts();
  const open = answer?.alerts.filter((alert) => !acknowledged.has(alert.key)) ?? [];
  const done = answer?.alerts.filter((alert) => acknowledged.has(alert.key)) ?? [];
  const openDriver = (driverId: string, name: string) => (
    <Button variant="link" onClick={() => props.onOpenDriver(driverId)} data-testid="alert-open-driver">
      {t.alerts.open(name)}
    </Button>
  );
  const openOrder = (orderId: string, name: string) => (
    <Button variant="link" onClick={() => props.onOpenOrder(orderId)} data-testid="alert-open-order">
      {t.alerts.openOrder(name)}
    </Button>
  );
  const row = (alert: TAlert, isAcknowledged: boolean) => (
    <li key={alert.key} className={`admin-alert admin-alert--${alert.kind}${isAcknowledged ? " admin-alert--done" : ""}`} data-testid="alert" data-kind={alert.kind} data-acknowledged={isAcknowledged}>
      <div className="admin-alert__text">
        {alert.kind === "driver_silent" && (
          <p>
            <strong>{alert.driverName}</strong>
            {t.alerts.silent(t.alerts.stopsLeft(alert.openStops))}
          </p>
        )}
        {alert.kind === "delivery_failed" && (
          <p>
            {t.alerts.failedTo}
            <strong>{alert.customerName}</strong>
            {t.alerts.failed}
            {alert.driverName ? ` (${alert.driverName})` : ""}
            {failureText(alert.reason ?? null, alert.note, t) ? `: ${failureText(alert.reason ?? null, alert.note, t)}` : "."}
          </p>
        )}
        {alert.kind === "reschedule_requested" && (
          <p>
            <strong>{alert.customerName}</strong>
            {t.alerts.reschedule(requestedWhen(alert, t, locale), requestContext(alert, t))}
          </p>
        )}
        {alert.kind === "order_late" && (
          <p>
            {t.alerts.lateOrderFor}
            <strong>{alert.customerName}</strong> {alert.reason === "overdue" ? t.alerts.isLate : t.alerts.willBeLate(alert.etaAt !== null ? formatTime(alert.etaAt) : null)}
            {alert.driverName ? ` (${alert.driverName})` : t.alerts.noDriverYet}.
          </p>
        )}
        <p className="admin-alert__meta">
          <time>{raisedAt(alert, t)}</time>
          {alert.kind === "driver_silent" && openDriver(alert.driverId, alert.driverName)}
          {alert.kind === "delivery_failed" && openOrder(alert.orderId, alert.customerName)}
          {alert.kind === "reschedule_requested" && openOrder(alert.orderId, alert.customerName)}
          {alert.kind === "order_late" && openOrder(alert.orderId, alert.customerName)}
          {alert.kind === "order_late" && alert.driverId && openDriver(alert.driverId, alert.driverName ?? t.alerts.driverFallback)}
        </p>
      </div>
      {isAcknowledged ? (
        <Button size="sm" variant="ghost" onClick={() => restore(alert.key)}>
          {t.alerts.reopen}
        </Button>
      ) : (
        <Button size="sm" onClick={() => acknowledge(alert.key)} data-testid="alert-acknowledge">
          {t.alerts.acknowledge}
        </Button>
      )}
    </li>
  );
  return (
    <div className="admin-page">
      <Card title={open.length ? t.alerts.titleCount(open.length) : t.alerts.title} aria-label={t.alerts.title}>
        {error && <p className="admin-error">{error}</p>}
        {answer && open.length === 0 && <p className="admin-empty">{t.alerts.nothing}</p>}
        <ul className="admin-alerts" data-testid="alerts">
          {open.map((alert) => row(alert, false))}
        </ul>
      </Card>
      {done.length > 0 && (
        <Card title={t.alerts.acknowledgedTitle(done.length)} level={3}>
          <ul className="admin-alerts">{done.map((alert) => row(alert, true))}</ul>
        </Card>
      )}
    </div>
  );
}
