import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvCell, csvRow } from "./csv";

const FORMULA = /^[=+\-@\t\r]/;
const parseCsv = (text: string): string[][] => parse(text, { relax_column_count: false, record_delimiter: "\r\n" });
/** What a reader gets back for a value: the value, with a `'` before a formula. */
const expected = (s: string) => (FORMULA.test(s) ? `'${s}` : s);

// Every code point, including quotes, commas, CR, LF and astral characters.
const anyString = fc.string({ unit: "grapheme", maxLength: 40 });
const trickyString = fc.string({ unit: fc.constantFrom("=", "+", "-", "@", "\t", "\r", "\n", '"', ",", "'", " ", "a", "é", "😀"), maxLength: 12 });
const cell = fc.oneof(anyString, trickyString);

describe("CSV encoding", () => {
  it("round-trips any row of strings through a CSV parser (formulas prefixed with ')", () => {
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 8 }), (row) => {
        const [parsed] = parseCsv(csvRow(row));
        expect(parsed).toEqual(row.map(expected));
      }),
      { numRuns: 2000 },
    );
  });

  it("round-trips many rows, and no parsed cell starts with a formula character", () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 20 }), (rows) => {
        const parsed = parseCsv(rows.map(csvRow).join(""));
        expect(parsed).toEqual(rows.map((r) => r.map(expected)));
        for (const r of parsed) for (const c of r) expect(FORMULA.test(c)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it("never writes a cell that starts with a formula character, quoted or not", () => {
    fc.assert(
      fc.property(cell, (s) => {
        const out = csvCell(s);
        const unquoted = out.startsWith('"') ? out.slice(1) : out;
        expect(FORMULA.test(unquoted)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it("follows RFC 4180 for the usual cases", () => {
    expect(csvRow(["a", "b,c", 'say "hi"', "line\nbreak", null, ""])).toBe('a,"b,c","say ""hi""","line\nbreak",,""\r\n');
    expect(csvRow(["=SUM(A1)", "+1", "-1", "@cmd", "\tx", "\rx"])).toBe("'=SUM(A1),'+1,'-1,'@cmd,'\tx,\"'\rx\"\r\n");
  });
});
