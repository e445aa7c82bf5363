import { LAYER_GAP, ROW_GAP, type LayoutEdge, type LayoutNode, type Positions } from "./layout-types";

/** Graphs up to this many boxes (a grouped big graph is a handful) are laid out here, without ELK. */
export const SMALL_UP_TO = 12;

/**
 * A layered layout for a handful of boxes, on the main thread in well under a millisecond: ELK's
 * worker costs about a second to start and initialise, most of the time to first drawing of a
 * grouped 1,000-node graph. Left to right as ELK lays out (layers by longest path, a box's
 * predecessors to its left, a source pulled next to what it feeds), rows ordered by barycentre and
 * each box centred on its neighbours, with ELK's gaps.
 */
export function smallLayout(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[]): Positions {
  const n = nodes.length;
  const index = new Map(nodes.map((node, i) => [node.id, i] as const));
  const order = nodes.map((_, i) => i).sort((a, b) => nodes[a]!.depth - nodes[b]!.depth || a - b);
  const out = dagEdges(
    nodes.map((x) => x.depth),
    order,
    edges,
    index,
  );
  const ins: number[][] = nodes.map(() => []);
  out.forEach((targets, s) => targets.forEach((t) => ins[t]!.push(s)));

  const layer = layers(order, out, ins);
  const cols: number[][] = [];
  for (const i of order) (cols[layer[i]!] ??= []).push(i);
  const columns = cols.filter(Boolean);
  sortByBarycentre(columns, out, ins);

  const height = Math.max(0, ...nodes.map((x) => x.height));
  const width = Math.max(0, ...nodes.map((x) => x.width));
  const y = new Float64Array(n);
  for (const col of columns) col.forEach((i, r) => (y[i] = r * (height + ROW_GAP)));
  // Centre each column's boxes on their predecessors, then on their successors, then again.
  for (const [forward, from] of [[true, ins] as const, [false, out] as const, [true, ins] as const]) {
    const seq = forward ? columns : [...columns].reverse();
    for (const col of seq) place(col, from, y, height + ROW_GAP);
  }
  const top = Math.min(0, ...y);
  const positions: Positions = new Map();
  columns.forEach((col, c) => col.forEach((i) => positions.set(nodes[i]!.id, { x: c * (width + LAYER_GAP), y: y[i]! - top })));
  return positions;
}

/** Edges as successor lists, with those closing a cycle (found from the root outwards) dropped. */
function dagEdges(nodeDepth: number[], order: number[], edges: readonly LayoutEdge[], index: Map<string, number>): number[][] {
  const n = nodeDepth.length;
  const out: number[][] = Array.from({ length: n }, () => []);
  for (const e of edges) {
    const s = index.get(e.source);
    const t = index.get(e.target);
    if (s !== undefined && t !== undefined && s !== t && !out[s]!.includes(t)) out[s]!.push(t);
  }
  const state = new Uint8Array(n); // 0 unseen, 1 on the stack, 2 done
  const visit = (v: number) => {
    state[v] = 1;
    out[v] = out[v]!.filter((t) => state[t] !== 1);
    for (const t of out[v]!) if (state[t] === 0) visit(t);
    state[v] = 2;
  };
  // From the root outwards, so the edge dropped is the one leading back towards it.
  const nearest = [...order].sort((a, b) => Math.abs(nodeDepth[a]!) - Math.abs(nodeDepth[b]!) || a - b);
  for (const v of nearest) if (state[v] === 0) visit(v);
  return out;
}

/** Longest path from the sources; then each source moves right to just before the nearest box it feeds. */
function layers(order: number[], out: number[][], ins: number[][]): Int32Array {
  const layer = new Int32Array(out.length);
  const pending = ins.map((p) => p.length);
  const queue = order.filter((v) => pending[v] === 0);
  const topo: number[] = [];
  while (queue.length) {
    const v = queue.shift()!;
    topo.push(v);
    for (const t of out[v]!) {
      layer[t] = Math.max(layer[t]!, layer[v]! + 1);
      if (--pending[t]! === 0) queue.push(t);
    }
  }
  for (const v of topo) if (ins[v]!.length === 0 && out[v]!.length > 0) layer[v] = Math.min(...out[v]!.map((t) => layer[t]!)) - 1;
  return layer;
}

/** Orders each column by the mean row of its neighbours, sweeping right and then left, twice. */
function sortByBarycentre(columns: number[][], out: number[][], ins: number[][]) {
  const row = new Map<number, number>();
  const number = (col: number[]) => col.forEach((i, r) => row.set(i, r));
  columns.forEach(number);
  for (let sweep = 0; sweep < 4; sweep++) {
    const forward = sweep % 2 === 0;
    const from = forward ? ins : out;
    const seq = forward ? columns.slice(1) : columns.slice(0, -1).reverse();
    for (const col of seq) {
      const key = new Map(col.map((i) => [i, from[i]!.length ? from[i]!.reduce((sum, m) => sum + row.get(m)!, 0) / from[i]!.length : row.get(i)!] as const));
      col.sort((a, b) => key.get(a)! - key.get(b)!);
      number(col);
    }
  }
}

/** Puts each box of `col` level with the middle of its neighbours in `from`, in order, `step` apart at least, the column shifted to sit on them on average. */
function place(col: number[], from: number[][], y: Float64Array, step: number) {
  const wanted = col.map((i) => (from[i]!.length ? from[i]!.reduce((sum, m) => sum + y[m]!, 0) / from[i]!.length : y[i]!));
  let last = -Infinity;
  const placed = wanted.map((w) => (last = Math.max(w, last + step)));
  const shift = wanted.reduce((sum, w, k) => sum + w - placed[k]!, 0) / col.length;
  col.forEach((i, k) => (y[i] = placed[k]! + shift));
}
