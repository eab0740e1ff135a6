"use client";
import { useState, type DragEvent } from "react";
import { adminFetch, errorMessage } from "@/lib/admin/admin-api";
import { usePolled } from "@/lib/admin/use-polled";
import { moveStop } from "@/lib/domain/route-reorder";
import { DriverMessages } from "./driver-messages";
import { DriverTrack } from "./driver-track";
import { TokenQr } from "./token-qr";

type RouteStop = { orderId: string; customerName: string; address: string; status: string; stopsAway: number | null };
type DriverDetail = { id: string; name: string; trackerId: string | null; route: RouteStop[]; currentOrderId: string | null; location: { at: number } | null };
type Optimisation = { proposed: string[]; beforeMeters: number; afterMeters: number; savedMeters: number };

const km = (meters: number) => `${(meters / 1000).toFixed(2)} km`;

/** One driver: their route and current stop, messages, today's track; for dispatchers a route editor, optimisation and a new token (as a QR). */
export function DriverPanel(props: { driverId: string; canDispatch: boolean; canMessage: boolean; onClose(): void; tileUrl: string; tileAttribution: string }) {
  const { driverId, canDispatch, onClose } = props;
  const detail = usePolled(() => adminFetch<DriverDetail>("GET", `/api/admin/drivers/${encodeURIComponent(driverId)}`), 5_000, driverId);
  const [draft, setDraft] = useState<string[] | null>(null);
  const [optimisation, setOptimisation] = useState<Optimisation | null>(null);
  const [newToken, setNewToken] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const [dropIndex, setDropIndex] = useState<number | null>(null);
  const driver = detail.data;
  if (!driver) return <section className="card" aria-busy="true">{detail.error ?? "Loading driver…"}</section>;

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
      await adminFetch("PUT", `/api/drivers/${encodeURIComponent(driverId)}/route`, { orderIds });
      setDraft(null);
      setOptimisation(null);
      detail.reload();
    });
  const optimise = () =>
    run(async () => {
      setOptimisation(await adminFetch<Optimisation>("POST", `/api/admin/drivers/${encodeURIComponent(driverId)}/route/optimise`, {}));
      setDraft(null);
    });
  const revoke = () =>
    run(async () => {
      const answer = await adminFetch<{ token: string }>("POST", `/api/drivers/${encodeURIComponent(driverId)}/revoke`, {});
      setNewToken(answer.token);
    });

  return (
    <section className="card admin-driver" aria-label={`Driver ${driver.name}`} data-testid="driver-panel">
      <header className="admin-driver__head">
        <h2>{driver.name}</h2>
        <button type="button" onClick={onClose} aria-label="Close">
          ×
        </button>
      </header>
      <p>{driver.location ? `Last fix ${new Date(driver.location.at).toLocaleTimeString()}` : "No fix yet"}</p>
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
                {stop.customerName} · {stop.address} <small>{stop.status.replace("_", " ")}</small>
                {orderId === driver.currentOrderId && <small> · current stop</small>}
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
            <button type="button" disabled={isBusy} onClick={() => void save(draft)} data-testid="save-route">
              Save route
            </button>
          )}
          <button type="button" disabled={isBusy || driver.route.length < 2} onClick={() => void optimise()} data-testid="optimise-route">
            Optimise route
          </button>
          <button type="button" disabled={isBusy} onClick={() => void revoke()} data-testid="issue-token">
            Issue new token
          </button>
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
            <button type="button" disabled={isBusy} onClick={() => void save(optimisation.proposed)} data-testid="apply-optimisation">
              Apply
            </button>
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
