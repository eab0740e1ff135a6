"use client";
import { useEffect, useRef, useState, type DragEvent } from "react";
import { adminFetch, errorMessage } from "@/lib/admin/admin-api";
import { usePolled } from "@/lib/admin/use-polled";
import { moveStop, reconcileDraft } from "@/lib/domain/route-reorder";
import { DriverMessages } from "./driver-messages";
import { DriverTrack } from "./driver-track";
import { TokenQrDialog } from "./token-qr";
import { formatTime } from "@/lib/i18n/format";
import { ZDriverDetail, ZRevokedToken, ZRouteOptimisation, ZSetRouteAnswer, type TDriverDetail, type TRouteOptimisation } from "@/lib/schemas/admin-responses";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/dialog";
import { StatusBadge } from "./status-badge";
import { useAdminMessages } from "@/lib/admin/use-admin-messages";

const km = (meters: number) => `${(meters / 1000).toFixed(2)} km`;

/** A stop as the fleet map draws it: the route editor's order, saved or not. */
export type ShownStop = TDriverDetail["route"][number];

/**
 * One driver: their route and current stop, messages, today's track; for dispatchers a route editor, optimisation and a new token (as a QR).
 * The editor never loses work: its bar (save, discard, optimise) sticks to the bottom of the view, an
 * unsaved reorder follows the route as it changes (lib/domain/route-reorder.ts), optimising asks
 * before it drops the reorder, and the route as shown goes to the fleet map (`onRouteShown`).
 */
export function DriverPanel(props: {
  driverId: string;
  canDispatch: boolean;
  canMessage: boolean;
  onClose(): void;
  onRouteShown?(stops: ShownStop[] | null): void;
  tileUrl: string;
  tileAttribution: string;
}) {
  const { driverId, canDispatch, onClose, onRouteShown } = props;
  const t = useAdminMessages();
  const d = t.driverPanel;
  const detail = usePolled(() => adminFetch(ZDriverDetail, "GET", `/api/admin/drivers/${encodeURIComponent(driverId)}`), 5_000, driverId);
  const [draft, setDraft] = useState<string[] | null>(null);
  const [optimisation, setOptimisation] = useState<TRouteOptimisation | null>(null);
  const [newToken, setNewToken] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const [dropIndex, setDropIndex] = useState<number | null>(null);
  const sectionRef = useRef<HTMLElement>(null);
  const driver = detail.data;

  const saved = driver?.route.map((stop) => stop.orderId) ?? [];
  const reconciled = draft ? reconcileDraft(draft, saved) : null;
  const order = reconciled?.order ?? saved;
  const isDirty = reconciled?.isChanged ?? false;
  const byId = new Map(driver?.route.map((stop) => [stop.orderId, stop]) ?? []);

  // The map follows what the editor shows, saved or not; the key changes only when a stop moves or changes status.
  const shown = order.map((id) => byId.get(id)).filter((stop): stop is ShownStop => stop !== undefined);
  const shownKey = shown.map((stop) => `${stop.orderId}:${stop.status}`).join(" ");
  const shownRef = useRef(shown);
  shownRef.current = shown;
  const isLoaded = driver !== null;
  // `shownKey` stands for `shown` (a new array on every render).
  useEffect(() => {
    if (isLoaded) onRouteShown?.(shownRef.current);
  }, [shownKey, isLoaded, onRouteShown]);
  useEffect(() => () => onRouteShown?.(null), [onRouteShown]);

  // The panel opens where the dispatcher looks: scrolled into view in the side column.
  useEffect(() => {
    if (isLoaded) sectionRef.current?.scrollIntoView({ block: "nearest" });
  }, [isLoaded]);

  if (!driver)
    return (
      <section className="card ui-card" aria-busy="true">
        {detail.error ?? d.loading}
      </section>
    );

  const move = (from: number, to: number) => {
    setDraft(moveStop(order, from, to));
    setOptimisation(null);
  };
  // HTML5 drag and drop for the mouse; the ↑/↓ buttons stay for the keyboard and screen readers.
  const onDrop = (event: DragEvent<HTMLLIElement>, to: number) => {
    event.preventDefault();
    const from = order.indexOf(event.dataTransfer.getData("text/plain"));
    setDropIndex(null);
    if (from >= 0) move(from, to);
  };
  const run = async (work: () => Promise<void>) => {
    setIsBusy(true);
    setError(null);
    try {
      await work();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setIsBusy(false);
    }
  };
  const save = (orderIds: string[]) =>
    run(async () => {
      await adminFetch(ZSetRouteAnswer, "PUT", `/api/drivers/${encodeURIComponent(driverId)}/route`, { orderIds });
      // The draft stays on screen until the saved route has arrived, so the list never flicks back.
      await detail.reload();
      setDraft(null);
      setOptimisation(null);
    });
  const optimise = () =>
    run(async () => {
      setOptimisation(await adminFetch(ZRouteOptimisation, "POST", `/api/admin/drivers/${encodeURIComponent(driverId)}/route/optimise`, {}));
      setDraft(null);
    });
  const revoke = () =>
    run(async () => {
      const answer = await adminFetch(ZRevokedToken, "POST", `/api/drivers/${encodeURIComponent(driverId)}/revoke`, {});
      setNewToken(answer.token);
    });
  const changes =
    reconciled && (reconciled.added.length > 0 || reconciled.gone.length > 0)
      ? [reconciled.added.length ? d.added(reconciled.added.length) : "", reconciled.gone.length ? d.gone(reconciled.gone.length) : ""].filter(Boolean).join("; ")
      : null;

  return (
    <section ref={sectionRef} className="card ui-card admin-driver" aria-label={d.label(driver.name)} data-testid="driver-panel">
      <header className="ui-card__head">
        <h2 className="ui-card__title">{driver.name}</h2>
        <button type="button" className="ui-dialog__close" onClick={onClose} aria-label={t.close}>
          ×
        </button>
      </header>
      <p className="admin-muted">{driver.location ? d.lastPosition(formatTime(driver.location.at)) : d.noPosition}</p>
      <ol className="admin-route" data-testid="route">
        {order.map((orderId, index) => {
          const stop = byId.get(orderId);
          if (!stop) return null;
          return (
            <li
              key={orderId}
              data-testid="route-stop"
              data-order-id={orderId}
              className={[orderId === driver.currentOrderId ? "admin-route__current" : "", dropIndex === index ? "admin-route__drop" : ""].join(" ").trim() || undefined}
              draggable={canDispatch}
              onDragStart={(event) => {
                event.dataTransfer.setData("text/plain", orderId);
                event.dataTransfer.effectAllowed = "move";
              }}
              onDragOver={(event) => {
                if (!canDispatch) return;
                event.preventDefault();
                setDropIndex(index);
              }}
              onDragLeave={() => setDropIndex((current) => (current === index ? null : current))}
              onDragEnd={() => setDropIndex(null)}
              onDrop={(event) => onDrop(event, index)}
            >
              <span>
                <strong>{stop.customerName}</strong>
                <small className="admin-route__address">{stop.address}</small>
                <span className="admin-route__badges">
                  <StatusBadge status={stop.status} />
                  {orderId === driver.currentOrderId && <span className="ui-badge ui-badge--info">{d.headingHere}</span>}
                </span>
              </span>
              {canDispatch && (
                <span className="admin-route__moves">
                  <button type="button" disabled={index === 0} onClick={() => move(index, index - 1)} aria-label={d.moveUp(stop.customerName)}>
                    ↑
                  </button>
                  <button type="button" disabled={index === order.length - 1} onClick={() => move(index, index + 1)} aria-label={d.moveDown(stop.customerName)}>
                    ↓
                  </button>
                </span>
              )}
            </li>
          );
        })}
      </ol>
      {driver.route.length === 0 && <p>{d.noStops}</p>}
      {canDispatch && driver.route.length > 0 && (
        // Sticks to the bottom of the view while the route is long: saving is never off-screen.
        <div className="admin-route-bar" data-testid="route-bar" data-is-dirty={isDirty}>
          <p className="admin-route-bar__state" data-testid="route-draft-state" role="status">
            {isDirty ? d.unsaved : d.saved}
            {isDirty && changes ? ` · ${changes}` : ""}
          </p>
          <Button variant="primary" disabled={isBusy || !isDirty} onClick={() => void save(order)} data-testid="save-route">
            {d.save}
          </Button>
          <Button variant="ghost" disabled={isBusy || !isDirty} onClick={() => setDraft(null)} data-testid="discard-route">
            {d.discard}
          </Button>
          <ConfirmDialog
            trigger={(open) => (
              <Button disabled={isBusy || driver.route.length < 2} onClick={() => (isDirty ? open() : void optimise())} data-testid="optimise-route">
                {d.optimise}
              </Button>
            )}
            title={d.optimiseTitle}
            description={d.optimiseBody(driver.name)}
            confirmLabel={d.optimiseConfirm}
            cancelLabel={d.optimiseKeep}
            onConfirm={optimise}
          />
        </div>
      )}
      {optimisation && (
        <div className="admin-optimise" data-testid="optimisation">
          <p>{optimisation.savedMeters > 0 ? d.saves(km(optimisation.savedMeters), km(optimisation.beforeMeters), km(optimisation.afterMeters)) : d.alreadyShort}</p>
          {optimisation.savedMeters > 0 && (
            // Laid over the route as it is now: an order added since the proposal stays on the route.
            <Button variant="primary" disabled={isBusy} onClick={() => void save(reconcileDraft(optimisation.proposed, saved).order)} data-testid="apply-optimisation">
              {d.apply}
            </Button>
          )}
        </div>
      )}
      {error && (
        <p className="admin-error" role="alert">
          {error}
        </p>
      )}
      {canDispatch && (
        <div className="admin-actions">
          <ConfirmDialog
            trigger={(open) => (
              <Button variant="ghost" disabled={isBusy} onClick={open} data-testid="issue-token">
                {d.issueCode}
              </Button>
            )}
            title={d.issueTitle(driver.name)}
            description={d.issueBody(driver.name)}
            confirmLabel={d.issueConfirm}
            onConfirm={revoke}
          />
        </div>
      )}
      {newToken && <TokenQrDialog token={newToken} driverName={driver.name} onClose={() => setNewToken(null)} />}
      <DriverMessages driverId={driverId} canMessage={props.canMessage} />
      <DriverTrack driverId={driverId} tileUrl={props.tileUrl} tileAttribution={props.tileAttribution} />
    </section>
  );
}
