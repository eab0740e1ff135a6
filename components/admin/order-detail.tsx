"use client";
import { adminFetch } from "@/lib/admin/admin-api";
import { usePolled } from "@/lib/admin/use-polled";
import { OrderDelivery } from "./order-delivery";
import { TrackingLinkAction } from "./tracking-link-action";

type History = { orderId: string; events: { id: string; seq: number; type: string; at: string; data: Record<string, unknown> }[] };

function describe(event: History["events"][number], orderId: string): string {
  if (event.type === "order.status_changed") return `${String(event.data.from)} → ${String(event.data.to)} by ${String(event.data.by)}${event.data.note ? `: ${String(event.data.note)}` : ""}`;
  if (event.type === "order.route_changed") {
    const route = Array.isArray(event.data.route) ? (event.data.route as string[]) : [];
    return event.data.driverId ? `stop ${route.indexOf(orderId) + 1} of ${route.length} on a driver's route` : "taken off every route";
  }
  if (event.type === "order.created") return `created at ${String(event.data.address)}`;
  if (event.type === "order.progress") return event.data.stage === "out_for_delivery" ? "out for delivery" : `${String(event.data.stopsAway)} stop(s) away`;
  if (event.type === "order.instructions_changed") return event.data.instructions ? `instructions: ${String(event.data.instructions)}` : "instructions cleared";
  if (event.type === "order.rated") return `rated ${String(event.data.rating)}/5`;
  if (event.type === "order.tracking_link_changed") return "tracking link replaced; the old link no longer works";
  return event.type;
}

/** An order's full history, read from the ORDERS stream in stream order. */
export function OrderDetail({ orderId, canDispatch, onClose }: { orderId: string; canDispatch: boolean; onClose(): void }) {
  const history = usePolled(() => adminFetch<History>("GET", `/api/orders/${encodeURIComponent(orderId)}/events`), 5_000, orderId);
  return (
    <section className="card" aria-label="Order history" data-testid="order-detail">
      <header className="admin-driver__head">
        <h2>Order {orderId.slice(0, 8)}</h2>
        <button type="button" onClick={onClose} aria-label="Close">
          ×
        </button>
      </header>
      {canDispatch && <TrackingLinkAction orderId={orderId} />}
      <OrderDelivery orderId={orderId} />
      {history.error && <p className="admin-error">{history.error}</p>}
      <ol className="admin-history">
        {history.data?.events.map((event) => (
          <li key={event.id} data-testid="order-event" data-type={event.type}>
            <time dateTime={event.at}>{new Date(event.at).toLocaleTimeString()}</time> {event.type.replace("order.", "")} · {describe(event, orderId)}
          </li>
        ))}
      </ol>
    </section>
  );
}
