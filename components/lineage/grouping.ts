import { edgeId, kindLabel, type Graph, type GraphEdge, type GraphNode } from "./graph-model";

/**
 * Big graphs drawn in groups: nodes of one kind, at one hop, fed by the same node (or the same
 * group) become one box ("312 segments"), expandable in place. Fitted to view, 1,000 boxes are an
 * unreadable strip; a few dozen groups are a picture of where the data goes. Pure, so it is tested
 * without a browser.
 */

/** Graphs with more nodes than this are grouped. */
export const GROUP_ABOVE = 150;
/** Fewer siblings than this stay single boxes. */
export const MIN_GROUP = 5;

export interface GroupInfo {
  kind: string;
  depth: number;
  /** The node (or group) that feeds them, or that they feed upstream of the root. */
  parent: string | null;
  members: string[];
}

export interface Grouped {
  /** The graph as drawn: groups stand for their members. */
  graph: Graph;
  groups: Map<string, GroupInfo>;
  /** A grouped node's group. */
  groupOf: Map<string, string>;
}

const SENSITIVITY_ORDER = ["public", "internal", "confidential", "restricted"];
const moreSensitive = (a: string | null, b: string | null) => (SENSITIVITY_ORDER.indexOf(b ?? "") > SENSITIVITY_ORDER.indexOf(a ?? "") ? b : a);

const plural = (kind: string, n: number) => {
  const label = kindLabel(kind).toLowerCase();
  return n === 1 ? label : label.endsWith("s") ? label : `${label}s`;
};

export const isGroup = (n: Pick<GraphNode, "node">) => n.node.startsWith("group:");

/**
 * Groups `graph` when it has more than `above` nodes. `expanded` holds groups the viewer opened;
 * their members are drawn one by one (and their children may still be grouped under each).
 */
export function groupGraph(graph: Graph, expanded: ReadonlySet<string>, opts: { above?: number; min?: number } = {}): Grouped {
  const above = opts.above ?? GROUP_ABOVE;
  const min = opts.min ?? MIN_GROUP;
  const groups = new Map<string, GroupInfo>();
  const groupOf = new Map<string, string>();
  if (graph.nodes.length <= above) return { graph, groups, groupOf };

  const byId = new Map(graph.nodes.map((n) => [n.node, n] as const));
  // A node's parent is a neighbour one hop nearer the root: upstream of it when downstream of the
  // root, downstream of it when upstream. The smallest id wins, so the grouping is stable.
  const parentOf = new Map<string, string>();
  for (const e of graph.edges) {
    const from = byId.get(e.from);
    const to = byId.get(e.to);
    if (!from || !to) continue;
    const [child, parent] = to.depth > 0 && from.depth === to.depth - 1 ? [to, from] : from.depth < 0 && to.depth === from.depth + 1 ? [from, to] : [null, null];
    if (!child || !parent) continue;
    const known = parentOf.get(child.node);
    if (known === undefined || parent.node < known) parentOf.set(child.node, parent.node);
  }

  // Nearest hops first, so a parent's own group is known before its children are bucketed.
  const ordered = [...graph.nodes].sort((a, b) => Math.abs(a.depth) - Math.abs(b.depth) || a.node.localeCompare(b.node));
  const represent = (n: string) => groupOf.get(n) ?? n;
  let layer = -1;
  let buckets = new Map<string, GraphNode[]>();
  const close = () => {
    for (const [key, members] of buckets) {
      const id = `group:${key}`;
      if (members.length < min || expanded.has(id)) continue;
      const [kind, depth, parent] = splitKey(key);
      groups.set(id, { kind, depth, parent, members: members.map((m) => m.node) });
      for (const m of members) groupOf.set(m.node, id);
    }
    buckets = new Map();
  };
  for (const n of ordered) {
    if (Math.abs(n.depth) !== layer) {
      close();
      layer = Math.abs(n.depth);
    }
    if (n.node === graph.root) continue;
    const parent = parentOf.get(n.node);
    const key = `${n.kind}|${n.depth}|${parent === undefined ? "" : represent(parent)}`;
    (buckets.get(key) ?? buckets.set(key, []).get(key)!).push(n);
  }
  close();
  if (groups.size === 0) return { graph, groups, groupOf };

  const nodes: GraphNode[] = [];
  const drawnGroups = new Set<string>();
  for (const n of graph.nodes) {
    const g = groupOf.get(n.node);
    if (!g) {
      nodes.push(n);
      continue;
    }
    if (drawnGroups.has(g)) continue;
    drawnGroups.add(g);
    const info = groups.get(g)!;
    const sensitivity = info.members.reduce<string | null>((s, m) => moreSensitive(s, byId.get(m)!.sensitivity), null);
    nodes.push({ node: g, kind: info.kind, id: g, label: `${info.members.length} ${plural(info.kind, info.members.length)}`, sensitivity, depth: info.depth, members: info.members.length });
  }
  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  for (const e of graph.edges) {
    const edge = { from: represent(e.from), to: represent(e.to) };
    if (edge.from === edge.to || seen.has(edgeId(edge))) continue;
    seen.add(edgeId(edge));
    edges.push(edge);
  }
  return { graph: { ...graph, nodes, edges }, groups, groupOf };
}

function splitKey(key: string): [string, number, string | null] {
  const [kind, depth, ...rest] = key.split("|");
  const parent = rest.join("|");
  return [kind!, Number(depth), parent === "" ? null : parent];
}
