"use client";
import { useState } from "react";
import { adminFetch } from "@/lib/admin/admin-api";
import { checkReassign, explainReassignRefusal, type ReassignRefusal } from "@/lib/domain/reassign";
import { ZDriverDetail, ZSetRouteAnswer, type TAdminOrderRow } from "@/lib/schemas/admin-responses";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { useAdminMessages } from "@/lib/admin/use-admin-messages";
import { useLocale } from "@/lib/i18n/locale-provider";

type Choice = { toDriverId: string | null; refusal: ReassignRefusal | null };

/**
 * The orders table's driver drop-down, which never fires a move that loses work or fails:
 * - an order waiting for a driver is assigned at once (nothing to lose; it can move again);
 * - moving an order from one driver to another, or off their route, asks first and says what
 *   each driver's app and the customer will see;
 * - a parcel already in a van (picked up, at the door) is refused here, in words, before anything
 *   is sent (lib/domain/reassign.ts: no hand-over between vans, and why). The server refuses the
 *   same way, so a row that changed meanwhile ends in the same sentence.
 */
export function OrderDriverSelect(props: {
  row: TAdminOrderRow;
  drivers: readonly { id: string; name: string }[];
  /** Runs the move and shows its failure as a sentence (the table's error line). */
  run(work: () => Promise<unknown>): Promise<void>;
  /** Opens a driver's panel (route, messages) on the fleet tab. */
  onOpenDriver?(driverId: string): void;
}) {
  const { row, drivers, run } = props;
  const t = useAdminMessages();
  const r = t.reassign;
  const [choice, setChoice] = useState<Choice | null>(null);
  const nameOf = (id: string | null) => (id ? (drivers.find((driver) => driver.id === id)?.name ?? null) : null);
  const holderName = row.driverName ?? nameOf(row.driverId);

  const move = (toDriverId: string | null) => run(() => moveOrder(row, toDriverId));
  const onChange = (value: string) => {
    const toDriverId = value || null;
    if (toDriverId === row.driverId) return;
    const refusal = checkReassign(row, toDriverId);
    if (!refusal && row.driverId === null) return void move(toDriverId);
    setChoice({ toDriverId, refusal });
  };

  const targetName = choice ? nameOf(choice.toDriverId) : null;
  const close = () => setChoice(null);
  return (
    <>
      <select value={row.driverId ?? ""} onChange={(event) => onChange(event.target.value)} aria-label={r.driverFor(row.customerName)} data-testid="order-driver">
        <option value="">{t.orders.notAssigned}</option>
        {drivers.map((driver) => (
          <option key={driver.id} value={driver.id}>
            {driver.name}
          </option>
        ))}
      </select>
      {choice?.refusal && (
        <RefusalDialog
          refusal={choice.refusal}
          row={row}
          holderName={holderName}
          targetName={targetName}
          onClose={close}
          onOpenHolder={props.onOpenDriver && row.driverId ? () => props.onOpenDriver?.(row.driverId!) : undefined}
        />
      )}
      {choice && !choice.refusal && (
        <Dialog
          open
          onOpenChange={(open) => !open && close()}
          title={choice.toDriverId ? r.moveTitle(row.customerName, targetName) : r.offTitle(row.customerName, holderName)}
          description={choice.toDriverId ? r.moveBody(holderName, targetName) : r.offBody(holderName)}
          data-testid="reassign-dialog"
        >
          <div className="ui-dialog__actions">
            <Button variant="secondary" autoFocus onClick={close} data-testid="reassign-cancel">
              {r.keepWith(holderName)}
            </Button>
            <Button
              variant="primary"
              onClick={() => {
                close();
                void move(choice.toDriverId);
              }}
              data-testid="reassign-confirm"
            >
              {choice.toDriverId ? r.moveTo(targetName) : r.takeOff}
            </Button>
          </div>
        </Dialog>
      )}
    </>
  );
}

function RefusalDialog(props: { refusal: ReassignRefusal; row: TAdminOrderRow; holderName: string | null; targetName: string | null; onClose(): void; onOpenHolder?: () => void }) {
  const t = useAdminMessages();
  const locale = useLocale();
  const { title, message } = explainReassignRefusal(props.refusal, props.row.status, { customerName: props.row.customerName, holderName: props.holderName, targetName: props.targetName }, locale);
  return (
    <Dialog open onOpenChange={(open) => !open && props.onClose()} title={title} description={message} data-testid="reassign-refused">
      <div className="ui-dialog__actions">
        {props.onOpenHolder && (
          <Button variant="secondary" onClick={props.onOpenHolder} data-testid="reassign-open-driver">
            {t.reassign.message(props.holderName)}
          </Button>
        )}
        <Button variant="primary" autoFocus onClick={props.onClose} data-testid="reassign-keep">
          {t.reassign.keepWithDriver(props.holderName)}
        </Button>
      </div>
    </Dialog>
  );
}

/**
 * Puts the order last on `toDriverId`'s route, or takes it off its driver's route (null), through
 * PUT route (the contract), which moves it from any other route in the same change.
 */
async function moveOrder(row: TAdminOrderRow, toDriverId: string | null): Promise<void> {
  const driverId = toDriverId ?? row.driverId;
  if (!driverId) return;
  const detail = await adminFetch(ZDriverDetail, "GET", `/api/admin/drivers/${encodeURIComponent(driverId)}`);
  const route = detail.route.map((stop) => stop.orderId).filter((id) => id !== row.id);
  await adminFetch(ZSetRouteAnswer, "PUT", `/api/drivers/${encodeURIComponent(driverId)}/route`, { orderIds: toDriverId ? [...route, row.id] : route });
}
