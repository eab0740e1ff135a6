"use client";
import { isFinished, type OrderStatus } from "@/lib/domain/order-status";
import { useDriverApp } from "@/lib/driver/use-driver-app";
import { useDriverMessages } from "@/lib/driver/use-driver-messages";
import { useMessages } from "@/lib/i18n/locale-provider";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { ConfirmDialog } from "../ui/dialog";
import { DepotReturns } from "./depot-returns";
import { InstallButton } from "./install-button";
import { MessagesCard } from "./messages-card";
import { SignInForm } from "./sign-in-form";
import { StatusBar } from "./status-bar";
import { StopCard } from "./stop-card";
import { useIsOnline } from "./use-is-online";

export function DriverApp() {
  const t = useMessages().driver;
  const app = useDriverApp();
  const isOnline = useIsOnline();
  const { state } = app;
  const messages = useDriverMessages(state.phase === "signed-in" ? state.token : null);

  if (state.phase === "loading") return <p className="card">{t.loading}</p>;
  if (state.phase === "signed-out") {
    return (
      <>
        <SignInForm error={state.error} onSignIn={app.signIn} />
        <InstallButton />
      </>
    );
  }

  const { day } = state;
  const statusOf = (orderId: string, status: OrderStatus): OrderStatus => app.pending[orderId] ?? status;
  const stops = day.stops.map((stop) => ({ stop, status: statusOf(stop.orderId, stop.status) }));
  const done = stops.filter(({ status }) => isFinished(status)).length;
  const waitingForPickup = stops.filter(({ status }) => status === "assigned");
  const queued = app.sync?.queued ?? 0;
  const signOutButton = (open?: () => void) => (
    <Button size="sm" onClick={open ?? (() => void app.signOut())} data-testid="sign-out">
      {t.signOut}
    </Button>
  );

  return (
    <div className="driver-app" data-testid="driver-app">
      <header className="driver-header">
        <div>
          <h1 data-testid="driver-name">{day.driver.name}</h1>
          <p data-testid="stops-progress">{t.progress(done, stops.length - done)}</p>
        </div>
        <div className="driver-header__actions">
          <InstallButton />
          {queued > 0 ? (
            <ConfirmDialog trigger={signOutButton} title={t.signOutTitle} description={t.signOutQueued(queued)} confirmLabel={t.signOutConfirm} cancelLabel={t.keep} onConfirm={() => app.signOut()} />
          ) : (
            signOutButton()
          )}
        </div>
      </header>

      <Card className="driver-shift">
        <Button
          size="lg"
          variant={app.isOnShift ? "secondary" : "primary"}
          onClick={() => app.setOnShift(!app.isOnShift)}
          data-testid="shift-toggle"
          aria-pressed={app.isOnShift}
        >
          {app.isOnShift ? t.shift.end : t.shift.start}
        </Button>
        <span className={app.isOnShift ? "driver-shift__on" : "driver-shift__off"}>{app.isOnShift ? t.shift.sharing : t.shift.notSharing}</span>
      </Card>

      <MessagesCard unread={messages.unread} onRead={(id) => void messages.markRead(id)} />

      <StatusBar sync={app.sync} reading={app.reading} gpsError={app.gpsError} isOnShift={app.isOnShift} hasWakeLock={app.hasWakeLock} isOnline={isOnline} />
      {state.isStale ? <p className="driver-note">{t.staleRoute}</p> : null}
      <DepotReturns token={state.token} parcels={day.returns} />

      {waitingForPickup.length > 1 ? (
        <Button
          size="lg"
          data-testid="pick-up-all"
          onClick={() => {
            for (const { stop } of waitingForPickup) void app.tap(stop.orderId, { status: "picked_up" });
          }}
        >
          {t.pickUpAll(waitingForPickup.length)}
        </Button>
      ) : null}

      {stops.length === 0 ? <p className="card">{t.noStops}</p> : null}
      <ol className="stop-list" data-testid="route">
        {stops.map(({ stop, status }, index) => (
          <StopCard
            key={stop.orderId}
            stop={stop}
            number={index + 1}
            status={status}
            isPending={app.pending[stop.orderId] !== undefined}
            isOnShift={app.isOnShift}
            onStartShift={() => app.setOnShift(true)}
            onTap={(body) => void app.tap(stop.orderId, body)}
          />
        ))}
      </ol>
    </div>
  );
}
