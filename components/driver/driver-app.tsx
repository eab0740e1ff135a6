"use client";
import { isFinished, type OrderStatus } from "@/lib/domain/order-status";
import { useDriverApp } from "@/lib/driver/use-driver-app";
import { useDriverMessages } from "@/lib/driver/use-driver-messages";
import { InstallButton } from "./install-button";
import { MessagesCard } from "./messages-card";
import { SignInForm } from "./sign-in-form";
import { StatusBar } from "./status-bar";
import { StopCard } from "./stop-card";
import { useIsOnline } from "./use-is-online";

export function DriverApp() {
  const app = useDriverApp();
  const isOnline = useIsOnline();
  const { state } = app;
  const messages = useDriverMessages(state.phase === "signed-in" ? state.token : null);

  if (state.phase === "loading") return <p className="card">Loading…</p>;
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
  const onSignOut = () => {
    const queued = app.sync?.queued ?? 0;
    if (queued > 0 && !window.confirm(`${queued} updates are not sent yet and will be lost. Sign out anyway?`)) return;
    void app.signOut();
  };

  return (
    <div className="driver-app" data-testid="driver-app">
      <header className="driver-header">
        <div>
          <h1 data-testid="driver-name">{day.driver.name}</h1>
          <p data-testid="stops-progress">
            {done} done · {stops.length - done} left
          </p>
        </div>
        <div className="driver-header__actions">
          <InstallButton />
          <button type="button" className="button" onClick={onSignOut} data-testid="sign-out">
            Sign out
          </button>
        </div>
      </header>

      <div className="card driver-shift">
        <button
          type="button"
          className={`button ${app.isOnShift ? "" : "button--primary"}`}
          onClick={() => app.setOnShift(!app.isOnShift)}
          data-testid="shift-toggle"
          aria-pressed={app.isOnShift}
        >
          {app.isOnShift ? "End shift" : "Start shift"}
        </button>
        <span>{app.isOnShift ? "Sharing your position" : "Not sharing your position"}</span>
      </div>

      <MessagesCard unread={messages.unread} onRead={(id) => void messages.markRead(id)} />

      <StatusBar sync={app.sync} reading={app.reading} gpsError={app.gpsError} isOnShift={app.isOnShift} hasWakeLock={app.hasWakeLock} isOnline={isOnline} />
      {state.isStale ? <p className="driver-note">Offline: showing the route as last loaded.</p> : null}

      {waitingForPickup.length > 1 ? (
        <button
          type="button"
          className="button"
          data-testid="pick-up-all"
          onClick={() => {
            for (const { stop } of waitingForPickup) void app.tap(stop.orderId, { status: "picked_up" });
          }}
        >
          Picked up all ({waitingForPickup.length})
        </button>
      ) : null}

      {stops.length === 0 ? <p className="card">No stops on your route yet.</p> : null}
      <ol className="stop-list" data-testid="route">
        {stops.map(({ stop, status }, index) => (
          <StopCard key={stop.orderId} stop={stop} number={index + 1} status={status} isPending={app.pending[stop.orderId] !== undefined} onTap={(body) => void app.tap(stop.orderId, body)} />
        ))}
      </ol>
    </div>
  );
}
