import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ADMIN_MESSAGES, describeImportLine, getAdminMessages } from "./admin-messages";
import { LOCALES } from "./locales";

/** Every leaf of a catalog: "path.to.key" → its value. */
function leaves(value: unknown, path = ""): Map<string, unknown> {
  const found = new Map<string, unknown>();
  if (value !== null && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) for (const [p, v] of leaves(child, path ? `${path}.${key}` : key)) found.set(p, v);
  } else {
    found.set(path, value);
  }
  return found;
}

/** Arguments a sentence-function takes; numbers suit most ("2 orders"). */
const SAMPLE_ARGS: Record<string, unknown[]> = { "csv.problem": ["latitude", "missing"] };
const call = (key: string, value: unknown) => (value as (...args: unknown[]) => unknown)(...(SAMPLE_ARGS[key] ?? [2, 3]));

describe("dashboard message catalogs", () => {
  const english = leaves(ADMIN_MESSAGES.en);

  it("have every key in every language, with the same kind of value", () => {
    for (const locale of LOCALES) {
      const other = leaves(ADMIN_MESSAGES[locale]);
      assert.deepEqual([...other.keys()].sort(), [...english.keys()].sort(), `keys of ${locale}`);
      for (const [key, value] of english) assert.equal(typeof other.get(key), typeof value, `${locale}: ${key}`);
    }
  });

  it("have no empty text, and every sentence-function answers words in both languages", () => {
    for (const locale of LOCALES) {
      for (const [key, value] of leaves(ADMIN_MESSAGES[locale])) {
        // `alerts.failed` is empty in Spanish on purpose: "Falló la entrega a X" says it first.
        if (typeof value === "string" && !(locale === "es" && key === "alerts.failed")) assert.ok(value.trim().length > 0, `${locale}: ${key} is empty`);
        if (typeof value === "function") {
          const answer = call(key, value);
          assert.equal(typeof answer, "string", `${locale}: ${key}`);
          assert.ok((answer as string).trim().length > 0, `${locale}: ${key}`);
        }
      }
    }
  });

  it("say no developer words to staff", () => {
    for (const locale of LOCALES) {
      for (const [key, value] of leaves(ADMIN_MESSAGES[locale])) {
        const text = typeof value === "function" ? String(call(key, value)) : String(value);
        assert.doesNotMatch(text, /ADMIN_TOKEN|GEOCODER_URL|npm start|admin token/i, `${locale}: ${key}`);
      }
    }
  });

  it("count in the language's plural forms", () => {
    const en = getAdminMessages("en");
    const es = getAdminMessages("es");
    assert.equal(en.orders.total(1), "1 order");
    assert.equal(en.orders.total(2), "2 orders");
    assert.equal(en.orders.total(0), "0 orders");
    assert.equal(es.orders.total(1), "1 pedido");
    assert.equal(es.orders.total(2), "2 pedidos");
    assert.equal(en.fleet.count(1), "1 driver");
    assert.equal(es.fleet.count(3), "3 repartidores");
    assert.equal(en.csv.importRows(1), "Import 1 order");
    assert.equal(es.csv.importRows(2), "Importar 2 pedidos");
  });

  it("say a CSV line's problems as words in the reader's language", () => {
    assert.equal(describeImportLine("en", 5, [{ field: "lat", code: "not_a_number" }]), "Line 5: latitude must be a number");
    assert.equal(describeImportLine("es", 5, [{ field: "lat", code: "not_a_number" }]), "Línea 5: la latitud debe ser un número");
    assert.equal(
      describeImportLine("en", 7, [
        { field: "customerName", code: "missing" },
        { field: "dueAt", code: "invalid_date" },
      ]),
      "Line 7: the customer's name is missing; the due time is not a date and time",
    );
  });
});
