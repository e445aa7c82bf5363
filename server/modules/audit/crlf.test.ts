import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { crlfRecords } from "./crlf";
import { csvRow } from "@/domain/csv";

async function collect(chunks: Buffer[]): Promise<string> {
  const out: Buffer[] = [];
  for await (const b of crlfRecords(
    (async function* () {
      yield* chunks;
    })(),
  ))
    out.push(b);
  return Buffer.concat(out).toString("utf8");
}

const cell = fc.string({ unit: fc.constantFrom('"', ",", "\n", "\r", "a", "é", " "), maxLength: 8 });

describe("crlfRecords", () => {
  it("turns record-ending LFs into CRLF and keeps LFs inside quoted values, however the bytes are split", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }), fc.array(fc.nat(), { maxLength: 6 }), async (rows, cuts) => {
        const expected = rows.map(csvRow).join("");
        // What COPY writes: the same quoting, records ended by LF.
        const copy = Buffer.from(rows.map((r) => csvRow(r).slice(0, -2) + "\n").join(""));
        const points = [...new Set(cuts.map((c) => c % (copy.length + 1)))].sort((a, b) => a - b);
        const chunks = [0, ...points, copy.length].slice(1).map((end, i, arr) => copy.subarray(i === 0 ? 0 : arr[i - 1], end));
        expect(await collect(chunks)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});
