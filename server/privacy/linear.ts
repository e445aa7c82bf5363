/**
 * Which unknowns a system of linear equations pins down. Exact (BigInt, fraction-free Gauss–Jordan
 * elimination, rows kept small by their gcd): a float rounding error would decide privacy here.
 */

/** One equation over unknowns: Σ coefficient × unknown = a known right-hand side (its value is irrelevant here). */
export type Equation = Map<number, bigint>;

const abs = (x: bigint) => (x < 0n ? -x : x);
function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}

function normalise(row: Map<number, bigint>) {
  let g = 0n;
  for (const v of row.values()) g = gcd(g, v);
  if (g > 1n) for (const [c, v] of row) row.set(c, v / g);
}

/**
 * The unknowns whose value the equations determine, i.e. whose unit vector lies in the row space.
 * In reduced row echelon form that is exactly a row with a single non-zero entry.
 */
export function determinedUnknowns(equations: Equation[]): Set<number> {
  const rows = equations.map((e) => new Map([...e].filter(([, v]) => v !== 0n))).filter((r) => r.size > 0);
  const columns = [...new Set(rows.flatMap((r) => [...r.keys()]))].sort((a, b) => a - b);
  let rank = 0;
  for (const col of columns) {
    const p = rows.findIndex((r, i) => i >= rank && r.has(col));
    if (p < 0) continue;
    [rows[rank], rows[p]] = [rows[p]!, rows[rank]!];
    const pivot = rows[rank]!;
    const pv = pivot.get(col)!;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const a = i === rank ? undefined : row.get(col);
      if (a === undefined) continue;
      // row := row·pv − pivot·a, which clears `col` without fractions.
      for (const [c, v] of row) row.set(c, v * pv);
      for (const [c, v] of pivot) {
        const next = (row.get(c) ?? 0n) - v * a;
        if (next === 0n) row.delete(c);
        else row.set(c, next);
      }
      normalise(row);
    }
    rank++;
  }
  const determined = new Set<number>();
  for (const row of rows.slice(0, rank)) if (row.size === 1) determined.add(row.keys().next().value!);
  return determined;
}
