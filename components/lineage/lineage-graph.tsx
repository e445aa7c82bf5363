"use client";

import "@xyflow/react/dist/style.css";
import { Background, ControlButton, Controls, ReactFlow, ReactFlowProvider, useReactFlow } from "@xyflow/react";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useId, useMemo, useRef, type KeyboardEvent } from "react";
import { EmptyState, ErrorState, Spinner } from "@/components/ui/states";
import { DEFAULT_DEPTH, hrefOf, kindLabel, type Direction, type GraphNode } from "./graph-model";
import { ListView } from "./list-view";
import { HighlightContext, NODE_HEIGHT, NODE_WIDTH, OVERVIEW_COLOURS, SENSITIVITY_STYLE, nodeTypes, type LineageFlowNode } from "./lineage-node";
import { LineageToolbar } from "./lineage-toolbar";
import { NodePanel } from "./node-panel";
import { hitTest, type Look } from "./overview";
import { OverviewCanvas, OverviewMap } from "./overview-layer";
import { useGrouping } from "./use-grouping";
import { useLineageData } from "./use-lineage-data";
import { useNarrowScreen } from "./use-screen-flow";
import { useVirtualFlow } from "./use-virtual-flow";

// The graph's pieces: use-lineage-data (the view, the fetched graph and what the viewer added to
// it), use-virtual-flow (layout, and what React Flow is given of it), lineage-toolbar (the view's
// controls). This component wires them to React Flow, the node panel and the list view.

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

export function LineageGraph(props: LineageGraphProps) {
  return (
    <ReactFlowProvider>
      <LineageGraphInner {...props} />
    </ReactFlowProvider>
  );
}

function LineageGraphInner({ node, initialDirection = "both", initialDepth = DEFAULT_DEPTH, height = 560, onViewChange, showExplore = false, onRoot }: LineageGraphProps) {
  const router = useRouter();
  const rf = useReactFlow<LineageFlowNode>();
  const ids = useId();
  const {
    query,
    graph,
    rootNode,
    direction,
    depth,
    changeView,
    selected,
    select,
    lit: litNodes,
    clearHighlight,
    expand,
    origins,
  } = useLineageData({
    node,
    initialDirection,
    initialDepth,
    onViewChange,
    onRoot,
  });
  // Big graphs are drawn in groups ("312 segments"), opened in place; the list view keeps every node.
  const grouping = useGrouping(graph, litNodes, `${direction}|${depth}|${graph?.root}`);
  const shown = grouping.grouped?.graph;
  const lit = grouping.lit;
  const narrow = useNarrowScreen();
  const flow = useVirtualFlow(shown, selected, lit, narrow);
  const { positions, flowNodes, big, overview, scene, fitAll } = flow;

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

  const focusNode = (n: string) => {
    grouping.reveal(n);
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
  const openGroup = (group: string) => {
    grouping.expandGroup(group);
    select(null);
  };
  const open = (n: { node: string; kind: string; id: string; members?: number }) => {
    if (n.members) return openGroup(n.node);
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
  if (!graph || !shown) return null;
  const { layout, running } = flow;
  const selectedNode = selected ? shown.nodes.find((n) => n.node === selected) : undefined;
  const rootLabel = rootNode?.label ?? graph.root;
  const empty = graph.edges.length === 0;
  // Drawn as soon as any layout is on screen (a big graph's simple one while ELK still works).
  const state = !query.isFetching && flow.drawn ? "drawn" : "loading";

  return (
    <div
      className="space-y-3"
      data-testid="lineage-graph"
      data-state={state}
      data-nodes={graph.nodes.length}
      data-boxes={shown.nodes.length}
      data-layout={layout.status}
      data-layout-ms={layout.ms?.toFixed(0)}
      data-reads={flow.readsAs}
    >
      <LineageToolbar
        direction={direction}
        depth={depth}
        onViewChange={changeView}
        onFit={() => fitAll(300)}
        fitDisabled={empty}
        status={
          query.isFetching
            ? "Loading lineage…"
            : running
              ? `Laying out ${layout.nodeCount || graph.nodes.length} nodes…`
              : `${graph.nodes.length} nodes, ${graph.edges.length} edges${shown !== graph ? `, drawn in ${shown.nodes.length} boxes` : ""}${big ? "; Fit to view shows them all" : ""}`
        }
        grouping={grouping.groupable ? { on: !grouping.off, onToggle: grouping.toggle } : undefined}
      />
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
            data-flow-nodes={flow.nodes.length}
          >
            <p id={`${ids}-help`} className="sr-only">
              Click a node for its details; double-click opens its page. The list view below holds the same nodes and edges as tables.
            </p>
            <HighlightContext.Provider value={highlightValue}>
              <ReactFlow
                nodes={flow.nodes}
                edges={flow.edges}
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
                <Background gap={24} color="var(--color-slate-200)" />
                {/* React Flow's buttons are light; their icons take the text colour, so it is kept dark in the dark theme. */}
                <Controls showInteractive={false} showFitView={false} className="keep-light text-slate-900">
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
                feeds={shown.edges.filter((e) => e.from === selectedNode.node).length}
                fedBy={shown.edges.filter((e) => e.to === selectedNode.node).length}
                onExpandGroup={() => openGroup(selectedNode.node)}
                showExplore={showExplore && selectedNode.node !== graph.root}
                onExpand={() => expand.mutate(selectedNode.node)}
                expanding={expand.isPending}
                onShowOrigins={() => origins.mutate(selectedNode.node)}
                findingOrigins={origins.isPending}
                highlighted={litNodes && litNodes.target === selectedNode.node ? { purposes: litNodes.purposes, nodes: litNodes.nodes.size, cut: litNodes.cut } : null}
                onClearHighlight={clearHighlight}
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

function FitIcon() {
  return (
    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 30" aria-hidden>
      <path d="M0 10V3a3 3 0 0 1 3-3h7v4H4v6zM22 0h7a3 3 0 0 1 3 3v7h-4V4h-6zM32 20v7a3 3 0 0 1-3 3h-7v-4h6v-6zM10 30H3a3 3 0 0 1-3-3v-7h4v6h6z" />
    </svg>
  );
}
