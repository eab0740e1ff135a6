import assert from "node:assert/strict";
import { test } from "node:test";
import { parseCsv } from "./csv";

test("quoted fields keep commas, doubled quotes and line breaks; line numbers follow the text", () => {
  const rows = parseCsv('name,address\r\n"Ana ""A""","Calle 1, Madrid"\n\nBo,"two\nlines"\nCy,3');
  assert.deepEqual(rows, [
    { line: 1, cells: ["name", "address"] },
    { line: 2, cells: ['Ana "A"', "Calle 1, Madrid"] },
    { line: 4, cells: ["Bo", "two\nlines"] },
    { line: 6, cells: ["Cy", "3"] },
  ]);
});

test("semicolon files (spreadsheet exports in many locales) and a BOM are read", () => {
  assert.deepEqual(parseCsv("\uFEFFa;b\n1,5;2\n"), [
    { line: 1, cells: ["a", "b"] },
    { line: 2, cells: ["1,5", "2"] },
  ]);
  assert.deepEqual(parseCsv(""), []);
});
