"use client";
import { useState, type DragEvent } from "react";
import { adminFetch, errorMessage } from "@/lib/admin/admin-api";
import { usePolled } from "@/lib/admin/use-polled";
import { moveStop } from "@/lib/domain/route-reorder";
import { DriverMessages } from "./driver-messages";
import { DriverTrack } from "./driver-track";
import { TokenQr } from "./token-qr";
import { formatTime } from "@/lib/i18n/format";
import { ZDriverDetail, ZRevokedToken, ZRouteOptimisation, ZSetRouteAnswer, type TRouteOptimisation } from "@/lib/schemas/admin-responses";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/dialog";
import { StatusBadge } from "./status-badge";


const km = (meters: number) => `${(meters / 1000).toFixed(2)} km`;

/** One driver: their route and current stop, messages, today's track; for dispatchers a route editor, optimisation and a new token (as a QR). */
export function DriverPanel(props: { driverId: string; canDispatch: boolean; canMessage: boolean; onClose(): void; tileUrl: string; tileAttribution: string }) {
  const { driverId, canDispatch, onClose } = props;
  const detail = usePolled(() => adminFetch(ZDriverDetail, "GET", `/api/admin/drivers/${encodeURIComponent(driverId)}`), 5_000, driverId);
  const [draft, setDraft] = useState<string[] | null>(null);
  const [optimisation, setOptimisation] = useState<TRouteOptimisation | null>(null);
  const [newToken, setNewToken] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const [dropIndex, setDropIndex] = useState<number | null>(null);
  const driver = detail.data;
  if (!driver) return <section className="card ui-card" aria-busy="true">{detail.error ?? "Loading driver…"}</section>;

  const byId = new Map(driver.route.map((stop) => [stop.orderId, stop]));
  const order = draft ?? driver.route.map((stop) => stop.orderId);
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
      setDraft(null);
      setOptimisation(null);
      detail.reload();
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

  return (
    <section className="card ui-card admin-driver" aria-label={`Driver ${driver.name}`} data-testid="driver-panel">
      <header className="ui-card__head">
        <h2 className="ui-card__title">{driver.name}</h2>
        <button type="button" className="ui-dialog__close" onClick={onClose} aria-label="Close">
          ×
        </button>
      </header>
      <p className="admin-muted">{driver.location ? `Last position at ${formatTime(driver.location.at)}` : "No position yet"}</p>
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
                  {orderId === driver.currentOrderId && <span className="ui-badge ui-badge--info">heading here</span>}
                </span>
              </span>
              {canDispatch && (
                <span className="admin-route__moves">
                  <button type="button" disabled={index === 0} onClick={() => move(index, index - 1)} aria-label={`Move ${stop.customerName} up`}>
                    ↑
                  </button>
                  <button type="button" disabled={index === order.length - 1} onClick={() => move(index, index + 1)} aria-label={`Move ${stop.customerName} down`}>
                    ↓
                  </button>
                </span>
              )}
            </li>
          );
        })}
      </ol>
      {driver.route.length === 0 && <p>No stops on the route.</p>}
      {canDispatch && (
        <div className="admin-actions">
          {draft && (
            <Button variant="primary" disabled={isBusy} onClick={() => void save(draft)} data-testid="save-route">
              Save route
            </Button>
          )}
          <Button disabled={isBusy || driver.route.length < 2} onClick={() => void optimise()} data-testid="optimise-route">
            Optimise route
          </Button>
          <ConfirmDialog
            trigger={(open) => (
              <Button variant="ghost" disabled={isBusy} onClick={open} data-testid="issue-token">
                Issue new sign-in code
              </Button>
            )}
            title={`Sign ${driver.name} out and issue a new code?`}
            description={`${driver.name}'s current sign-in code stops working at once: the driver app signs out and must be signed in again with the new code (shown next as a QR code). Updates waiting on the phone are kept until then.`}
            confirmLabel="Issue new code"
            onConfirm={revoke}
          />
        </div>
      )}
      {optimisation && (
        <div className="admin-optimise" data-testid="optimisation">
          <p>
            {optimisation.savedMeters > 0
              ? `Saves ${km(optimisation.savedMeters)} (${km(optimisation.beforeMeters)} → ${km(optimisation.afterMeters)})`
              : "The route is already as short as this optimiser can make it."}
          </p>
          {optimisation.savedMeters > 0 && (
            <Button variant="primary" disabled={isBusy} onClick={() => void save(optimisation.proposed)} data-testid="apply-optimisation">
              Apply
            </Button>
          )}
        </div>
      )}
      {newToken && <TokenQr token={newToken} driverName={driver.name} />}
      {error && <p className="admin-error">{error}</p>}
      <DriverMessages driverId={driverId} canMessage={props.canMessage} />
      <DriverTrack driverId={driverId} tileUrl={props.tileUrl} tileAttribution={props.tileAttribution} />
    </section>
  );
}
