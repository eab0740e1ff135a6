"use client";
import * as RadixDialog from "@radix-ui/react-dialog";
import type { PlannedStop } from "@/lib/domain/driver-day";
import { useMessages } from "@/lib/i18n/locale-provider";
import type { TRouteStop } from "@/lib/schemas/driver";
import { Button } from "../ui/button";

/**
 * "You're still at the door of stop 2. Leave it for later and go to stop 5?": a driver is at one
 * door at a time, so going to another stop first is asked, never done behind their back. Staying
 * has the focus.
 */
export function LeaveDoorDialog({ atDoor, target, onConfirm, onCancel }: { atDoor: PlannedStop<TRouteStop>; target: PlannedStop<TRouteStop>; onConfirm(): void; onCancel(): void }) {
  const t = useMessages().driver;
  const name = (stop: PlannedStop<TRouteStop>) => t.stopName(stop.number, stop.stop.address);
  return (
    <RadixDialog.Root open onOpenChange={(isOpen) => (isOpen ? undefined : onCancel())}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="ui-dialog__overlay" />
        <RadixDialog.Content className="ui-dialog ui-dialog--center" role="alertdialog" data-testid="leave-door-dialog">
          <RadixDialog.Title className="ui-dialog__title">{t.leaveDoor.title}</RadixDialog.Title>
          <RadixDialog.Description className="ui-dialog__description">{t.leaveDoor.body(name(atDoor), name(target))}</RadixDialog.Description>
          <div className="ui-dialog__actions">
            <RadixDialog.Close asChild>
              <Button variant="secondary" autoFocus data-testid="confirm-cancel">
                {t.leaveDoor.cancel}
              </Button>
            </RadixDialog.Close>
            <Button variant="primary" onClick={onConfirm} data-testid="confirm-accept">
              {t.leaveDoor.confirm}
            </Button>
          </div>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
