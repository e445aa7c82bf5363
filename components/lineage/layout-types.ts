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

export interface LayoutRequest {
  id: number;
  nodes: LayoutNode[];
  edges: LayoutEdge[];
}

/** Positions as a flat [x0, y0, x1, y1, …] array in the order of the request's nodes: cheap to post. */
export type LayoutResponse = { id: number; positions: number[] } | { id: number; error: string };

export type Positions = Map<string, { x: number; y: number }>;
