/**
 * Rules 1 and 2 of the privacy rules for a table that releases totals: cells below k are
 * suppressed, then further cells, smallest first, until no suppressed count can be worked out
 * from the released cells and totals (rows, columns, days against weeks). Pure.
 */
import { determinedUnknowns, type Equation } from "./linear";
import { fewerThan, type Release } from "./threshold";

/** Counts that are released together, some of them totals of others. */
export interface LinkedCounts {
  /** Every count the table would show, detail cells and totals alike. */
  values: number[];
  /** Each total is the sum of its parts (indices into `values`). */
  sums: Array<{ total: number; parts: number[] }>;
}

/** The equations the suppressed counts must satisfy once every released count is substituted in. */
export function equationsOver(table: LinkedCounts, suppressed: ReadonlySet<number>): Equation[] {
  return table.sums.map(({ total, parts }) => {
    const eq: Equation = new Map();
    const add = (i: number, c: bigint) => suppressed.has(i) && eq.set(i, (eq.get(i) ?? 0n) + c);
    add(total, 1n);
    for (const p of parts) add(p, -1n);
    return eq;
  });
}

/**
 * Which counts may be shown. Primary suppression: every count below k. Complementary: while some
 * suppressed count is determined by the equations, suppress the smallest released count that
 * shares an equation with it. Throws when no such count is left, which only a table whose sums
 * contradict their own structure can cause (a total listed twice with different parts).
 */
export function protectCounts(table: LinkedCounts, k: number): Release[] {
  const { values } = table;
  const suppressed = new Set<number>();
  values.forEach((v, i) => v < k && suppressed.add(i));
  const primary = new Set(suppressed);
  for (;;) {
    const determined = determinedUnknowns(equationsOver(table, suppressed));
    if (determined.size === 0) break;
    const best = nextToSuppress(table, suppressed, Math.min(...determined));
    suppressed.add(best);
  }
  return values.map((value, i) =>
    !suppressed.has(i)
      ? { released: true, value }
      : primary.has(i)
        ? { released: false, reason: "threshold", message: fewerThan(k) }
        : { released: false, reason: "complementary", message: "withheld so that a smaller count cannot be worked out from the totals" },
  );
}

/**
 * The smallest released count nearest the exposed one: first among the equations it is in; when
 * those hold only suppressed counts (it is pinned through them), among the equations those are
 * in, and so on outwards.
 */
function nextToSuppress(table: LinkedCounts, suppressed: ReadonlySet<number>, exposed: number): number {
  const { values, sums } = table;
  const reached = new Set([exposed]);
  const used = new Set<number>();
  let frontier = [exposed];
  while (frontier.length) {
    let best = -1;
    const next: number[] = [];
    sums.forEach(({ total, parts }, e) => {
      const members = [total, ...parts];
      if (used.has(e) || !members.some((m) => frontier.includes(m))) return;
      used.add(e);
      for (const m of members) {
        if (!suppressed.has(m)) {
          if (best < 0 || values[m]! < values[best]! || (values[m] === values[best] && m < best)) best = m;
        } else if (!reached.has(m)) {
          reached.add(m);
          next.push(m);
        }
      }
    });
    if (best >= 0) return best;
    frontier = next;
  }
  throw new Error(`Count ${exposed} stays derivable with every count linked to it suppressed: the table's sums are inconsistent.`);
}

export interface ReportTableShape {
  /** cells[row][column], e.g. channels × days. */
  cells: number[][];
  rowTotals?: boolean;
  columnTotals?: boolean;
  grandTotal?: boolean;
  /** Columns summed into groups that are shown too (days into weeks): each a list of column indices. */
  columnGroups?: number[][];
}

/** Where each count of a report table sits in its LinkedCounts. */
export interface ReportTable extends LinkedCounts {
  cell: (row: number, column: number) => number;
  rowTotal: (row: number) => number | undefined;
  columnTotal: (column: number) => number | undefined;
  grand: number | undefined;
  group: (row: number, group: number) => number;
  groupTotal: (group: number) => number | undefined;
}

/** A rows × columns table with the totals it shows, as LinkedCounts. */
export function reportTable(shape: ReportTableShape): ReportTable {
  const { cells, rowTotals = true, columnTotals = true, grandTotal = true, columnGroups = [] } = shape;
  const cols = cells[0]?.length ?? 0;
  if (cells.some((r) => r.length !== cols)) throw new RangeError("Every row needs the same number of columns.");
  const values: number[] = [];
  const sums: LinkedCounts["sums"] = [];
  const push = (v: number) => values.push(v) - 1;
  const sumOf = (idx: number[]) => idx.reduce((s, i) => s + values[i]!, 0);
  const total = (parts: number[]) => {
    const at = push(sumOf(parts));
    sums.push({ total: at, parts });
    return at;
  };
  const cellIdx = cells.map((r) => r.map((v) => push(v)));
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  const rowIdx = rowTotals ? cellIdx.map((r) => total(r)) : [];
  const colIdx = columnTotals ? range(cols).map((c) => total(cellIdx.map((r) => r[c]!))) : [];
  const groupIdx = cellIdx.map((r) => columnGroups.map((g) => total(g.map((c) => r[c]!))));
  const groupTotalIdx = columnTotals ? columnGroups.map((g) => total(g.map((c) => colIdx[c]!))) : [];
  // Only groups that cover every column once (whole weeks) also add up to the rows' and the grand totals.
  const covered = columnGroups.flat().sort((a, b) => a - b);
  const partition = columnGroups.length > 0 && covered.length === cols && covered.every((c, i) => c === i);
  // A group's column total is also the sum of that group over the rows: one more way to subtract.
  groupTotalIdx.forEach((at, w) => sums.push({ total: at, parts: groupIdx.map((r) => r[w]!) }));
  let grand: number | undefined;
  if (grandTotal) {
    grand = total(cellIdx.flat());
    if (rowTotals) sums.push({ total: grand, parts: rowIdx });
    if (columnTotals) sums.push({ total: grand, parts: colIdx });
    if (columnTotals && partition) sums.push({ total: grand, parts: groupTotalIdx });
  }
  if (partition) rowIdx.forEach((at, r) => sums.push({ total: at, parts: groupIdx[r]! }));
  return {
    values,
    sums,
    cell: (r, c) => cellIdx[r]![c]!,
    rowTotal: (r) => rowIdx[r],
    columnTotal: (c) => colIdx[c],
    grand,
    group: (r, w) => groupIdx[r]![w]!,
    groupTotal: (w) => groupTotalIdx[w],
  };
}
