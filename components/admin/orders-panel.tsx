"use client";
import { useState, type FormEvent } from "react";
import { adminFetch, errorMessage } from "@/lib/admin/admin-api";
import { usePolled } from "@/lib/admin/use-polled";
import { ORDER_STATUSES } from "@/lib/domain/order-status";
import { CsvImport } from "./csv-import";
import { LocationPicker } from "./location-picker";
import { OrderDetail } from "./order-detail";

type OrderRow = { id: string; customerName: string; address: string; status: string; driverId: string | null; driverName: string | null; stopsAway: number | null; isLate: boolean; dueAt: string | null; etaAt: string | null };
type OrdersPage = { orders: OrderRow[]; total: number; page: number; pageSize: number };
type FleetDriver = { id: string; name: string };

const PAGE_SIZE = 20;

/** The live orders table (re-read every 2 s), filtered and paginated on the server. */
export function OrdersPanel({ canDispatch, canCancel, initialOpenId, tileUrl, tileAttribution }: { canDispatch: boolean; canCancel: boolean; initialOpenId?: string | null; tileUrl: string; tileAttribution: string }) {
  const [q, setQ] = useState("");
  const [status, setStatus] = useState("");
  const [isLateOnly, setIsLateOnly] = useState(false);
  const [page, setPage] = useState(1);
  // An alert opens the dashboard on its order.
  const [openId, setOpenId] = useState<string | null>(initialOpenId ?? null);
  const [error, setError] = useState<string | null>(null);
  const params = new URLSearchParams({ page: String(page), pageSize: String(PAGE_SIZE) });
  if (q.trim()) params.set("q", q.trim());
  if (status) params.set("status", status);
  if (isLateOnly) params.set("isLate", "true");
  const query = params.toString();
  const orders = usePolled(() => adminFetch<OrdersPage>("GET", `/api/admin/orders?${query}`), 2_000, query);
  const drivers = usePolled(() => adminFetch<{ drivers: FleetDriver[] }>("GET", "/api/admin/fleet"), 15_000, "drivers");
  const pages = Math.max(1, Math.ceil((orders.data?.total ?? 0) / PAGE_SIZE));

  const act = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      orders.reload();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };
  // Assigning appends the order to the end of the chosen driver's route (PUT route, the contract).
  const assign = (orderId: string, driverId: string) =>
    act(async () => {
      const detail = await adminFetch<{ route: { orderId: string }[] }>("GET", `/api/admin/drivers/${encodeURIComponent(driverId)}`);
      const route = detail.route.map((stop) => stop.orderId).filter((id) => id !== orderId);
      await adminFetch("PUT", `/api/drivers/${encodeURIComponent(driverId)}/route`, { orderIds: [...route, orderId] });
    });

  return (
    <div className="admin-orders">
      <section className="card" aria-label="Orders">
        <h2>Orders</h2>
        <div className="admin-filters">
          <input type="search" placeholder="Search name, address or id" value={q} onChange={(event) => (setQ(event.target.value), setPage(1))} aria-label="Search orders" data-testid="orders-search" />
          <select value={status} onChange={(event) => (setStatus(event.target.value), setPage(1))} aria-label="Status filter" data-testid="orders-status">
            <option value="">any status</option>
            {ORDER_STATUSES.map((value) => (
              <option key={value} value={value}>
                {value.replace("_", " ")}
              </option>
            ))}
          </select>
          <label>
            <input type="checkbox" checked={isLateOnly} onChange={(event) => (setIsLateOnly(event.target.checked), setPage(1))} /> late only
          </label>
        </div>
        {orders.error && <p className="admin-error">{orders.error}</p>}
        {error && (
          <p className="admin-error" role="alert">
            {error}
          </p>
        )}
        <table className="admin-table" data-testid="orders-table">
          <thead>
            <tr>
              <th>Customer</th>
              <th>Status</th>
              <th>Driver</th>
              <th>Stops away</th>
              <th>ETA</th>
              <th>Late</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {orders.data?.orders.map((row) => (
              <tr key={row.id} data-testid="order-row" data-order-id={row.id}>
                <td>
                  <button type="button" className="admin-link" onClick={() => setOpenId(row.id)}>
                    {row.customerName}
                  </button>
                  <br />
                  <small>{row.address}</small>
                </td>
                <td data-testid="order-row-status">{row.status.replace("_", " ")}</td>
                <td>
                  {canDispatch && !["delivered", "failed", "cancelled"].includes(row.status) ? (
                    <select value={row.driverId ?? ""} onChange={(event) => event.target.value && void assign(row.id, event.target.value)} aria-label={`Driver for ${row.customerName}`}>
                      <option value="">unassigned</option>
                      {drivers.data?.drivers.map((driver) => (
                        <option key={driver.id} value={driver.id}>
                          {driver.name}
                        </option>
                      ))}
                    </select>
                  ) : (
                    (row.driverName ?? "—")
                  )}
                </td>
                <td data-testid="order-row-stops-away">{row.stopsAway ?? "—"}</td>
                <td data-testid="order-row-eta">{row.etaAt ? <time dateTime={row.etaAt}>{new Date(row.etaAt).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}</time> : "—"}</td>
                <td>{row.isLate ? <span className="admin-late">late</span> : ""}</td>
                <td>
                  {canCancel && !["delivered", "failed", "cancelled"].includes(row.status) && (
                    <button type="button" onClick={() => void act(() => adminFetch("POST", `/api/admin/orders/${row.id}/cancel`, {}))}>
                      Cancel
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <nav className="admin-pager" aria-label="Pages">
          <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            Previous
          </button>
          <span data-testid="orders-total">
            page {page} of {pages} · {orders.data?.total ?? 0} orders
          </span>
          <button type="button" disabled={page >= pages} onClick={() => setPage(page + 1)}>
            Next
          </button>
        </nav>
      </section>
      {openId && <OrderDetail orderId={openId} canDispatch={canDispatch} onClose={() => setOpenId(null)} />}
      {canDispatch && <NewOrderForm onCreated={orders.reload} tileUrl={tileUrl} tileAttribution={tileAttribution} />}
      {canDispatch && <CsvImport onImported={orders.reload} />}
    </div>
  );
}

function NewOrderForm({ onCreated, tileUrl, tileAttribution }: { onCreated(): void; tileUrl: string; tileAttribution: string }) {
  const [form, setForm] = useState({ customerName: "", address: "", lat: "", lng: "", dueAt: "" });
  const [message, setMessage] = useState<string | null>(null);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    try {
      const created = await adminFetch<{ trackingUrl: string }>("POST", "/api/admin/orders", {
        customerName: form.customerName,
        address: form.address,
        lat: Number(form.lat),
        lng: Number(form.lng),
        ...(form.dueAt ? { dueAt: new Date(form.dueAt).toISOString() } : {}),
      });
      setForm({ customerName: "", address: "", lat: "", lng: "", dueAt: "" });
      setMessage(`Created: tracking link ${created.trackingUrl}`);
      onCreated();
    } catch (failure) {
      setMessage(errorMessage(failure));
    }
  };
  const field = (name: keyof typeof form, label: string, type = "text") => (
    <label>
      {label}
      <input type={type} step={type === "number" ? "any" : undefined} required={name !== "dueAt"} value={form[name]} onChange={(event) => setForm({ ...form, [name]: event.target.value })} />
    </label>
  );
  return (
    <form className="card admin-form" onSubmit={(event) => void onSubmit(event)} aria-label="New order">
      <h2>New order</h2>
      {field("customerName", "Customer")}
      {field("address", "Address")}
      {field("lat", "Latitude", "number")}
      {field("lng", "Longitude", "number")}
      <LocationPicker lat={form.lat} lng={form.lng} onPick={(lat, lng) => setForm((current) => ({ ...current, lat, lng }))} tileUrl={tileUrl} tileAttribution={tileAttribution} />
      {field("dueAt", "Due (optional)", "datetime-local")}
      <button type="submit">Create order</button>
      {message && <p data-testid="new-order-message">{message}</p>}
    </form>
  );
}
