"use client";

import "@xyflow/react/dist/style.css";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Background, ControlButton, Controls, MarkerType, Position, ReactFlow, ReactFlowProvider, useReactFlow, useStore, useStoreApi, type Edge, type ReactFlowState } from "@xyflow/react";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { EmptyState, ErrorState, Spinner } from "@/components/ui/states";
import { DEFAULT_DEPTH, capFor, edgeId, fromWire, graphInput, hrefOf, kindLabel, mergeGraph, ORIGINS_WALK, pathsToConsent, type Direction, type Graph, type GraphNode } from "./graph-model";
import { ListView } from "./list-view";
import { HighlightContext, NODE_HEIGHT, NODE_WIDTH, OVERVIEW_COLOURS, SENSITIVITY_STYLE, nodeTypes, type LineageFlowNode } from "./lineage-node";
import { NodePanel } from "./node-panel";
import { LINE_COLOURS, buildScene, contains, grown, hitTest, sceneWithin, visibleRect, type Look, type Rect } from "./overview";
import type { Positions } from "./layout-types";
import { OverviewCanvas, OverviewMap } from "./overview-layer";
import { useElkLayout } from "./use-elk-layout";
import { onViewportChange } from "./viewport";

export interface LineageGraphProps {
  /** The starting node, e.g. "segment:<uuid>". */
  node: string;
  initialDirection?: Direction;
  initialDepth?: number;
  /** Height of the canvas in pixels. */
  height?: number;
  /** Called when the viewer changes direction or depth, e.g. to keep them in the URL. */
  onViewChange?: (view: { direction: Direction; depth: number }) => void;
  /** Offers "Start the graph here" on the selected node (a link to the lineage page). */
  showExplore?: boolean;
  /** Told the starting node's name and kind once the graph is loaded. */
  onRoot?: (root: GraphNode) => void;
}

const DEPTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const FIT = { padding: 0.12, maxZoom: 1.25, minZoom: 0.05 };
const NO_EDGES: Edge[] = [];
// The minimap shows neither selection nor highlighted paths.
// Above this, nodes are no tab stops (the list view is the keyboard route) and off-screen ones are not drawn.
const BIG = 300;
// Below about 50% a big graph is drawn on one canvas instead of as 1,000 DOM nodes: their text is
// unreadable there, and mounting them all is what stalls the page (see overview.ts). Two
// thresholds, so a zoom that hovers around one does not switch back and forth.
const OVERVIEW_BELOW = 0.45;
const NODES_ABOVE = 0.55;

export function LineageGraph(props: LineageGraphProps) {
  return (
    <ReactFlowProvider>
      <LineageGraphInner {...props} />
    </ReactFlowProvider>
  );
}

function LineageGraphInner({ node, initialDirection = "both", initialDepth = DEFAULT_DEPTH, height = 560, onViewChange, showExplore = false, onRoot }: LineageGraphProps) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const rf = useReactFlow<LineageFlowNode>();
  const ids = useId();
  const [direction, setDirection] = useState<Direction>(initialDirection);
  const [depth, setDepth] = useState(initialDepth);
  const input = graphInput(node, direction, depth);
  const key = JSON.stringify(input);
  const query = useQuery({ ...trpc.lineage.graph.queryOptions(input), placeholderData: (prev) => prev, select: fromWire });

  // What "Expand one hop" and "Show path" merged in, for this view only; selection likewise.
  const [merged, setMerged] = useState<{ key: string; graph: Graph } | null>(null);
  const [picked, setPicked] = useState<{ key: string; node: string } | null>(null);
  const [highlight, setHighlight] = useState<{ key: string; target: string; nodes: Set<string>; edges: Set<string>; purposes: number; cut: boolean } | null>(null);
  const graph: Graph | undefined = merged?.key === key ? merged.graph : query.data;
  const selected = picked?.key === key ? picked.node : null;
  const lit = highlight?.key === key ? highlight : null;
  const select = (n: string | null) => setPicked(n ? { key, node: n } : null);

  const rootNode = graph?.nodes.find((n) => n.node === graph.root);
  useEffect(() => {
    if (rootNode) onRoot?.(rootNode);
  }, [rootNode, onRoot]);

  const layoutInput = useMemo(() => {
    if (!graph) return null;
    return {
      nodes: graph.nodes.map((n) => ({ id: n.node, width: NODE_WIDTH, height: NODE_HEIGHT, depth: n.depth })),
      edges: graph.edges.map((e) => ({ source: e.from, target: e.to })),
    };
  }, [graph]);
  const layout = useElkLayout(layoutInput?.nodes ?? null, layoutInput?.edges ?? null);
  const positions = layout.positions;
  const wasZoomedOut = useRef(false);
  const zoomedOut = useStore(useCallback((s: ReactFlowState) => s.transform[2] < (wasZoomedOut.current ? NODES_ABOVE : OVERVIEW_BELOW), []));
  wasZoomedOut.current = zoomedOut;
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
        data: { ...n, isRoot: n.node === graph.root },
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
        measured: { width: NODE_WIDTH, height: NODE_HEIGHT },
        handles: [
          { type: "target", position: Position.Left, x: 0, y: NODE_HEIGHT / 2 },
          { type: "source", position: Position.Right, x: NODE_WIDTH, y: NODE_HEIGHT / 2 },
        ],
        ariaLabel: `${kindLabel(n.kind)}: ${n.label}${n.sensitivity ? `, ${SENSITIVITY_STYLE[n.sensitivity]?.label ?? n.sensitivity}` : ""}`,
      });
    }
    return out;
  }, [graph, positions]);

  // A big graph: React Flow gets only the part around the screen, and far out none of it (the
  // canvas overview draws it all). Counted on the current graph's placed nodes: after a change of
  // depth, the last graph's layout stays until the new one is done.
  const big = flowNodes.size > BIG;
  const overview = zoomedOut && big;

  // ELK's layout places the same nodes as the simple one before it: the edges are kept then, and
  // rebuilt only when the set of placed nodes changes (an expansion's new nodes wait for the next
  // layout).
  const allPlaced = !!graph && flowNodes.size === graph.nodes.length;
  const placement = allPlaced ? "all" : positions;
  const flowEdges = useMemo<Edge[]>(() => {
    if (!graph || !positions) return [];
    const label = new Map(graph.nodes.map((n) => [n.node, n.label] as const));
    return graph.edges
      .filter((e) => placement === "all" || (positions.has(e.from) && positions.has(e.to)))
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
  }, [graph, placement, lit]); // `positions` is read only when `placement` is it

  const scene = useMemo(() => (graph && positions ? buildScene(graph.nodes, graph.edges, positions, { width: NODE_WIDTH, height: NODE_HEIGHT }, graph.root) : null), [graph, positions]);
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

  const look = useMemo<Look>(() => ({ ...OVERVIEW_COLOURS, selected, lit }), [selected, lit]);
  // A new value on every render would make React search React Flow's whole tree for its readers.
  const highlightValue = useMemo(() => ({ selected, nodes: lit?.nodes ?? null }), [selected, lit]);
  // With no nodes in React Flow, a click anywhere is a click on the pane: find the box under it.
  const nodeAt = (e: { clientX: number; clientY: number }) => {
    if (!overview || !scene) return null;
    const p = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY });
    return hitTest(scene, p.x, p.y);
  };
  const graphNodeAt = (e: { clientX: number; clientY: number }) => {
    const hit = nodeAt(e);
    return hit ? flowNodes.get(hit)?.data : undefined;
  };
  const regionRef = useRef<HTMLDivElement>(null);
  // Nothing stays named once the nodes are elements again.
  useEffect(() => {
    const pane = regionRef.current?.querySelector<HTMLElement>(".react-flow__pane");
    if (!overview && pane) hint(pane, undefined);
  }, [overview]);

  // A big graph is centred on the selected node or the root at a readable zoom (1,000 nodes fitted
  // are unreadable specks; "Fit to view" shows them on the canvas overview). That happens in a
  // layout effect, before React Flow draws the new layout's nodes: so it mounts the nodes around
  // the focus once, not first those around the old viewport and then these. A small graph is
  // fitted once its nodes are in React Flow's store. "drawn" marks the layout on screen for tests
  // and the benchmark.
  const [drawn, setDrawn] = useState<typeof positions>(null);
  const centredOn = useRef<typeof positions>(null);
  useLayoutEffect(() => {
    // This render's focus: a new layout is centred on it, a new selection alone is not.
    const focus = big && positions && graph ? (positions.get(selected ?? "") ?? positions.get(graph.root)) : undefined;
    if (focus) void rf.setCenter(focus.x + NODE_WIDTH / 2, focus.y + NODE_HEIGHT / 2, { zoom: Math.max(rf.getZoom(), 0.75) });
    centredOn.current = focus ? positions : null;
    // The part of the graph React Flow gets follows at once (before the browser paints).
    if (focus) followViewport();
  }, [positions, rf]);
  useEffect(() => {
    if (!positions) return;
    let raf = requestAnimationFrame(() => {
      if (centredOn.current !== positions) fitAll();
      raf = requestAnimationFrame(() => setDrawn(positions));
    });
    return () => cancelAnimationFrame(raf);
  }, [positions, rf]);

  const fetchAround = (target: string, dir: Direction, d: number) =>
    qc.fetchQuery(trpc.lineage.graph.queryOptions({ node: target, direction: dir, depth: d, cap: capFor(dir) })).then(fromWire);
  const expand = useMutation({
    mutationFn: (target: string) => fetchAround(target, direction, 1),
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
  const focusNode = (n: string) => {
    select(n);
    // From the list view below, the graph may be scrolled out of sight.
    regionRef.current?.scrollIntoView({ block: "nearest" });
    const p = positions?.get(n);
    if (p) void rf.setCenter(p.x + NODE_WIDTH / 2, p.y + NODE_HEIGHT / 2, { zoom: 1, duration: 300 });
  };
  // Stable, so the list view (1,000 rows when open) is not rebuilt whenever this component renders.
  const focusNodeRef = useRef(focusNode);
  useEffect(() => {
    focusNodeRef.current = focusNode;
  });
  const onListSelect = useCallback((n: string) => focusNodeRef.current(n), []);
  const open = (n: { kind: string; id: string }) => {
    const href = hrefOf(n);
    if (href) router.push(href);
  };
  // React Flow's own selection is off (it would re-create node objects); Enter or Space on a
  // focused node selects it here instead, Escape clears.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const target = e.target as HTMLElement;
    if (e.key === "Escape") select(null);
    if ((e.key === "Enter" || e.key === " ") && target.classList.contains("react-flow__node")) {
      e.preventDefault();
      select(target.dataset.id ?? null);
    }
  };

  if (query.isPending) return <Spinner label="Loading lineage" />;
  if (query.error && !graph) return <ErrorState message={query.error.message} onRetry={() => query.refetch()} />;
  if (!graph) return null;
  const selectedNode = selected ? graph.nodes.find((n) => n.node === selected) : undefined;
  const rootLabel = rootNode?.label ?? graph.root;
  const empty = graph.edges.length === 0;
  const running = layout.status === "running" || (layoutInput !== null && positions === null);
  // Drawn as soon as any layout is on screen (a big graph's simple one while ELK still works).
  const state = !query.isFetching && positions && drawn === positions && shownEdges === edges ? "drawn" : "loading";

  return (
    <div className="space-y-3" data-testid="lineage-graph" data-state={state} data-nodes={graph.nodes.length} data-layout={layout.status} data-layout-ms={layout.ms?.toFixed(0)}>
      <div className="flex flex-wrap items-end gap-3">
        <div className="space-y-1">
          <label htmlFor={`${ids}-dir`} className="block text-sm font-medium text-slate-800">
            Direction
          </label>
          <select id={`${ids}-dir`} value={direction} onChange={(e) => changeView(e.target.value as Direction, depth)} className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm">
            <option value="upstream">Upstream (where data comes from)</option>
            <option value="downstream">Downstream (what it feeds)</option>
            <option value="both">Both</option>
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor={`${ids}-depth`} className="block text-sm font-medium text-slate-800">
            Depth
          </label>
          <select id={`${ids}-depth`} value={depth} onChange={(e) => changeView(direction, Number(e.target.value))} className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm">
            {DEPTHS.map((d) => (
              <option key={d} value={d}>
                {d} {d === 1 ? "hop" : "hops"}
              </option>
            ))}
          </select>
        </div>
        <Button variant="secondary" onClick={() => fitAll(300)} disabled={empty}>
          Fit to view
        </Button>
        <p role="status" className="min-h-5 text-sm text-slate-700">
          {query.isFetching ? "Loading lineage…" : running ? `Laying out ${layout.nodeCount || graph.nodes.length} nodes…` : `${graph.nodes.length} nodes, ${graph.edges.length} edges${big ? "; Fit to view shows them all" : ""}`}
        </p>
      </div>
      {graph.partial && (
        <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="lineage-partial">
          Showing the first {graph.nodes.length} nodes; increase depth or open a node to see more.
        </p>
      )}
      {layout.notice && <p className="rounded-md border border-slate-300 bg-slate-100 px-3 py-2 text-sm text-slate-800">{layout.notice}</p>}
      {query.error && <ErrorState message={query.error.message} onRetry={() => query.refetch()} />}
      {empty ? (
        <EmptyState title="No lineage yet">
          Nothing feeds {rootLabel} and it feeds nothing {direction === "both" ? "" : `${direction} `}within {depth} {depth === 1 ? "hop" : "hops"}.
        </EmptyState>
      ) : (
        <div className="flex flex-col gap-3 lg:flex-row">
          <div
            role="region"
            aria-label={`Lineage graph of ${rootLabel}`}
            aria-describedby={`${ids}-help`}
            className="relative w-full min-w-0 overflow-hidden rounded-lg border border-slate-200 bg-white lg:flex-1"
            // No taller than most of a phone's screen, so the page can still be scrolled past it.
            style={{ height: `min(${height}px, 75vh)` }}
            onKeyDown={onKeyDown}
            ref={regionRef}
            // React Flow has no pane double-click; the controls and minimap are not the pane.
            onDoubleClick={(e) => {
              const n = onPane(e) ? graphNodeAt(e) : undefined;
              if (n) open(n);
            }}
            data-view={overview ? "overview" : "nodes"}
            // How many nodes React Flow holds (a big graph's part around the screen), for tests.
            data-flow-nodes={nodes.length}
          >
            <p id={`${ids}-help`} className="sr-only">
              Click a node for its details; double-click opens its page. The list view below holds the same nodes and edges as tables.
            </p>
            <HighlightContext.Provider value={highlightValue}>
              <ReactFlow
                nodes={nodes}
                edges={shownEdges}
                nodeTypes={nodeTypes}
                aria-label={`Lineage graph of ${rootLabel}`}
                onNodeClick={(_, n) => select(n.id)}
                onNodeDoubleClick={(_, n) => open(n.data)}
                onPaneClick={(e) => select(nodeAt(e))}
                // On the canvas, the pane shows what is under the pointer (no React render per move).
                onPaneMouseMove={(e) => {
                  const pane = onPane(e);
                  if (pane) hint(pane, e.buttons === 0 ? graphNodeAt(e) : undefined);
                }}
                nodesDraggable={false}
                nodesConnectable={false}
                elementsSelectable={false}
                nodesFocusable={!big}
                edgesFocusable={false}
                onlyRenderVisibleElements={big}
                zoomOnDoubleClick={false}
                minZoom={0.05}
                maxZoom={2}
                ariaLabelConfig={{ "node.a11yDescription.default": "Press Enter to show this node's details." }}
              >
                <Background gap={24} color="#e2e8f0" />
                <Controls showInteractive={false} showFitView={false}>
                  {/* React Flow's own fit button would fit only the part it was given. */}
                  <ControlButton onClick={() => fitAll()} className="react-flow__controls-fitview" title="Fit view" aria-label="Fit view">
                    <FitIcon />
                  </ControlButton>
                </Controls>
                {scene && overview && <OverviewCanvas scene={scene} look={look} />}
                {scene && <OverviewMap scene={scene} />}
              </ReactFlow>
            </HighlightContext.Provider>
            {running && (
              <div className="absolute inset-x-0 top-0 flex justify-center p-2" aria-hidden>
                <span className="rounded-full bg-white/90 px-3 py-1 text-sm text-slate-800 shadow">Laying out {layout.nodeCount || graph.nodes.length} nodes…</span>
              </div>
            )}
          </div>
          {selectedNode && (
            <div className="lg:w-80 lg:shrink-0">
              <NodePanel
                node={selectedNode}
                feeds={graph.edges.filter((e) => e.from === selectedNode.node).length}
                fedBy={graph.edges.filter((e) => e.to === selectedNode.node).length}
                showExplore={showExplore && selectedNode.node !== graph.root}
                onExpand={() => expand.mutate(selectedNode.node)}
                expanding={expand.isPending}
                onShowOrigins={() => origins.mutate(selectedNode.node)}
                findingOrigins={origins.isPending}
                highlighted={lit && lit.target === selectedNode.node ? { purposes: lit.purposes, nodes: lit.nodes.size, cut: lit.cut } : null}
                onClearHighlight={() => setHighlight(null)}
                onClose={() => select(null)}
                error={(expand.error ?? origins.error)?.message ?? null}
              />
            </div>
          )}
        </div>
      )}
      {!empty && <Legend />}
      <ListView graph={graph} onSelect={onListSelect} />
    </div>
  );
}

const onPane = (e: { target: EventTarget }) => (e.target as Element).closest<HTMLElement>(".react-flow__pane");

function hint(pane: HTMLElement, n: GraphNode | undefined) {
  pane.style.cursor = n ? "pointer" : "";
  pane.title = n ? `${kindLabel(n.kind)}: ${n.label}` : "";
}

function Legend() {
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700" aria-label="Sensitivity colours">
      {Object.values(SENSITIVITY_STYLE).map((s) => (
        <li key={s.label} className="flex items-center gap-1.5">
          <span className="inline-block h-3 w-1.5" style={{ backgroundColor: s.colour }} aria-hidden />
          {s.label}
        </li>
      ))}
      <li className="text-slate-600">Double-click a node to open it.</li>
    </ul>
  );
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

function FitIcon() {
  return (
    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 30" aria-hidden>
      <path d="M0 10V3a3 3 0 0 1 3-3h7v4H4v6zM22 0h7a3 3 0 0 1 3 3v7h-4V4h-6zM32 20v7a3 3 0 0 1-3 3h-7v-4h6v-6zM10 30H3a3 3 0 0 1-3-3v-7h4v6h6z" />
    </svg>
  );
}
