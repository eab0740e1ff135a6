import type { DeliveryChoiceKind, RescheduleState } from "../../../lib/domain/delivery-choice";
import type { TDeliveryChoice } from "../../../lib/schemas/delivery-choice";

/** The `delivery_choices` columns every reader selects. */
export const DELIVERY_CHOICE_FIELDS = {
  kind: true,
  neighbourName: true,
  neighbourDoor: true,
  note: true,
  preferredDate: true,
  windowStart: true,
  windowEnd: true,
  rescheduleState: true,
  chosenAt: true,
  acceptedAt: true,
} as const;

export interface DeliveryChoiceRow {
  kind: string;
  neighbourName: string | null;
  neighbourDoor: string | null;
  note: string | null;
  preferredDate: string | null;
  windowStart: string | null;
  windowEnd: string | null;
  rescheduleState: string | null;
  chosenAt: Date;
  acceptedAt: Date | null;
}

/** A stored row as the customer, the driver and dispatch read it (rows are only written from validated input). */
export function toDeliveryChoice(row: DeliveryChoiceRow | null): TDeliveryChoice | null {
  if (!row) return null;
  return {
    kind: row.kind as DeliveryChoiceKind,
    neighbourName: row.neighbourName,
    neighbourDoor: row.neighbourDoor,
    note: row.note,
    preferredDate: row.preferredDate,
    windowStart: row.windowStart,
    windowEnd: row.windowEnd,
    rescheduleState: row.rescheduleState as RescheduleState | null,
    chosenAt: row.chosenAt.toISOString(),
    acceptedAt: row.acceptedAt?.toISOString() ?? null,
  };
}
