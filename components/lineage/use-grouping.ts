"use client";

import { useMemo, useState } from "react";
import { edgeId, type Graph } from "./graph-model";
import { GROUP_ABOVE, groupGraph, type Grouped } from "./grouping";
import type { Highlight } from "./use-lineage-data";

const NONE: ReadonlySet<string> = new Set();

/**
 * The graph as drawn: grouped when big (grouping.ts), with the groups the viewer opened in place.
 * Opened groups belong to the view (`viewKey`): a new direction or depth starts grouped again.
 */
export function useGrouping(graph: Graph | undefined, lit: Highlight | null, viewKey: string) {
  const [state, setState] = useState<{ key: string; expanded: ReadonlySet<string>; off: boolean } | null>(null);
  const mine = state?.key === viewKey ? state : null;
  const expanded = mine?.expanded ?? NONE;
  const off = mine?.off ?? false;

  const grouped = useMemo<Grouped | undefined>(() => {
    if (!graph) return undefined;
    return off ? { graph, groups: new Map(), groupOf: new Map() } : groupGraph(graph, expanded);
  }, [graph, expanded, off]);

  // A highlighted node inside a group lights its group, and an edge between two lit boxes.
  const shownLit = useMemo<Highlight | null>(() => {
    if (!lit || !grouped || grouped.groups.size === 0) return lit;
    const nodes = new Set([...lit.nodes].map((n) => grouped.groupOf.get(n) ?? n));
    const edges = new Set(grouped.graph.edges.filter((e) => nodes.has(e.from) && nodes.has(e.to)).map(edgeId));
    return { ...lit, nodes, edges };
  }, [lit, grouped]);

  const expandGroup = (group: string) => setState({ key: viewKey, expanded: new Set([...expanded, group]), off });
  return {
    grouped,
    lit: shownLit,
    /** Opens a group in place. */
    expandGroup,
    /** Opens the group a node is drawn in, if any, so it can be shown and selected. */
    reveal: (node: string) => {
      const group = grouped?.groupOf.get(node);
      if (group) expandGroup(group);
    },
    /** Whether the graph is big enough to be grouped, and whether the viewer turned grouping off. */
    groupable: (graph?.nodes.length ?? 0) > GROUP_ABOVE,
    off,
    toggle: () => setState({ key: viewKey, expanded: NONE, off: !off }),
  };
}
