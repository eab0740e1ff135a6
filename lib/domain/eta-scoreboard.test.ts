import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildEtaScoreboard, localDayOf, windowShownAt, type ScoredArrival } from "./eta-scoreboard";

const MINUTE = 60_000;
const ARRIVED = Date.UTC(2026, 2, 10, 12, 0);
const prediction = (minutesBefore: number, earliestMin: number, latestMin: number, stopsAway: number | null = null) => ({
  predictedAt: ARRIVED - minutesBefore * MINUTE,
  earliestAt: ARRIVED + earliestMin * MINUTE,
  latestAt: ARRIVED + latestMin * MINUTE,
  stopsAway,
});

describe("windowShownAt", () => {
  const arrival: ScoredArrival = {
    driverId: "d1",
    driverName: "Ana",
    actualAt: ARRIVED,
    predictions: [prediction(50, -10, 10, 5), prediction(35, -5, 5, 3), prediction(20, 1, 9, 2), prediction(4, -1, 1, 0), prediction(-3, 0, 0, 0)],
  };

  it("takes the last prediction made by the checkpoint, never one after the arrival", () => {
    assert.equal(windowShownAt(arrival, "minutes30")?.predictedAt, ARRIVED - 35 * MINUTE);
    assert.equal(windowShownAt(arrival, "minutes10")?.predictedAt, ARRIVED - 20 * MINUTE);
    assert.equal(windowShownAt(arrival, "stops3")?.predictedAt, ARRIVED - 35 * MINUTE);
  });

  it("of predictions made in the same ms, takes the one of the later stream sequence, whatever the order given", () => {
    const first = { ...prediction(35, -5, 5, 3), seq: 11 };
    const second = { ...prediction(35, -2, 8, 3), seq: 12 };
    for (const predictions of [
      [first, second],
      [second, first],
    ]) {
      assert.equal(windowShownAt({ actualAt: ARRIVED, predictions }, "stops3")?.seq, 12);
      assert.equal(windowShownAt({ actualAt: ARRIVED, predictions }, "minutes10")?.seq, 12);
    }
  });

  it("has none when no prediction is that old or that far", () => {
    const late: ScoredArrival = { ...arrival, predictions: [prediction(8, -1, 1, 1)] };
    assert.equal(windowShownAt(late, "minutes30"), null);
    assert.equal(windowShownAt(late, "minutes10"), null);
    assert.equal(windowShownAt(late, "stops3"), null);
  });
});

describe("buildEtaScoreboard", () => {
  it("counts inside / total per day and driver at each checkpoint", () => {
    const arrivals: ScoredArrival[] = [
      // Inside at 30 min and 3 stops, outside at 10 min (the window 1–9 min after the arrival).
      { driverId: "d1", driverName: "Ana", actualAt: ARRIVED, predictions: [prediction(35, -5, 5, 3), prediction(20, 1, 9, 2)] },
      // Inside everywhere.
      { driverId: "d1", driverName: "Ana", actualAt: ARRIVED, predictions: [prediction(40, -5, 5, 4), prediction(15, -2, 2, 1)] },
      // The next day: Bea, only a late prediction.
      { driverId: "d2", driverName: "Bea", actualAt: ARRIVED + 24 * 60 * MINUTE, predictions: [prediction(5 - 24 * 60, 24 * 60 - 1, 24 * 60 + 1, 0)] },
    ];
    const rows = buildEtaScoreboard(arrivals, 0);
    assert.deepEqual(rows, [
      {
        day: "2026-03-11",
        driverId: "d2",
        driverName: "Bea",
        arrivals: 1,
        minutes30: { inside: 0, total: 0, rate: null },
        minutes10: { inside: 0, total: 0, rate: null },
        stops3: { inside: 0, total: 0, rate: null },
      },
      {
        day: "2026-03-10",
        driverId: "d1",
        driverName: "Ana",
        arrivals: 2,
        minutes30: { inside: 2, total: 2, rate: 1 },
        minutes10: { inside: 1, total: 2, rate: 0.5 },
        stops3: { inside: 2, total: 2, rate: 1 },
      },
    ]);
  });

  it("puts an arrival on the local day of the viewer's zone", () => {
    const nearMidnight = Date.UTC(2026, 2, 10, 23, 30);
    assert.equal(localDayOf(nearMidnight, 0), "2026-03-10");
    assert.equal(localDayOf(nearMidnight, 60), "2026-03-11");
    assert.equal(localDayOf(nearMidnight, -300), "2026-03-10");
  });
});
