"use client";
import "./admin.css";
import { useCallback, useEffect, useState } from "react";
import { adminFetch, rememberLocale, rememberSession } from "@/lib/admin/admin-api";
import { useAdminMessages } from "@/lib/admin/use-admin-messages";
import { ChosenLocaleProvider, useLocale } from "@/lib/i18n/locale-provider";
import type { Locale } from "@/lib/i18n/locales";
import { useAcknowledgedAlerts } from "@/lib/admin/use-acknowledged-alerts";
import { usePolled } from "@/lib/admin/use-polled";
import { can } from "@/lib/domain/staff-permissions";
import { ZSession, type TSession } from "@/lib/schemas/admin";
import { ZAlertsAnswer, ZOkAnswer } from "@/lib/schemas/admin-responses";
import { Button } from "../ui/button";
import { AlertsPanel } from "./alerts-panel";
import { FleetPanel } from "./fleet-panel";
import { OrdersPanel } from "./orders-panel";
import { SignInForm } from "./sign-in-form";
import { EtaScoreboardPanel } from "./eta-scoreboard-panel";
import { InsightPanel } from "./insight-panel";
import { StaffPanel } from "./staff-panel";
import { WebhooksPanel } from "./webhooks-panel";
import { ShopOrdersPanel } from "./shop-orders-panel";
import { LanguageSwitch } from "./language-switch";

type Tab = "fleet" | "orders" | "alerts" | "insight" | "webhooks" | "staff";
/** What an alert link opens: a driver on the fleet tab, an order on the orders tab. */
type Focus = { driverId?: string; orderId?: string };

type MapProps = { tileUrl: string; tileAttribution: string; isGeocoderConfigured: boolean };

/**
 * The dashboard in the language the person chose with the switch (kept in a cookie and
 * localStorage), else the browser's; `serverLocale` is what the first HTML was rendered in.
 */
export function AdminApp({ serverLocale, ...props }: MapProps & { serverLocale: Locale }) {
  return (
    <ChosenLocaleProvider serverLocale={serverLocale}>
      <AdminShell {...props} />
    </ChosenLocaleProvider>
  );
}

/** The dashboard shell: nothing of the fleet is fetched or shown until the session is confirmed. */
function AdminShell(props: MapProps) {
  const locale = useLocale();
  // Failures are said in the dashboard's language (lib/admin/admin-api.ts).
  rememberLocale(locale);
  const t = useAdminMessages();
  // The tab's title follows a switch made on the page (the server wrote it in the request's language).
  useEffect(() => {
    document.title = `${t.shell.pageTitle} · Lastmile`;
  }, [t]);
  const [session, setSession] = useState<TSession | null | "loading">("loading");
  const [tab, setTab] = useState<Tab>("fleet");
  const [focus, setFocus] = useState<Focus>({});

  const loadSession = useCallback(() => {
    adminFetch(ZSession, "GET", "/api/admin/session").then(
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
    await adminFetch(ZOkAnswer, "DELETE", "/api/admin/session").catch(() => undefined);
    rememberSession(null);
    setSession(null);
  };

  if (session === "loading")
    return (
      <p className="admin-loading" aria-busy="true">
        {t.loading}
      </p>
    );
  if (session === null) return <SignInForm onSignedIn={loadSession} />;
  const onTab = (next: Tab) => {
    setFocus({});
    setTab(next);
  };
  const onFocus = (next: Focus) => {
    setFocus(next);
    setTab(next.driverId ? "fleet" : "orders");
  };
  return <Dashboard session={session} tab={tab} focus={focus} onTab={onTab} onFocus={onFocus} onSignOut={() => void signOut()} {...props} />;
}

function Dashboard(props: MapProps & { session: TSession; tab: Tab; focus: Focus; onTab(tab: Tab): void; onFocus(focus: Focus): void; onSignOut(): void }) {
  const { session, tab, onTab, focus } = props;
  const t = useAdminMessages();
  const alerts = usePolled(() => adminFetch(ZAlertsAnswer, "GET", "/api/admin/alerts"), 2_000, "alerts");
  const { acknowledged } = useAcknowledgedAlerts();
  const alertCount = alerts.data?.alerts.filter((alert) => !acknowledged.has(alert.key)).length ?? 0;
  const canDispatch = can(session.role, "dispatch");
  const tabs: [Tab, string][] = [
    ["fleet", t.shell.tabs.fleet],
    ["orders", t.shell.tabs.orders],
    ["alerts", t.shell.tabs.alerts],
    ["insight", t.shell.tabs.insight],
    ["webhooks", t.shell.tabs.webhooks],
    ...(can(session.role, "manage_staff") ? ([["staff", t.shell.tabs.staff]] as [Tab, string][]) : []),
  ];
  const who = session.staff ? session.staff.name || session.staff.email : t.shell.installationAdmin;
  return (
    <div className="admin">
      <header className="admin__bar">
        <div className="admin__brand">
          <svg className="admin__mark" viewBox="0 0 32 32" aria-hidden="true">
            <rect width="32" height="32" rx="8" fill="#0b5cad" />
            <path d="M16 6a7 7 0 0 0-7 7c0 5.2 7 13 7 13s7-7.8 7-13a7 7 0 0 0-7-7Zm0 9.5a2.5 2.5 0 1 1 0-5 2.5 2.5 0 0 1 0 5Z" fill="#fff" />
          </svg>
          {/* The page's one h1 once signed in (the sign-in form has its own). */}
          <h1 className="admin__title">{t.shell.title}</h1>
        </div>
        <div className="admin__account">
          <span className="admin__who" data-testid="signed-in-as">
            {who} · {t.shell.roles[session.role]}
          </span>
          <LanguageSwitch />
          <Button size="sm" onClick={props.onSignOut} data-testid="sign-out">
            {t.shell.signOut}
          </Button>
        </div>
        <nav className="admin-tabs" role="tablist" aria-label={t.shell.sections}>
          {tabs.map(([id, label]) => (
            <button key={id} type="button" className="admin-tab" role="tab" aria-selected={tab === id} onClick={() => onTab(id)} data-testid={`tab-${id}`}>
              {label}
              {id === "alerts" && alertCount > 0 && (
                <span className="admin-badge" data-testid="alert-count" aria-label={t.shell.alertsBadge(alertCount)}>
                  {alertCount}
                </span>
              )}
            </button>
          ))}
        </nav>
      </header>
      <div className="admin__body">
        {tab === "fleet" && (
          <FleetPanel canDispatch={canDispatch} canMessage={can(session.role, "message")} tileUrl={props.tileUrl} tileAttribution={props.tileAttribution} initialSelectedId={focus.driverId} />
        )}
        {tab === "orders" && <ShopOrdersPanel canDispatch={canDispatch} tileUrl={props.tileUrl} tileAttribution={props.tileAttribution} />}
        {tab === "orders" && (
          <OrdersPanel
            canDispatch={canDispatch}
            canCancel={can(session.role, "delete")}
            initialOpenId={focus.orderId}
            onOpenDriver={(driverId) => props.onFocus({ driverId })}
            tileUrl={props.tileUrl}
            tileAttribution={props.tileAttribution}
            isGeocoderConfigured={props.isGeocoderConfigured}
          />
        )}
        {tab === "alerts" && <AlertsPanel answer={alerts.data} error={alerts.error} onOpenDriver={(driverId) => props.onFocus({ driverId })} onOpenOrder={(orderId) => props.onFocus({ orderId })} />}
        {tab === "insight" && (
          <>
            <InsightPanel />
            <EtaScoreboardPanel />
          </>
        )}
        {tab === "webhooks" && <WebhooksPanel canManage={can(session.role, "manage_webhooks")} />}
        {tab === "staff" && <StaffPanel />}
      </div>
    </div>
  );
}
