import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { describeOrderHistory } from "./order-history";

const at = (seconds: number) => new Date(Date.UTC(2026, 10, 30, 9, 0, seconds)).toISOString();
let seq = 0;
const event = (type: string, seconds: number, data: Record<string, unknown>) => ({ id: `e${++seq}`, seq, type, at: at(seconds), data });

describe("describeOrderHistory", () => {
  it("tells the history in plain words, a burst of route changes as one line", () => {
    const lines = describeOrderHistory(
      [
        event("order.created", 0, { customerName: "Lucía", address: "Calle Mayor 1" }),
        event("order.route_changed", 1, { driverId: "d1", route: ["o2", "o1"] }),
        event("order.route_changed", 1, { driverId: "d1", route: ["o1", "o2"] }),
        event("order.route_changed", 2, { driverId: "d1", route: ["o2", "o1"] }),
        event("order.route_changed", 2, { driverId: "d1", route: ["o2", "o3", "o1"] }),
        event("order.status_changed", 30, { from: "created", to: "assigned", by: "system" }),
        event("order.status_changed", 60, { from: "assigned", to: "picked_up", by: "driver" }),
        event("order.progress", 61, { stage: "out_for_delivery", stopsAway: 2 }),
        event("order.progress", 62, { stage: "out_for_delivery", stopsAway: 2 }),
        event("order.status_changed", 90, { from: "picked_up", to: "arrived", by: "driver" }),
        event("order.status_changed", 95, { from: "arrived", to: "delivered", by: "driver", note: "Left at 2B", proof: { hasPhoto: true, hasSignature: false } }),
      ],
      "o1",
      new Map([["d1", "Ana"]]),
    );
    assert.deepEqual(
      lines.map((line) => line.text),
      [
        "Order created for Lucía: Calle Mayor 1",
        "On Ana's route, stop 3 of 3",
        "Assigned to a driver",
        "Picked up by the driver",
        "Out for delivery, 2 stops before it",
        "The driver arrived at the door",
        "Delivered (with photo): “Left at 2B”",
      ],
    );
    assert.equal(lines.at(-1)?.tone, "good");
  });
  it("never shows raw arrows or event names for known events", () => {
    const lines = describeOrderHistory([event("order.status_changed", 0, { from: "picked_up", to: "failed", by: "driver", note: "Nobody home" })], "o1");
    assert.equal(lines[0]?.text, "Delivery failed: Nobody home");
    assert.doesNotMatch(lines[0]?.text ?? "", /→/);
  });
  it("says a failure's reason code and where a parcel was left in words, with the driver's note", () => {
    const lines = describeOrderHistory(
      [
        event("order.status_changed", 0, { from: "arrived", to: "failed", by: "driver", note: "rang twice", reason: "customer_absent" }),
        event("order.status_changed", 1, { from: "arrived", to: "delivered", by: "driver", note: null, deliveredTo: { kind: "neighbour", name: "Marta", door: "2B" } }),
      ],
      "o1",
    );
    assert.deepEqual(
      lines.map((line) => line.text),
      ["Delivery failed: Customer not at home — “rang twice”", "Delivered — Left with the neighbour Marta (2B)."],
    );
  });
  it("tells the customer's delivery choices and dispatch accepting a reschedule", () => {
    const lines = describeOrderHistory(
      [
        event("order.delivery_choice_set", 0, { kind: "neighbour", neighbourName: "Marta", neighbourDoor: "2B", note: null, by: "customer" }),
        event("order.delivery_choice_set", 1, { kind: "safe_place", note: "behind the blue gate", by: "customer" }),
        event("order.delivery_choice_set", 2, { kind: "reschedule", preferredDate: "2026-12-02", windowStart: "10:00", windowEnd: "12:00", note: null, by: "customer" }),
        event("order.reschedule_accepted", 3, { preferredDate: "2026-12-02", windowStart: "10:00", windowEnd: "12:00", dueAt: 0, by: "admin" }),
      ],
      "o1",
    );
    assert.deepEqual(
      lines.map((line) => line.text),
      [
        "The customer asked to leave it with a neighbour: Marta, 2B",
        "The customer asked to leave it in a safe place: “behind the blue gate”",
        "The customer won't be home and asked to reschedule to 2026-12-02, 10:00–12:00",
        "Dispatch accepted the reschedule: due 2026-12-02, 10:00–12:00",
      ],
    );
  });
});

describe("describeOrderHistory: a new day agreed with the customer", () => {
  it("says where the parcel went: off the route at the door, handed in at the depot, a failed delivery reopened", () => {
    const lines = describeOrderHistory(
      [
        event("order.reschedule_accepted", 0, { preferredDate: "2026-12-02", windowStart: "10:00", windowEnd: "12:00", dueAt: null, by: "admin" }),
        event("order.status_changed", 0, { from: "arrived", to: "picked_up", by: "admin" }),
        event("order.status_changed", 600, { from: "picked_up", to: "created", by: "driver" }),
        event("order.status_changed", 900, { from: "failed", to: "created", by: "admin" }),
      ],
      "o1",
    );
    assert.deepEqual(
      lines.map((line) => line.text),
      [
        "Dispatch accepted the reschedule: due 2026-12-02, 10:00–12:00",
        "Taken off today's route at the door: the driver brings it back to the depot",
        "Handed in at the depot by the driver: waiting for a driver for the new day",
        "Reopened for the new day agreed with the customer: waiting for a driver",
      ],
    );
  });

  it("tells it in Spanish for a Spanish dashboard, failure reasons included", () => {
    const lines = describeOrderHistory(
      [
        event("order.created", 0, { customerName: "Lucía", address: "Calle Mayor 1" }),
        event("order.route_changed", 1, { driverId: "d1", route: ["o1"] }),
        event("order.status_changed", 60, { from: "assigned", to: "picked_up", by: "driver" }),
        event("order.status_changed", 95, { from: "arrived", to: "failed", by: "driver", reason: "customer_absent" }),
        event("order.status_changed", 99, { from: "failed", to: "cancelled", by: "admin" }),
      ],
      "o1",
      new Map([["d1", "Ana"]]),
      "es",
    );
    assert.deepEqual(
      lines.map((line) => line.text),
      [
        "Pedido creado para Lucía: Calle Mayor 1",
        "En la ruta de Ana, parada 1 de 1",
        "Recogido por el repartidor",
        "Entrega fallida: El cliente no estaba en casa",
        "Cancelado por el equipo de reparto",
      ],
    );
  });
});
