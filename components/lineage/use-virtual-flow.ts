"use client";

import { MarkerType, Position, useReactFlow, useStore, useStoreApi, type Edge, type ReactFlowState } from "@xyflow/react";
import { useCallback, useEffect, useEffectEvent, useLayoutEffect, useMemo, useRef, useState } from "react";
import { edgeId, kindLabel, type Graph } from "./graph-model";
import { chooseFlow, type Flow, type Positions } from "./layout-types";
import { NODE_HEIGHT, NODE_WIDTH, SENSITIVITY_STYLE, nodeTypes, type LineageFlowNode } from "./lineage-node";
import { LINE_COLOURS, buildScene, contains, grown, sceneWithin, visibleRect, type Rect } from "./overview";
import type { Highlight } from "./use-lineage-data";
import { useElkLayout } from "./use-elk-layout";
import { onViewportChange } from "./viewport";

const FIT = { padding: 0.12, maxZoom: 1.25, minZoom: 0.05 };
const NO_EDGES: Edge[] = [];
// Above this, nodes are no tab stops (the list view is the keyboard route) and off-screen ones are not drawn.
const BIG = 300;
// Below about 50% a big graph is drawn on one canvas instead of as 1,000 DOM nodes: their text is
// unreadable there, and mounting them all is what stalls the page (see overview.ts). Two
// thresholds, so a zoom that hovers around one does not switch back and forth.
const OVERVIEW_BELOW = 0.45;
const NODES_ABOVE = 0.55;

/**
 * The graph as React Flow draws it: laid out (ELK in a worker), turned into React Flow's nodes and
 * edges, and for a big graph cut down to the part around the screen, or to none of it when zoomed
 * out (the canvas overview draws the scene then). Also places the viewport on each new layout.
 */
/** Roughly the graph's box on a phone: the page's width less its margins, by the canvas's height. */
const PHONE_BOX = { width: 350, height: 560 };

export function useVirtualFlow(graph: Graph | undefined, selected: string | null, lit: Highlight | null, narrow = false) {
  const rf = useReactFlow<LineageFlowNode>();
  const layoutInput = useMemo(() => {
    if (!graph) return null;
    return {
      nodes: graph.nodes.map((n) => ({ id: n.node, width: NODE_WIDTH, height: NODE_HEIGHT, depth: n.depth })),
      edges: graph.edges.map((e) => ({ source: e.from, target: e.to })),
    };
  }, [graph]);
  // On a phone, whichever way this graph fits larger; elsewhere left to right, as always.
  const flow: Flow = useMemo(() => (narrow && layoutInput ? chooseFlow(layoutInput.nodes, PHONE_BOX) : "across"), [narrow, layoutInput]);
  const layout = useElkLayout(layoutInput?.nodes ?? null, layoutInput?.edges ?? null, flow);
  const positions = layout.positions;
  const zoomedOut = useZoomedOut();
  // Every node as React Flow takes it, built once per layout. Fixed sizes and handle points are
  // given up front, so React Flow draws edges without measuring the nodes first.
  const flowNodes = useMemo(() => {
    const out = new Map<string, LineageFlowNode>();
    if (!graph || !positions) return out;
    for (const n of graph.nodes) {
      const position = positions.get(n.node);
      if (!position) continue; // new from an expansion: appears with the next layout
      out.set(n.node, {
        id: n.node,
        type: n.kind in nodeTypes ? n.kind : "dataset",
        position,
        data: { ...n, isRoot: n.node === graph.root, flow },
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
        measured: { width: NODE_WIDTH, height: NODE_HEIGHT },
        handles:
          flow === "down"
            ? [
                { type: "target", position: Position.Top, x: NODE_WIDTH / 2, y: 0 },
                { type: "source", position: Position.Bottom, x: NODE_WIDTH / 2, y: NODE_HEIGHT },
              ]
            : [
                { type: "target", position: Position.Left, x: 0, y: NODE_HEIGHT / 2 },
                { type: "source", position: Position.Right, x: NODE_WIDTH, y: NODE_HEIGHT / 2 },
              ],
        ariaLabel: `${n.members ? "Group" : kindLabel(n.kind)}: ${n.label}${n.sensitivity ? `, ${SENSITIVITY_STYLE[n.sensitivity]?.label ?? n.sensitivity}` : ""}`,
      });
    }
    return out;
  }, [graph, positions, flow]);

  // A big graph: React Flow gets only the part around the screen, and far out none of it (the
  // canvas overview draws it all). Counted on the current graph's placed nodes: after a change of
  // depth, the last graph's layout stays until the new one is done.
  const big = flowNodes.size > BIG;
  const overview = zoomedOut && big;

  // ELK's layout places the same nodes as the simple one before it: the edges are kept then ("all"
  // placed), and rebuilt only when the set of placed nodes changes (an expansion's new nodes wait
  // for the next layout).
  const allPlaced = !!graph && flowNodes.size === graph.nodes.length;
  const placement = positions === null ? null : allPlaced ? "all" : positions;
  const flowEdges = useMemo<Edge[]>(() => {
    if (!graph || !placement) return [];
    const label = new Map(graph.nodes.map((n) => [n.node, n.label] as const));
    return graph.edges
      .filter((e) => placement === "all" || (placement.has(e.from) && placement.has(e.to)))
      .map((e) => {
        const id = edgeId(e);
        const on = lit?.edges.has(id);
        const color = on ? LINE_COLOURS.litEdge : LINE_COLOURS.edge;
        return {
          id,
          source: e.from,
          target: e.to,
          markerEnd: { type: MarkerType.ArrowClosed, color, width: 16, height: 16 },
          // Edges are not clicked: no invisible wide hit path beside each drawn one (half the SVG
          // the browser styles and lays out when a big graph is fitted to view).
          interactionWidth: 0,
          style: { stroke: color, strokeWidth: on ? 2.5 : 1.25, opacity: lit && !on ? 0.15 : 1 },
          ariaLabel: `${label.get(e.from) ?? e.from} feeds ${label.get(e.to) ?? e.to}`,
        };
      });
  }, [graph, placement, lit]);

  const scene = useMemo(
    () => (graph && positions ? buildScene(graph.nodes, graph.edges, positions, { width: NODE_WIDTH, height: NODE_HEIGHT }, graph.root, flow) : null),
    [graph, positions, flow],
  );
  // React Flow indexes every node and edge it is given, again on each change, and checks each
  // edge's visibility on every viewport change: with 1,000 nodes and 3,000 edges, that made each
  // step of opening a big graph a long task on a slow machine. So it is given the part of the
  // graph around the screen (see useFlowArea), which keeps its work to the screen's size.
  const [area, followViewport] = useFlowArea(big && !overview, positions);
  const within = useMemo(() => (scene && area ? sceneWithin(scene, area) : null), [scene, area]);
  const nodes = useMemo<LineageFlowNode[]>(() => {
    if (!big) return [...flowNodes.values()];
    if (overview || !within) return [];
    return [...flowNodes.values()].filter((n) => within.nodes.has(n.id));
  }, [flowNodes, big, overview, within]);
  const edges = useMemo<Edge[]>(() => (!big ? flowEdges : overview || !within ? [] : flowEdges.filter((e) => within.edges.has(e.id))), [flowEdges, big, overview, within]);
  // A big graph is first drawn in two steps, nodes and then edges: drawing both at once was one
  // long task on a slow machine, and the boxes are up sooner. (The edges come after the frame that
  // draws the nodes, in a task of their own: set in that frame, React drew them in the same task
  // as React Flow's measuring of the new nodes.)
  const [edgesShown, setEdgesShown] = useState(false);
  useEffect(() => {
    if (!big || edgesShown) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const raf = requestAnimationFrame(() => (timer = setTimeout(() => setEdgesShown(true))));
    return () => {
      cancelAnimationFrame(raf);
      clearTimeout(timer);
    };
  }, [big, edgesShown]);
  const shownEdges = big && !edgesShown ? NO_EDGES : edges;
  // Fits the whole graph, also the part React Flow was not given.
  const fitAll = (duration?: number) => void (big && scene ? rf.fitBounds(scene.bounds, { padding: FIT.padding, duration }) : rf.fitView({ ...FIT, duration }));

  // A big graph is centred on the selected node or the root at a readable zoom (1,000 nodes fitted
  // are unreadable specks; "Fit to view" shows them on the canvas overview). That happens in a
  // layout effect, before React Flow draws the new layout's nodes: so it mounts the nodes around
  // the focus once, not first those around the old viewport and then these. A small graph is
  // fitted once its nodes are in React Flow's store. "drawn" marks the layout on screen for tests
  // and the benchmark.
  const [drawn, setDrawn] = useState<Positions | null>(null);
  const centredOn = useRef<Positions | null>(null);
  // Effect events: they read this render's graph, selection and size, but only a new layout runs
  // them (a new selection alone does not move the viewport).
  const centreOnLayout = useEffectEvent((placed: Positions | null) => {
    const focus = big && placed && graph ? (placed.get(selected ?? "") ?? placed.get(graph.root)) : undefined;
    if (focus) void rf.setCenter(focus.x + NODE_WIDTH / 2, focus.y + NODE_HEIGHT / 2, { zoom: Math.max(rf.getZoom(), 0.75) });
    centredOn.current = focus ? placed : null;
    // The part of the graph React Flow gets follows at once (before the browser paints).
    if (focus) followViewport();
  });
  const fitUnlessCentred = useEffectEvent((placed: Positions) => {
    if (centredOn.current !== placed) fitAll();
  });
  useLayoutEffect(() => centreOnLayout(positions), [positions]);
  useEffect(() => {
    if (!positions) return;
    let raf = requestAnimationFrame(() => {
      fitUnlessCentred(positions);
      raf = requestAnimationFrame(() => setDrawn(positions));
    });
    return () => cancelAnimationFrame(raf);
  }, [positions]);

  return {
    layout,
    positions,
    /** Which way the graph reads: top to bottom on a phone when that fits it larger. */
    readsAs: flow,
    /** Layout still to come: ELK is working, or has not yet been handed this graph. */
    running: layout.status === "running" || (layoutInput !== null && positions === null),
    flowNodes,
    big,
    overview,
    scene,
    nodes,
    edges: shownEdges,
    /** The current layout is on screen with all its edges (a big graph's simple one while ELK still works). */
    drawn: positions !== null && drawn === positions && shownEdges === edges,
    fitAll,
  };
}

/**
 * Whether the viewport is zoomed out far enough for the canvas overview, with hysteresis: it
 * switches below OVERVIEW_BELOW and back above NODES_ABOVE. The last answer is kept in a ref the
 * store's selector reads; it is updated in a layout effect, so before any effect of this render
 * moves the viewport.
 */
function useZoomedOut(): boolean {
  const wasZoomedOut = useRef(false);
  const zoomedOut = useStore(useCallback((s: ReactFlowState) => s.transform[2] < (wasZoomedOut.current ? NODES_ABOVE : OVERVIEW_BELOW), []));
  useLayoutEffect(() => {
    wasZoomedOut.current = zoomedOut;
  });
  return zoomedOut;
}

/**
 * A big graph's part around the screen, in graph units: what the screen shows and half as much
 * again on each side, so panning does not reach its edge before it moves. It moves only when the
 * screen leaves it, so React Flow gets new nodes every half screen of panning, not every frame.
 * Null while off, and until it is made for the current layout (so React Flow is never handed the
 * part of an old view). The second value makes it follow the viewport at once.
 */
function useFlowArea(on: boolean, layout: Positions | null): [Rect | null, () => void] {
  const store = useStoreApi();
  const [area, setArea] = useState<{ rect: Rect; layout: Positions | null } | null>(null);
  const now = useRef({ on, layout });
  const follow = useCallback(() => {
    const s = store.getState();
    const { on, layout } = now.current;
    if (!on || !s.width || !s.height) return;
    const seen = visibleRect(s.transform, s.width, s.height);
    setArea((a) => (a && a.layout === layout && contains(a.rect, seen) ? a : { rect: grown(seen, 0.5), layout }));
  }, [store]);
  // Layout effects, so the area is there before the browser paints (and before React Flow's
  // store is handed the nodes in the passive effects).
  useLayoutEffect(() => {
    now.current = { on, layout };
  });
  useLayoutEffect(() => {
    if (!on) return;
    follow();
    const unsubscribe = onViewportChange(store, follow);
    return () => {
      unsubscribe();
      setArea(null);
    };
  }, [on, store, follow]);
  return [on && area?.layout === layout ? area.rect : null, follow];
}
