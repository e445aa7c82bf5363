import type { LayoutNode, Positions } from "./layout-types";

const COLUMN_GAP = 72;
const ROW_GAP = 20;

/**
 * The fallback when ELK takes too long: one column per hop from the root (upstream to the left),
 * nodes stacked in the order given, each column centred on the root. Linear time, so it is safe
 * on the main thread for any graph the page can hold.
 */
export function simpleLayout(nodes: readonly LayoutNode[]): Positions {
  const columns = new Map<number, LayoutNode[]>();
  for (const n of nodes) {
    const col = columns.get(n.depth);
    if (col) col.push(n);
    else columns.set(n.depth, [n]);
  }
  const depths = [...columns.keys()].sort((a, b) => a - b);
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
