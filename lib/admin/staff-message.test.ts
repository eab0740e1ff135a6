import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { toStaffSentence } from "./staff-message";

describe("toStaffSentence", () => {
  it("keeps the API's words and makes them a sentence", () => {
    assert.equal(toStaffSentence({ message: "no driver with id d1", code: "not_found", status: 404 }), "No driver with id d1.");
    assert.equal(toStaffSentence({ message: "Lucía's parcel is in Ana's van. Ask Ana first.", code: "order_in_progress", status: 409 }), "Lucía's parcel is in Ana's van. Ask Ana first.");
  });

  it("never shows a raw code: known ones have sentences, others become words", () => {
    assert.equal(toStaffSentence({ message: "order_in_progress", code: "order_in_progress", status: 409 }), "The driver already has this parcel.");
    assert.equal(toStaffSentence({ message: "", code: "forbidden", status: 403 }), "Your role does not allow this.");
    assert.equal(toStaffSentence({ message: "route_locked", code: "route_locked", status: 409 }), "Route locked.");
  });

  it("says what a network failure, an ended session and a bare HTTP status mean", () => {
    assert.equal(toStaffSentence({ message: "Failed to fetch" }), "Could not reach the server. Check the connection and try again.");
    assert.equal(toStaffSentence({ message: "sign in, or send the admin bearer token", code: "unauthorized", status: 401 }), "Your session has ended. Sign in again.");
    assert.equal(toStaffSentence({ message: "wrong admin token", code: "unauthorized", status: 401 }), "Wrong admin token.");
    assert.equal(toStaffSentence({ message: "HTTP 502", code: "http_error", status: 502 }), "The server could not do this right now (error 502). Try again in a moment.");
    assert.equal(toStaffSentence({ message: "HTTP 418", code: "http_error", status: 418 }), "Something went wrong. Try again.");
  });
});
