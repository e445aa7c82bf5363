// The lineage graph as the page holds it: the server's answer plus what "Expand one hop" merged
// in. Pure functions, so they are tested without a browser.

import { NODE_NAME } from "@/domain/node-name";

export type NodeKind = "purpose" | "source" | "signal" | "segment" | "channel" | "dataset" | "job";
export type Direction = "upstream" | "downstream" | "both";

export interface GraphNode {
  node: string;
  kind: string;
  id: string;
  label: string;
  sensitivity: string | null;
  /** Hops from the root; negative upstream. */
  depth: number;
  /** Set on a group's box (grouping.ts): how many nodes it stands for. */
  members?: number;
}

export interface GraphEdge {
  from: string;
  to: string;
}

export interface Graph {
  root: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  partial: boolean;
}

/** lineage.graph's answer: edges as [from, to] positions in `nodes`. */
export interface WireGraph extends Omit<Graph, "edges"> {
  edges: { relation: "feeds"; pairs: Array<[number, number]> };
}

/** The graph with its edges as named ends again. */
export function fromWire(w: WireGraph): Graph {
  return { ...w, edges: w.edges.pairs.map(([from, to]) => ({ from: w.nodes[from]!.node, to: w.nodes[to]!.node })) };
}

export const KIND_LABELS: Record<NodeKind, string> = {
  purpose: "Consent purpose",
  source: "Data source",
  signal: "Signal",
  segment: "Segment",
  channel: "Channel",
  dataset: "Dataset",
  job: "Pipeline job",
};

export const kindLabel = (kind: string) => KIND_LABELS[kind as NodeKind] ?? kind;

/** The page a node opens, when it has one (datasets, jobs and channels have none). */
export function hrefOf(n: Pick<GraphNode, "kind" | "id">): string | null {
  switch (n.kind) {
    case "segment":
      return `/catalog/segments/${n.id}`;
    case "signal":
      return `/catalog/signals/${n.id}`;
    case "source":
      return `/catalog/sources/${n.id}`;
    case "purpose":
      return "/catalog/purposes";
    default:
      return null;
  }
}

/** The lineage page starting at a node. */
export const lineageHref = (node: string) => `/lineage?node=${encodeURIComponent(node)}`;

/** How far "Show path to consent origins" walks upstream. */
export const ORIGINS_WALK = { depth: 25, cap: 1000 } as const;

export const edgeId = (e: GraphEdge) => `${e.from}>${e.to}`;

/**
 * Merges a neighbourhood fetched around `around` into the graph. New nodes get their hops from the
 * root through `around` (the server counts them from `around`); known nodes keep theirs.
 */
export function mergeGraph(base: Graph, extra: Graph, around: string): Graph {
  const known = new Map(base.nodes.map((n) => [n.node, n] as const));
  const offset = known.get(around)?.depth ?? 0;
  const nodes = [...base.nodes];
  for (const n of extra.nodes) {
    if (known.has(n.node)) continue;
    const added = { ...n, depth: offset + n.depth };
    known.set(n.node, added);
    nodes.push(added);
  }
  const seen = new Set(base.edges.map(edgeId));
  const edges = [...base.edges];
  for (const e of extra.edges) {
    if (!seen.has(edgeId(e))) {
      seen.add(edgeId(e));
      edges.push(e);
    }
  }
  return { root: base.root, nodes, edges, partial: base.partial };
}

function reach(start: string, next: Map<string, string[]>): Set<string> {
  const seen = new Set([start]);
  const stack = [start];
  while (stack.length) {
    for (const m of next.get(stack.pop()!) ?? []) {
      if (!seen.has(m)) {
        seen.add(m);
        stack.push(m);
      }
    }
  }
  return seen;
}

/**
 * Every path from a consent purpose to `target` over the loaded edges: the nodes that lie
 * downstream of some purpose and upstream of the target, and the edges between them. Linear in
 * the graph's size, and cycles are harmless.
 */
export function pathsToConsent(edges: readonly GraphEdge[], target: string): { nodes: Set<string>; edges: Set<string>; purposes: number } {
  const into = new Map<string, string[]>();
  const outOf = new Map<string, string[]>();
  for (const e of edges) {
    (into.get(e.to) ?? into.set(e.to, []).get(e.to)!).push(e.from);
    (outOf.get(e.from) ?? outOf.set(e.from, []).get(e.from)!).push(e.to);
  }
  const upstream = reach(target, into);
  const purposes = [...upstream].filter((n) => n.startsWith("purpose:"));
  const onPath = new Set<string>();
  for (const p of purposes) for (const n of reach(p, outOf)) if (upstream.has(n)) onPath.add(n);
  const pathEdges = new Set(edges.filter((e) => onPath.has(e.from) && onPath.has(e.to)).map(edgeId));
  return { nodes: onPath, edges: pathEdges, purposes: purposes.length };
}

// React Flow stays usable to about 1,000 nodes (STACK.md); "both" runs two closures of `cap` each.
export const capFor = (d: Direction) => (d === "both" ? 500 : 1000);

export const graphInput = (node: string, direction: Direction, depth: number) => ({ node, direction, depth, cap: capFor(direction) });

export const DEFAULT_DEPTH = 3;

/** The lineage page's view from its query string (?node=…&direction=…&depth=…), defaults filled in. */
export function readView(get: (name: string) => string | undefined): { node: string | null; direction: Direction; depth: number } {
  const node = get("node");
  const dir = get("direction");
  const depth = Number(get("depth"));
  return {
    node: node && NODE_NAME.test(node) ? node : null,
    direction: dir === "upstream" || dir === "downstream" || dir === "both" ? dir : "both",
    depth: Number.isInteger(depth) && depth >= 1 && depth <= 10 ? depth : DEFAULT_DEPTH,
  };
}
