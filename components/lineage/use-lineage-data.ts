"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { capFor, fromWire, graphInput, mergeGraph, ORIGINS_WALK, pathsToConsent, type Direction, type Graph, type GraphNode } from "./graph-model";

/** Paths from a node to where its consent comes from, lit on the graph. */
export interface Highlight {
  target: string;
  nodes: Set<string>;
  edges: Set<string>;
  purposes: number;
  cut: boolean;
}

/**
 * The lineage graph's data: the view (direction and depth), the graph fetched for it, and what the
 * viewer added to it ("Expand one hop", "Show path"), selected or lit. Additions, selection and
 * highlight belong to the view they were made in: changing the view drops them.
 */
export function useLineageData({
  node,
  initialDirection,
  initialDepth,
  onViewChange,
  onRoot,
}: {
  node: string;
  initialDirection: Direction;
  initialDepth: number;
  onViewChange?: (view: { direction: Direction; depth: number }) => void;
  onRoot?: (root: GraphNode) => void;
}) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [direction, setDirection] = useState<Direction>(initialDirection);
  const [depth, setDepth] = useState(initialDepth);
  const input = graphInput(node, direction, depth);
  const key = JSON.stringify(input);
  const query = useQuery({ ...trpc.lineage.graph.queryOptions(input), placeholderData: (prev) => prev, select: fromWire });

  // What "Expand one hop" and "Show path" merged in, for this view only; selection likewise.
  const [merged, setMerged] = useState<{ key: string; graph: Graph } | null>(null);
  const [picked, setPicked] = useState<{ key: string; node: string } | null>(null);
  const [highlight, setHighlight] = useState<({ key: string } & Highlight) | null>(null);
  const graph: Graph | undefined = merged?.key === key ? merged.graph : query.data;
  const selected = picked?.key === key ? picked.node : null;
  const lit: Highlight | null = highlight?.key === key ? highlight : null;
  const select = (n: string | null) => setPicked(n ? { key, node: n } : null);

  const rootNode = graph?.nodes.find((n) => n.node === graph.root);
  useEffect(() => {
    if (rootNode) onRoot?.(rootNode);
  }, [rootNode, onRoot]);

  const expand = useMutation({
    mutationFn: (target: string) => qc.fetchQuery(trpc.lineage.graph.queryOptions({ node: target, direction, depth: 1, cap: capFor(direction) })).then(fromWire),
    onSuccess: (extra, target) => graph && setMerged({ key, graph: mergeGraph(graph, extra, target) }),
  });
  // The whole upstream closure is fetched first, so no path is missed for want of depth.
  const origins = useMutation({
    mutationFn: (target: string) => qc.fetchQuery(trpc.lineage.graph.queryOptions({ node: target, direction: "upstream", ...ORIGINS_WALK })).then(fromWire),
    onSuccess: (extra, target) => {
      if (!graph) return;
      const next = mergeGraph(graph, extra, target);
      setMerged({ key, graph: next });
      setHighlight({ key, target, ...pathsToConsent(next.edges, target), cut: extra.partial });
    },
  });

  const changeView = (dir: Direction, d: number) => {
    setDirection(dir);
    setDepth(d);
    onViewChange?.({ direction: dir, depth: d });
  };

  return {
    query,
    graph,
    rootNode,
    direction,
    depth,
    changeView,
    selected,
    select,
    lit,
    clearHighlight: () => setHighlight(null),
    expand,
    origins,
  };
}
