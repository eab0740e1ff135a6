"use client";
import "./admin.css";
import { useCallback, useEffect, useState } from "react";
import { adminFetch, rememberSession } from "@/lib/admin/admin-api";
import { usePolled } from "@/lib/admin/use-polled";
import { can } from "@/lib/domain/staff-permissions";
import type { TSession } from "@/lib/schemas/admin";
import type { TAlertsAnswer } from "@/lib/schemas/admin";
import { AlertsPanel } from "./alerts-panel";
import { FleetPanel } from "./fleet-panel";
import { OrdersPanel } from "./orders-panel";
import { SignInForm } from "./sign-in-form";
import { InsightPanel } from "./insight-panel";
import { StaffPanel } from "./staff-panel";
import { WebhooksPanel } from "./webhooks-panel";

type Tab = "fleet" | "orders" | "alerts" | "insight" | "webhooks" | "staff";
/** What an alert link opens: a driver on the fleet tab, an order on the orders tab. */
type Focus = { driverId?: string; orderId?: string };

/** The dashboard shell: nothing of the fleet is fetched or shown until the session is confirmed. */
export function AdminApp({ tileUrl, tileAttribution }: { tileUrl: string; tileAttribution: string }) {
  const [session, setSession] = useState<TSession | null | "loading">("loading");
  const [tab, setTab] = useState<Tab>("fleet");
  const [focus, setFocus] = useState<Focus>({});

  const loadSession = useCallback(() => {
    adminFetch<TSession>("GET", "/api/admin/session").then(
      (value) => {
        rememberSession(value);
        setSession(value);
      },
      () => {
        // 401 (or any failure to confirm the session): show the sign-in, never the fleet.
        rememberSession(null);
        setSession(null);
      },
    );
  }, []);
  useEffect(loadSession, [loadSession]);

  const signOut = async () => {
    await adminFetch("DELETE", "/api/admin/session").catch(() => undefined);
    rememberSession(null);
    setSession(null);
  };

  if (session === "loading") return <p aria-busy="true">Loading…</p>;
  if (session === null) return <SignInForm onSignedIn={loadSession} />;
  const onTab = (next: Tab) => {
    setFocus({});
    setTab(next);
  };
  const onFocus = (next: Focus) => {
    setFocus(next);
    setTab(next.driverId ? "fleet" : "orders");
  };
  return <Dashboard session={session} tab={tab} focus={focus} onTab={onTab} onFocus={onFocus} onSignOut={() => void signOut()} tileUrl={tileUrl} tileAttribution={tileAttribution} />;
}

function Dashboard(props: { session: TSession; tab: Tab; focus: Focus; onTab(tab: Tab): void; onFocus(focus: Focus): void; onSignOut(): void; tileUrl: string; tileAttribution: string }) {
  const { session, tab, onTab, focus } = props;
  const alerts = usePolled(() => adminFetch<TAlertsAnswer>("GET", "/api/admin/alerts"), 2_000, "alerts");
  const canDispatch = can(session.role, "dispatch");
  const tabs: [Tab, string][] = [
    ["fleet", "Fleet"],
    ["orders", "Orders"],
    ["alerts", "Alerts"],
    ["insight", "Insight"],
    ["webhooks", "Webhooks"],
    ...(can(session.role, "manage_staff") ? ([["staff", "Staff"]] as [Tab, string][]) : []),
  ];
  return (
    <div className="admin">
      <header className="admin__bar">
        <strong>Lastmile dispatch</strong>
        <nav className="admin-tabs" role="tablist" aria-label="Sections">
          {tabs.map(([id, label]) => (
            <button key={id} type="button" role="tab" aria-selected={tab === id} onClick={() => onTab(id)} data-testid={`tab-${id}`}>
              {label}
              {id === "alerts" && (alerts.data?.count ?? 0) > 0 && (
                <span className="admin-badge" data-testid="alert-count" aria-label={`${alerts.data?.count} alerts`}>
                  {alerts.data?.count}
                </span>
              )}
            </button>
          ))}
        </nav>
        <span className="admin__who" data-testid="signed-in-as">
          {session.staff ? session.staff.email : "admin token"} · {session.role}
        </span>
        <button type="button" onClick={props.onSignOut} data-testid="sign-out">
          Sign out
        </button>
      </header>
      {tab === "fleet" && <FleetPanel canDispatch={canDispatch} canMessage={can(session.role, "message")} tileUrl={props.tileUrl} tileAttribution={props.tileAttribution} initialSelectedId={focus.driverId} />}
      {tab === "orders" && <OrdersPanel canDispatch={canDispatch} canCancel={can(session.role, "delete")} initialOpenId={focus.orderId} tileUrl={props.tileUrl} tileAttribution={props.tileAttribution} />}
      {tab === "alerts" && (
        <AlertsPanel
          answer={alerts.data}
          error={alerts.error}
          onOpenDriver={(driverId) => props.onFocus({ driverId })}
          onOpenOrder={(orderId) => props.onFocus({ orderId })}
        />
      )}
      {tab === "insight" && <InsightPanel />}
      {tab === "webhooks" && <WebhooksPanel canManage={can(session.role, "manage_webhooks")} />}
      {tab === "staff" && <StaffPanel />}
    </div>
  );
}
