import type { LayoutEdge, LayoutNode, Positions } from "./layout-types";

const COLUMN_GAP = 72;
const ROW_GAP = 20;
const SWEEPS = 4;

/**
 * A layered layout without ELK: one column per hop from the root (upstream to the left), and
 * within each column an order that keeps edges short (barycentre sweeps, as the first stage of
 * Sugiyama's method, without the rest). Linear in nodes and edges per sweep, so it is safe on the
 * main thread for any graph the page holds: a few milliseconds for 1,000 nodes. Shown while ELK
 * works on a big graph, and instead of ELK's when that takes too long.
 */
export function simpleLayout(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[] = []): Positions {
  const columns = new Map<number, LayoutNode[]>();
  for (const n of nodes) {
    const col = columns.get(n.depth);
    if (col) col.push(n);
    else columns.set(n.depth, [n]);
  }
  const depths = [...columns.keys()].sort((a, b) => a - b);
  orderColumns(depths.map((d) => columns.get(d)!), nodes, edges);

  const widest = Math.max(0, ...nodes.map((n) => n.width));
  const out: Positions = new Map();
  for (const [i, depth] of depths.entries()) {
    const col = columns.get(depth)!;
    const height = col.reduce((sum, n) => sum + n.height + ROW_GAP, -ROW_GAP);
    let y = -height / 2;
    for (const n of col) {
      out.set(n.id, { x: i * (widest + COLUMN_GAP), y });
      y += n.height + ROW_GAP;
    }
  }
  return out;
}

/** Reorders each column in place by the mean row of its neighbours in the columns before (then after). */
function orderColumns(cols: LayoutNode[][], nodes: readonly LayoutNode[], edges: readonly LayoutEdge[]) {
  const colOf = new Map<string, number>();
  cols.forEach((col, c) => col.forEach((n) => colOf.set(n.id, c)));
  const neighbours = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
  for (const e of edges) {
    if (!colOf.has(e.source) || !colOf.has(e.target) || e.source === e.target) continue;
    neighbours.get(e.source)!.push(e.target);
    neighbours.get(e.target)!.push(e.source);
  }
  const row = new Map<string, number>();
  const number = () => cols.forEach((col) => col.forEach((n, i) => row.set(n.id, i / Math.max(1, col.length - 1))));
  number();
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    const forward = sweep % 2 === 0;
    for (let k = 1; k < cols.length; k++) {
      const c = forward ? k : cols.length - 1 - k;
      const key = new Map<string, number>();
      for (const n of cols[c]!) {
        let sum = 0;
        let count = 0;
        for (const m of neighbours.get(n.id)!) {
          const mc = colOf.get(m)!;
          if (forward ? mc < c : mc > c) {
            sum += row.get(m)!;
            count++;
          }
        }
        key.set(n.id, count ? sum / count : row.get(n.id)!);
      }
      cols[c]!.sort((a, b) => key.get(a.id)! - key.get(b.id)!); // stable: ties keep their order
      cols[c]!.forEach((n, i) => row.set(n.id, i / Math.max(1, cols[c]!.length - 1)));
    }
  }
}
