"use client";
import { useMemo, useState } from "react";
import { adminFetch, errorMessage } from "@/lib/admin/admin-api";
import { usePolled } from "@/lib/admin/use-polled";
import { isFinished, ORDER_STATUSES } from "@/lib/domain/order-status";
import { formatTime } from "@/lib/i18n/format";
import { ZFleetSnapshot } from "@/lib/schemas/admin";
import { ZAdminOrdersPage } from "@/lib/schemas/admin-responses";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { Table, Td } from "../ui/table";
import { CsvImport } from "./csv-import";
import { NewOrderForm } from "./new-order-form";
import { OrderDetail } from "./order-detail";
import { OrderDriverSelect } from "./order-driver-select";
import { RescheduleFlag } from "./reschedule-flag";
import { StatusBadge } from "./status-badge";
import { useAdminMessages } from "@/lib/admin/use-admin-messages";

const PAGE_SIZE = 20;

/** The live orders table (re-read every 2 s), filtered and paginated on the server. */
export function OrdersPanel({
  canDispatch,
  canCancel,
  initialOpenId,
  onOpenDriver,
  tileUrl,
  tileAttribution,
  isGeocoderConfigured,
}: {
  canDispatch: boolean;
  canCancel: boolean;
  initialOpenId?: string | null;
  onOpenDriver?(driverId: string): void;
  tileUrl: string;
  tileAttribution: string;
  isGeocoderConfigured: boolean;
}) {
  const t = useAdminMessages();
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
  const orders = usePolled(() => adminFetch(ZAdminOrdersPage, "GET", `/api/admin/orders?${query}`), 2_000, query);
  const drivers = usePolled(() => adminFetch(ZFleetSnapshot, "GET", "/api/admin/fleet"), 15_000, "drivers");
  const driverNames = useMemo(() => new Map((drivers.data?.drivers ?? []).map((driver) => [driver.id, driver.name])), [drivers.data]);
  const pages = Math.max(1, Math.ceil((orders.data?.total ?? 0) / PAGE_SIZE));

  const act = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      void orders.reload();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };

  return (
    <div className="admin-page admin-orders">
      <Card
        title={t.orders.title}
        aria-label={t.orders.title}
        actions={
          <span className="admin-muted" data-testid="orders-total">
            {t.orders.total(orders.data?.total ?? 0)}
          </span>
        }
      >
        <div className="admin-filters">
          <input
            type="search"
            placeholder={t.orders.searchPlaceholder}
            value={q}
            onChange={(event) => (setQ(event.target.value), setPage(1))}
            aria-label={t.orders.searchLabel}
            data-testid="orders-search"
          />
          <select value={status} onChange={(event) => (setStatus(event.target.value), setPage(1))} aria-label={t.orders.statusFilter} data-testid="orders-status">
            <option value="">{t.orders.anyStatus}</option>
            {ORDER_STATUSES.map((value) => (
              <option key={value} value={value}>
                {t.status[value]}
              </option>
            ))}
          </select>
          <label className="admin-check">
            <input type="checkbox" checked={isLateOnly} onChange={(event) => (setIsLateOnly(event.target.checked), setPage(1))} /> {t.orders.lateOnly}
          </label>
        </div>
        {orders.error && <p className="admin-error">{orders.error}</p>}
        {error && (
          <p className="admin-error" role="alert">
            {error}
          </p>
        )}
        <Table data-testid="orders-table">
          <thead>
            <tr>
              <th>{t.orders.columns.customer}</th>
              <th>{t.orders.columns.status}</th>
              <th>{t.orders.columns.driver}</th>
              <th>{t.orders.columns.stopsBefore}</th>
              <th>{t.orders.columns.eta}</th>
              <th>{t.orders.columns.due}</th>
            </tr>
          </thead>
          <tbody>
            {orders.data?.orders.map((row) => (
              <tr key={row.id} data-testid="order-row" data-order-id={row.id} data-status={row.status}>
                <td className="admin-orders__customer">
                  <Button variant="link" onClick={() => setOpenId(row.id)}>
                    {row.customerName}
                  </Button>
                  <small>{row.address}</small>
                </td>
                <Td label={t.orders.columns.status} data-testid="order-row-status">
                  <StatusBadge status={row.status} />
                  {row.isLate && <span className="ui-badge ui-badge--danger admin-late">{t.orders.late}</span>}
                  <RescheduleFlag reschedule={row.reschedule} />
                </Td>
                <Td label={t.orders.columns.driver}>
                  {canDispatch && !isFinished(row.status) ? <OrderDriverSelect row={row} drivers={drivers.data?.drivers ?? []} run={act} onOpenDriver={onOpenDriver} /> : (row.driverName ?? t.none)}
                </Td>
                <Td label={t.orders.columns.stopsBefore} data-testid="order-row-stops-away">
                  {row.stopsAway ?? t.none}
                </Td>
                <Td label={t.orders.columns.eta} data-testid="order-row-eta">
                  {row.etaAt ? <time dateTime={row.etaAt}>{formatTime(row.etaAt)}</time> : t.none}
                </Td>
                <Td label={t.orders.columns.due}>{row.dueAt ? <time dateTime={row.dueAt}>{formatTime(row.dueAt)}</time> : t.none}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
        {orders.data && orders.data.orders.length === 0 && <p className="admin-empty">{t.orders.noneMatch}</p>}
        <nav className="admin-pager" aria-label={t.orders.pages}>
          <Button size="sm" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            {t.orders.previous}
          </Button>
          <span>{t.orders.pageOf(page, pages)}</span>
          <Button size="sm" disabled={page >= pages} onClick={() => setPage(page + 1)}>
            {t.orders.next}
          </Button>
        </nav>
      </Card>
      {openId && <OrderDetail orderId={openId} canDispatch={canDispatch} canCancel={canCancel} driverNames={driverNames} onClose={() => setOpenId(null)} onChanged={() => void orders.reload()} />}
      {canDispatch && (
        <div className="admin-columns">
          <NewOrderForm onCreated={() => void orders.reload()} tileUrl={tileUrl} tileAttribution={tileAttribution} isGeocoderConfigured={isGeocoderConfigured} drivers={drivers.data?.drivers ?? []} />
          <CsvImport onImported={() => void orders.reload()} />
        </div>
      )}
    </div>
  );
}
