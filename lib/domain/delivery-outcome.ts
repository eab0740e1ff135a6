/**
 * Where a delivered parcel went, against what the customer asked: the driver's form starts from
 * the customer's choice (leave it at the door, with a neighbour, in a safe place), and handing it
 * over in person when there is none. Pure.
 */
import type { DeliveredToKind } from "../schemas/driver";
import type { DeliveryChoiceKind } from "./delivery-choice";

export interface ChoiceForOutcome {
  kind: DeliveryChoiceKind;
  neighbourName: string | null;
  neighbourDoor: string | null;
  note: string | null;
}

/** The outcome the form starts from, with the neighbour's name and door or the safe place filled in. */
export function outcomeFromChoice(choice: ChoiceForOutcome | null): { kind: DeliveredToKind; name: string; door: string; place: string } {
  const empty = { name: "", door: "", place: "" };
  switch (choice?.kind) {
    case "door":
      return { kind: "door", ...empty };
    case "neighbour":
      return { kind: "neighbour", ...empty, name: choice.neighbourName ?? "", door: choice.neighbourDoor ?? "" };
    case "safe_place":
      return { kind: "safe_place", ...empty, place: choice.note ?? "" };
    default:
      return { kind: "customer", ...empty };
  }
}

/** Which outcome the customer asked for, to mark it on the form (none for a reschedule or no choice). */
export function askedOutcome(choice: { kind: DeliveryChoiceKind } | null): DeliveredToKind | null {
  if (choice?.kind === "door" || choice?.kind === "neighbour" || choice?.kind === "safe_place") return choice.kind;
  return null;
}
