import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { protectCounts, reportTable, type ReportTable, type ReportTableShape } from "./complementary";
import type { Release } from "./threshold";

/**
 * The test's own check, independent of the module's equations: every shown number is a linear
 * functional of the detail cells; a withheld one can be recovered exactly when its functional
 * lies in the span of the released ones' (exact rational elimination with BigInt).
 */
class Span {
  private basis: Array<{ pivot: number; row: bigint[] }> = [];
  private reduce(v: bigint[]) {
    const row = [...v];
    for (const { pivot, row: b } of this.basis) {
      const a = row[pivot]!;
      if (a === 0n) continue;
      const p = b[pivot]!;
      for (let i = 0; i < row.length; i++) row[i] = row[i]! * p - b[i]! * a;
    }
    return row;
  }
  add(v: bigint[]) {
    const row = this.reduce(v);
    const pivot = row.findIndex((x) => x !== 0n);
    if (pivot >= 0) this.basis.push({ pivot, row });
  }
  contains(v: bigint[]) {
    return this.reduce(v).every((x) => x === 0n);
  }
}

interface Shown {
  label: string;
  value: number;
  /** Which detail cells it sums. */
  cells: Array<[number, number]>;
  release: Release;
}

/** Every number the table shows, with what it sums, read through the table's accessors. */
function shownNumbers(shape: ReportTableShape, table: ReportTable, releases: Release[]): Shown[] {
  const { cells, rowTotals = true, columnTotals = true, grandTotal = true, columnGroups = [] } = shape;
  const rows = cells.length;
  const cols = cells[0]!.length;
  const all = (pred: (r: number, c: number) => boolean) => cells.flatMap((row, r) => row.map((_, c) => [r, c] as [number, number]).filter(([rr, cc]) => pred(rr, cc)));
  const out: Shown[] = [];
  const push = (label: string, idx: number | undefined, members: Array<[number, number]>) => {
    expect(idx, label).toBeDefined();
    out.push({ label, value: members.reduce((s, [r, c]) => s + cells[r]![c]!, 0), cells: members, release: releases[idx!]! });
  };
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) push(`cell ${r},${c}`, table.cell(r, c), [[r, c]]);
  if (rowTotals)
    for (let r = 0; r < rows; r++)
      push(
        `row ${r}`,
        table.rowTotal(r),
        all((rr) => rr === r),
      );
  if (columnTotals)
    for (let c = 0; c < cols; c++)
      push(
        `column ${c}`,
        table.columnTotal(c),
        all((_, cc) => cc === c),
      );
  if (grandTotal)
    push(
      "grand",
      table.grand,
      all(() => true),
    );
  columnGroups.forEach((g, w) => {
    for (let r = 0; r < rows; r++)
      push(
        `group ${r},${w}`,
        table.group(r, w),
        all((rr, cc) => rr === r && g.includes(cc)),
      );
    if (columnTotals)
      push(
        `group total ${w}`,
        table.groupTotal(w),
        all((_, cc) => g.includes(cc)),
      );
  });
  expect(out.length).toBe(releases.length);
  return out;
}

function recoverable(shown: Shown[], cols: number, rows: number): string[] {
  const vector = (s: Shown) => {
    const v = new Array<bigint>(rows * cols).fill(0n);
    for (const [r, c] of s.cells) v[r * cols + c] = 1n;
    return v;
  };
  const span = new Span();
  for (const s of shown) if (s.release.released) span.add(vector(s));
  return shown.filter((s) => !s.release.released && span.contains(vector(s))).map((s) => s.label);
}

/** Columns cut into consecutive groups (days into weeks), sometimes leaving the last ones out. */
const groupsOf = (cols: number) =>
  fc.option(
    fc.tuple(fc.integer({ min: 1, max: Math.max(1, cols) }), fc.boolean()).map(([size, partial]) => {
      const groups: number[][] = [];
      for (let start = 0; start < cols; start += size) groups.push(Array.from({ length: Math.min(size, cols - start) }, (_, i) => start + i));
      return partial && groups.length > 1 ? groups.slice(0, -1) : groups;
    }),
    { nil: undefined },
  );

const tableShape = fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 8 })).chain(([rows, cols]) =>
  fc.record({
    // Mostly large counts with some small ones, as real reports have.
    cells: fc.array(fc.array(fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 400 })), { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }),
    rowTotals: fc.boolean(),
    columnTotals: fc.boolean(),
    grandTotal: fc.boolean(),
    columnGroups: groupsOf(cols),
  }),
);

describe("complementary suppression", () => {
  it("releases no count below k and leaves no withheld count recoverable from the released cells and totals", () => {
    fc.assert(
      fc.property(tableShape, fc.integer({ min: 1, max: 60 }), (shape, k) => {
        const table = reportTable(shape);
        const releases = protectCounts(table, k);
        const shown = shownNumbers(shape, table, releases);
        for (const s of shown) {
          if (s.release.released) {
            expect(s.release.value, s.label).toBe(s.value);
            expect(s.value, s.label).toBeGreaterThanOrEqual(k);
          } else if (s.value < k) expect(s.release.reason, s.label).toBe("threshold");
        }
        expect(recoverable(shown, shape.cells[0]!.length, shape.cells.length)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("the check above catches a table protected by the threshold alone (it can fail)", () => {
    const shape = {
      cells: [
        [3, 100],
        [100, 100],
      ],
    };
    const table = reportTable(shape);
    const thresholdOnly: Release[] = table.values.map((v) => (v >= 10 ? { released: true, value: v } : { released: false, reason: "threshold", message: "fewer than 10" }));
    expect(recoverable(shownNumbers(shape, table, thresholdOnly), 2, 2)).toEqual(["cell 0,0"]);
  });

  it("suppresses the smallest neighbours first", () => {
    const shape = {
      cells: [
        [3, 40, 90],
        [70, 60, 200],
      ],
      grandTotal: false,
      columnTotals: false,
    };
    const table = reportTable(shape);
    const r = protectCounts(table, 10);
    // Row 0 total is shown, so one more cell of row 0 must go: the smaller, 40.
    expect(r[table.cell(0, 0)]).toMatchObject({ released: false, reason: "threshold", message: "fewer than 10" });
    expect(r[table.cell(0, 1)]).toMatchObject({ released: false, reason: "complementary" });
    expect(r[table.cell(0, 2)]).toEqual({ released: true, value: 90 });
    expect(r[table.rowTotal(0)!]).toEqual({ released: true, value: 133 });
    expect(r[table.cell(1, 0)]).toEqual({ released: true, value: 70 });
  });

  it("covers days against weeks: a small day is not left as a week total less six released days", () => {
    const days = [[120, 130, 4, 110, 150, 160, 170, 180, 190, 200, 210, 220, 230, 240]];
    const shape = {
      cells: days,
      rowTotals: false,
      columnTotals: false,
      grandTotal: false,
      columnGroups: [
        [0, 1, 2, 3, 4, 5, 6],
        [7, 8, 9, 10, 11, 12, 13],
      ],
    };
    const table = reportTable(shape);
    const r = protectCounts(table, 50);
    expect(r[table.cell(0, 2)]).toMatchObject({ reason: "threshold" });
    expect(r[table.cell(0, 3)]).toMatchObject({ reason: "complementary" }); // 110, the smallest other day of that week
    expect(r.filter((x) => !x.released)).toHaveLength(2);
    expect(r[table.group(0, 0)]).toEqual({ released: true, value: 844 });
  });

  it("releases everything when nothing is below k", () => {
    const table = reportTable({
      cells: [
        [50, 60],
        [70, 80],
      ],
    });
    expect(protectCounts(table, 50).every((r) => r.released)).toBe(true);
  });
});
