"use client";
import { useState } from "react";
import { planDay, planTap, type PlannedStop, type StopAction, type TapPlan } from "@/lib/domain/driver-day";
import { useDriverApp } from "@/lib/driver/use-driver-app";
import { useDriverMessages } from "@/lib/driver/use-driver-messages";
import { useMessages } from "@/lib/i18n/locale-provider";
import type { TDriverStatusRequest, TRouteStop } from "@/lib/schemas/driver";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { ConfirmDialog } from "../ui/dialog";
import { DepotReturns } from "./depot-returns";
import { InstallButton } from "./install-button";
import { LeaveDoorDialog } from "./leave-door-dialog";
import { MessagesCard } from "./messages-card";
import { OfflineBanner } from "./offline-banner";
import { PositionSharingLine } from "./position-sharing-line";
import { SignInForm } from "./sign-in-form";
import { StatusBar } from "./status-bar";
import { StopCard } from "./stop-card";

type LeaveDoorQuestion = Extract<TapPlan<TRouteStop>, { kind: "confirm_leave_door" }>;

/**
 * The driver's day on the phone: the current stop with big buttons (the one at the door, else
 * the next one), the rest as a list, and the truth about the position and the connection. What a
 * tap does is decided by lib/domain/driver-day.ts; leaving a door for another stop is asked.
 */
export function DriverApp() {
  const t = useMessages().driver;
  const app = useDriverApp();
  const { state } = app;
  const messages = useDriverMessages(state.phase === "signed-in" ? state.token : null);
  const [question, setQuestion] = useState<LeaveDoorQuestion | null>(null);

  if (state.phase === "loading") return <p className="card">{t.loading}</p>;
  if (state.phase === "signed-out") {
    return (
      <>
        <SignInForm error={state.error} onSignIn={app.signIn} />
        <InstallButton />
      </>
    );
  }

  const day = planDay(state.day.stops, { pending: app.pending, chosenOrderId: app.chosenOrderId });
  const queued = app.sync?.queued ?? 0;
  const apply = (plan: { taps: LeaveDoorQuestion["taps"]; choose?: string | null }) => {
    if (plan.choose !== undefined) app.choose(plan.choose);
    void app.send(plan.taps);
  };
  const onAction = (orderId: string, action: StopAction) => {
    const plan = planTap(day, orderId, action);
    if (plan.kind === "send") apply(plan);
    if (plan.kind === "confirm_leave_door") setQuestion(plan);
  };
  const onSubmit = (orderId: string, body: TDriverStatusRequest) => void app.tap(orderId, body);

  // The server refused an arrival (another stop was at the door, e.g. tapped on another phone):
  // once the day shows that stop, ask the same question as for a tap here.
  const refused = app.refusedArrival ? planTap(day, app.refusedArrival, "arrive") : null;
  const refusedQuestion = refused?.kind === "confirm_leave_door" ? refused : null;
  const asking = question ?? refusedQuestion;
  const closeQuestion = () => {
    setQuestion(null);
    app.clearRefusedArrival();
  };

  const card = (planned: PlannedStop<TRouteStop>, variant: "current" | "list") => (
    <StopCard
      key={planned.stop.orderId}
      planned={planned}
      variant={variant}
      isOnShift={app.isOnShift}
      onStartShift={() => app.setOnShift(true)}
      onAction={(action) => onAction(planned.stop.orderId, action)}
      onSubmit={(body) => onSubmit(planned.stop.orderId, body)}
    />
  );
  const upcoming = day.stops.filter((entry) => !entry.isCurrent && !entry.isFinished);
  const finished = day.stops.filter((entry) => entry.isFinished);

  return (
    <div className="driver-app" data-testid="driver-app">
      <OfflineBanner connection={app.connection} queued={queued} />
      <header className="driver-header">
        <div>
          <h1 data-testid="driver-name">{state.day.driver.name}</h1>
          <p data-testid="stops-progress">{t.progress(day.done, day.left)}</p>
        </div>
        <div className="driver-header__actions">
          <InstallButton />
          <ConfirmDialog
            trigger={(open) => (
              <Button size="sm" variant="ghost" onClick={open} data-testid="sign-out">
                {t.signOut}
              </Button>
            )}
            title={t.signOutTitle}
            description={t.signOutBody(day.left, queued)}
            confirmLabel={t.signOutConfirm}
            cancelLabel={t.keep}
            onConfirm={() => app.signOut()}
          />
        </div>
      </header>

      <Card className="driver-shift">
        <Button size="lg" variant={app.isOnShift ? "secondary" : "primary"} onClick={() => app.setOnShift(!app.isOnShift)} data-testid="shift-toggle" aria-pressed={app.isOnShift}>
          {app.isOnShift ? t.shift.end : t.shift.start}
        </Button>
        <PositionSharingLine
          input={{
            isOnShift: app.isOnShift,
            hasOpenStops: day.left > 0,
            gpsProblem: app.gpsProblem,
            lastReadingAt: app.lastReadingAt,
            lastSentAt: app.sync?.lastSentAt ?? null,
            watchingSince: app.watchingSince,
            connection: app.connection,
          }}
          onRetry={app.retryGps}
        />
      </Card>

      <MessagesCard unread={messages.unread} onRead={(id) => void messages.markRead(id)} />

      <StatusBar sync={app.sync} reading={app.reading} isOnShift={app.isOnShift} hasWakeLock={app.hasWakeLock} connection={app.connection} />
      {state.isStale ? <p className="driver-note">{t.staleRoute}</p> : null}
      <DepotReturns token={state.token} parcels={state.day.returns} />

      {day.toPickUp.length > 1 ? (
        <ConfirmDialog
          trigger={(open) => (
            <Button size="lg" onClick={open} data-testid="pick-up-all">
              {t.pickUpAll(day.toPickUp.length)}
            </Button>
          )}
          title={t.pickUpAllTitle(day.toPickUp.length)}
          description={t.pickUpAllBody(day.toPickUp.length)}
          confirmLabel={t.pickUpAllConfirm(day.toPickUp.length)}
          cancelLabel={t.notYet}
          tone="primary"
          onConfirm={() => app.send(day.toPickUp.map((entry) => ({ orderId: entry.stop.orderId, status: "picked_up" as const })))}
        />
      ) : null}

      {day.current ? (
        <section className="driver-section driver-section--current" data-testid="current-stop" aria-label={day.atDoor ? t.atTheDoor : t.currentStop}>
          <h2 className="driver-section__title">{day.atDoor ? t.atTheDoor : t.currentStop}</h2>
          <ol className="stop-list">{card(day.current, "current")}</ol>
        </section>
      ) : (
        <p className="card" data-testid="no-current-stop">
          {day.stops.length === 0 ? t.noStops : t.dayDone}
        </p>
      )}

      {upcoming.length > 0 ? (
        <section className="driver-section" aria-label={t.nextStops}>
          <h2 className="driver-section__title">{t.nextStops}</h2>
          <ol className="stop-list" data-testid="route">
            {upcoming.map((entry) => card(entry, "list"))}
          </ol>
        </section>
      ) : null}

      {finished.length > 0 ? (
        <section className="driver-section" aria-label={t.doneStops}>
          <h2 className="driver-section__title">{t.doneStops}</h2>
          <ol className="stop-list" data-testid="done-stops">
            {finished.map((entry) => card(entry, "list"))}
          </ol>
        </section>
      ) : null}

      {asking ? (
        <LeaveDoorDialog
          atDoor={asking.atDoor}
          target={asking.target}
          onCancel={closeQuestion}
          onConfirm={() => {
            apply(asking);
            closeQuestion();
          }}
        />
      ) : null}
    </div>
  );
}
