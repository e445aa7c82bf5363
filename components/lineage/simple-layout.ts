import { LAYER_GAP, ROW_GAP, type LayoutEdge, type LayoutNode, type Positions } from "./layout-types";

const SWEEPS = 4;

/**
 * A layered layout without ELK: one column per hop from the root (upstream to the left), and
 * within each column an order that keeps edges short (barycentre sweeps, as the first stage of
 * Sugiyama's method, without the rest). Linear in nodes and edges per sweep, so it is safe on the
 * main thread for any graph the page holds: a few milliseconds for 1,000 nodes. Shown while ELK
 * works on a big graph, and instead of ELK's when that takes too long.
 */
export function simpleLayout(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[] = []): Positions {
  // Node indices throughout, not ids: on a slow machine, 1,000 nodes' Map lookups by string made
  // this a visible part of the page's first drawing.
  const byDepth = new Map<number, number[]>();
  nodes.forEach((n, i) => {
    const col = byDepth.get(n.depth);
    if (col) col.push(i);
    else byDepth.set(n.depth, [i]);
  });
  const cols = [...byDepth.keys()].sort((a, b) => a - b).map((d) => byDepth.get(d)!);
  orderColumns(cols, nodes, edges);

  const widest = Math.max(0, ...nodes.map((n) => n.width));
  const out: Positions = new Map();
  cols.forEach((col, c) => {
    const height = col.reduce((sum, i) => sum + nodes[i]!.height + ROW_GAP, -ROW_GAP);
    let y = -height / 2;
    for (const i of col) {
      out.set(nodes[i]!.id, { x: c * (widest + LAYER_GAP), y });
      y += nodes[i]!.height + ROW_GAP;
    }
  });
  return out;
}

/** Reorders each column in place by the mean row of its neighbours in the columns before (then after). */
function orderColumns(cols: number[][], nodes: readonly LayoutNode[], edges: readonly LayoutEdge[]) {
  const index = new Map(nodes.map((n, i) => [n.id, i] as const));
  const colOf = new Int32Array(nodes.length);
  cols.forEach((col, c) => col.forEach((i) => (colOf[i] = c)));
  const neighbours: number[][] = nodes.map(() => []);
  for (const e of edges) {
    const s = index.get(e.source);
    const t = index.get(e.target);
    if (s === undefined || t === undefined || s === t) continue;
    neighbours[s]!.push(t);
    neighbours[t]!.push(s);
  }
  const row = new Float64Array(nodes.length);
  const number = (col: number[]) => col.forEach((i, r) => (row[i] = r / Math.max(1, col.length - 1)));
  cols.forEach(number);
  const key = new Float64Array(nodes.length);
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    const forward = sweep % 2 === 0;
    for (let k = 1; k < cols.length; k++) {
      const c = forward ? k : cols.length - 1 - k;
      for (const i of cols[c]!) {
        let sum = 0;
        let count = 0;
        for (const m of neighbours[i]!) {
          if (forward ? colOf[m]! < c : colOf[m]! > c) {
            sum += row[m]!;
            count++;
          }
        }
        key[i] = count ? sum / count : row[i]!;
      }
      cols[c]!.sort((a, b) => key[a]! - key[b]!); // stable: ties keep their order
      number(cols[c]!);
    }
  }
}
