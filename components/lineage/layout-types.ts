/** What the layout needs of a node: its size, and its hops from the root (for the fallback). */
export interface LayoutNode {
  id: string;
  width: number;
  height: number;
  /** Hops from the graph's root; negative upstream. */
  depth: number;
}

export interface LayoutEdge {
  source: string;
  target: string;
}

/**
 * Which way the graph reads: upstream to downstream left to right (`across`), or top to bottom
 * (`down`), which a phone's narrow screen fits better: a chain of hops grows down the page, which
 * scrolls, instead of across it.
 */
export type Flow = "across" | "down";

/** ELK's spacing (layout.worker.ts), which the small and simple layouts keep so every graph reads alike: between layers, and between boxes in a layer. */
export const LAYER_GAP = 72;
export const ROW_GAP = 20;

export interface LayoutRequest {
  id: number;
  nodes: LayoutNode[];
  edges: LayoutEdge[];
  flow: Flow;
}

/** Positions as a flat [x0, y0, x1, y1, …] array in the order of the request's nodes: cheap to post. */
export type LayoutResponse = { id: number; positions: number[] } | { id: number; error: string };

export type Positions = Map<string, { x: number; y: number }>;

/**
 * A left-to-right layout turned top to bottom: laid out with each box's width and height swapped,
 * then each position's x and y swapped, so layers become rows and the order within a layer runs
 * across. The across layouts (small-layout, simple-layout) serve both flows this way.
 */
export function inFlow<E>(flow: Flow, layout: (nodes: readonly LayoutNode[], edges: readonly E[]) => Positions, nodes: readonly LayoutNode[], edges: readonly E[]): Positions {
  if (flow === "across") return layout(nodes, edges);
  const turned = layout(
    nodes.map((n) => ({ ...n, width: n.height, height: n.width })),
    edges,
  );
  return new Map([...turned].map(([id, p]) => [id, { x: p.y, y: p.x }]));
}

/**
 * Which way a graph reads best in a box of this size: the one whose fitted view is larger. From
 * the hops alone, before any layout: a layer per hop, as wide as its most populous hop. A deep
 * chain reads top to bottom on a phone; a wide fan-out (300 datasets off one job) stays left to
 * right, a tall column that the page scrolls, rather than a strip 300 boxes wide.
 */
export function chooseFlow(nodes: readonly LayoutNode[], box: { width: number; height: number }): Flow {
  if (nodes.length === 0) return "across";
  const perHop = new Map<number, number>();
  for (const n of nodes) perHop.set(n.depth, (perHop.get(n.depth) ?? 0) + 1);
  const layers = perHop.size;
  const widest = Math.max(...perHop.values());
  const { width: w, height: h } = nodes[0]!;
  const fit = (width: number, height: number) => Math.min(box.width / width, box.height / height);
  const across = fit(layers * (w + LAYER_GAP), widest * (h + ROW_GAP));
  const down = fit(widest * (w + ROW_GAP), layers * (h + LAYER_GAP));
  return down > across ? "down" : "across";
}
