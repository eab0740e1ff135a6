import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { toStaffSentence } from "./staff-message";

describe("toStaffSentence", () => {
  it("keeps the API's words and makes them a sentence", () => {
    assert.equal(toStaffSentence({ message: "no driver with id d1", code: "not_found", status: 404 }), "No driver with id d1.");
    assert.equal(toStaffSentence({ message: "Lucía's parcel is in Ana's van. Ask Ana first.", code: "order_in_progress", status: 409 }), "Lucía's parcel is in Ana's van. Ask Ana first.");
  });

  it("sentence-cases the server's lowercase 409 texts", () => {
    assert.equal(toStaffSentence({ message: "order is already finished", code: "order_finished", status: 409 }), "Order is already finished.");
  });

  it("never shows a raw code: known ones have sentences, others become words", () => {
    assert.equal(toStaffSentence({ message: "order_in_progress", code: "order_in_progress", status: 409 }), "The driver already has this parcel.");
    assert.equal(toStaffSentence({ message: "", code: "forbidden", status: 403 }), "Your role does not allow this.");
    assert.equal(toStaffSentence({ message: "route_locked", code: "route_locked", status: 409 }), "Route locked.");
  });

  it("says what a network failure, an ended session and a bare HTTP status mean", () => {
    assert.equal(toStaffSentence({ message: "Failed to fetch" }), "Could not reach the server. Check the connection and try again.");
    assert.equal(toStaffSentence({ message: "sign in, or send the admin bearer token", code: "unauthorized", status: 401 }), "Your session has ended. Sign in again.");
    assert.equal(toStaffSentence({ message: "wrong admin password", code: "unauthorized", status: 401 }), "Wrong admin password.");
    assert.equal(toStaffSentence({ message: "HTTP 502", code: "http_error", status: 502 }), "The server could not do this right now (error 502). Try again in a moment.");
    assert.equal(toStaffSentence({ message: "HTTP 418", code: "http_error", status: 418 }), "Something went wrong. Try again.");
  });

  it("in Spanish, maps the server's codes to Spanish words, never the English message", () => {
    assert.equal(toStaffSentence({ message: "Lucía's parcel is in Ana's van. Ask Ana first.", code: "order_in_progress", status: 409 }, "es"), "El repartidor ya tiene este paquete.");
    assert.equal(toStaffSentence({ message: "order is already finished", code: "order_finished", status: 409 }, "es"), "Este pedido ya está terminado.");
    assert.equal(toStaffSentence({ message: "sign in first", code: "unauthorized", status: 401 }, "es"), "Tu sesión ha terminado. Vuelve a iniciar sesión.");
    assert.equal(toStaffSentence({ message: "Failed to fetch" }, "es"), "No se pudo conectar con el servidor. Revisa la conexión e inténtalo de nuevo.");
    assert.equal(toStaffSentence({ message: "HTTP 503", code: "http_error", status: 503 }, "es"), "El servidor no pudo hacerlo ahora (error 503). Inténtalo de nuevo en un momento.");
    assert.equal(toStaffSentence({ message: "some new refusal", code: "brand_new_code", status: 409 }, "es"), "Algo salió mal. Inténtalo de nuevo.");
  });
});
