import assert from "node:assert/strict";
import { test } from "node:test";
import { contactLineFor, contrastRatio, DEFAULT_BRAND_COLOR, DEFAULT_BRAND_NAME, isHexColor, MIN_TEXT_CONTRAST, resolveBrand, textColorOn } from "./brand";

test("hex colours only: #rgb or #rrggbb", () => {
  for (const good of ["#fff", "#0B5CAD", "#123abc"]) assert.equal(isHexColor(good), true, good);
  for (const bad of ["fff", "#ffff", "#12345g", "red", "rgb(0,0,0)", "#1234567", "#fff;background:url(x)"]) assert.equal(isHexColor(bad), false, bad);
});

test("contrast ratio follows WCAG 2: black on white is 21, a colour on itself is 1", () => {
  assert.equal(Math.round(contrastRatio("#000000", "#ffffff")), 21);
  assert.equal(contrastRatio("#0b5cad", "#0b5cad"), 1);
  assert.equal(contrastRatio("#fff", "#ffffff"), 1);
});

test("the header text is white on dark brand colours and dark on light ones, and always readable", () => {
  assert.equal(textColorOn("#0b5cad"), "#ffffff");
  assert.equal(textColorOn("#000"), "#ffffff");
  assert.equal(textColorOn("#ffd400"), "#111111");
  assert.equal(textColorOn("#ffffff"), "#111111");
  // Every grey from black to white: the chosen text contrasts at least AA-large, and mostly AA.
  let belowAa = 0;
  for (let level = 0; level <= 255; level += 5) {
    const hex = `#${level.toString(16).padStart(2, "0").repeat(3)}`;
    const ratio = contrastRatio(hex, textColorOn(hex));
    assert.ok(ratio >= 3, `${hex}: ${ratio}`);
    if (ratio < MIN_TEXT_CONTRAST) belowAa++;
  }
  assert.ok(belowAa <= 3, `${belowAa} greys below AA`);
});

test("nothing configured: Lastmile in the apps' blue; a configured brand is used as given", () => {
  assert.deepEqual(resolveBrand({}), { name: DEFAULT_BRAND_NAME, logoUrl: null, color: DEFAULT_BRAND_COLOR, textColor: "#ffffff" });
  assert.deepEqual(resolveBrand({ name: " Tienda Sol ", logoUrl: "https://cdn.example/sol.svg", color: "#FFD400" }), {
    name: "Tienda Sol",
    logoUrl: "https://cdn.example/sol.svg",
    color: "#ffd400",
    textColor: "#111111",
  });
});

test("the contact line: the order's sender first, else the deployment's support, else none", () => {
  const support = { phone: "+34910000000", email: "help@op.example" };
  assert.deepEqual(contactLineFor({ senderPhone: "+34600112233", senderEmail: null }, support), { phone: "+34600112233", email: null, source: "sender" });
  assert.deepEqual(contactLineFor({ senderPhone: null, senderEmail: "shop@example.com" }, support), { phone: null, email: "shop@example.com", source: "sender" });
  assert.deepEqual(contactLineFor({ senderPhone: null, senderEmail: null }, support), { ...support, source: "support" });
  assert.deepEqual(contactLineFor({ senderPhone: null, senderEmail: null }, { phone: null, email: "help@op.example" }), { phone: null, email: "help@op.example", source: "support" });
  assert.equal(contactLineFor({ senderPhone: null, senderEmail: null }, { phone: null, email: null }), null);
});
