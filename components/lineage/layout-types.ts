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
