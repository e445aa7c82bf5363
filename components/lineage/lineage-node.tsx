"use client";

import { Handle, Position, useStore, type Node, type NodeProps, type NodeTypes } from "@xyflow/react";
import { createContext, memo, useContext, type ReactNode } from "react";
import { LABELS, SENSITIVITIES, type Sensitivity } from "@/domain/vocab";
import { kindLabel, type GraphNode, type NodeKind } from "./graph-model";
import type { Flow } from "./layout-types";

export const NODE_WIDTH = 216;
export const NODE_HEIGHT = 64;

// A mapped copy: React Flow wants node data assignable to Record<string, unknown>, which interfaces are not.
export type LineageNodeData = { [K in keyof GraphNode]: GraphNode[K] } & { isRoot: boolean; flow: Flow };
export type LineageFlowNode = Node<LineageNodeData>;

/**
 * Selection and highlight live in a context rather than in node data, so that a click does not
 * hand React Flow 1,000 new node objects to re-measure.
 */
export interface Highlight {
  selected: string | null;
  /** Nodes on the highlighted paths; null when nothing is highlighted. */
  nodes: Set<string> | null;
}
export const HighlightContext = createContext<Highlight>({ selected: null, nodes: null });

/** Each sensitivity's colour (its stripe on a node, its dot elsewhere), on the DOM and the canvas alike. */
const SENSITIVITY_COLOUR: Record<Sensitivity, string> = { public: "#94a3b8", internal: "#2563eb", confidential: "#f59e0b", restricted: "#dc2626" };
export const SENSITIVITY_STYLE: Record<string, { label: string; colour: string }> = Object.fromEntries(
  SENSITIVITIES.map((s) => [s, { label: LABELS.sensitivity[s], colour: SENSITIVITY_COLOUR[s] }]),
);

const icon = (d: string) => (
  <svg viewBox="0 0 24 24" className="size-4 shrink-0" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden>
    <path d={d} />
  </svg>
);

/**
 * Shape, tint and icon per kind, so kinds differ by more than colour. Fill, line colour and corner
 * radius are values, not classes: the DOM node and the canvas overview (overview.ts) both draw them.
 * `border` holds only the line's width and style.
 */
const KIND_STYLE: Record<NodeKind, { border: string; tint: string; icon: ReactNode; pad?: string; fill: string; line: string; radius: number }> = {
  purpose: {
    border: "border-2",
    tint: "text-emerald-800",
    fill: "#ecfdf5",
    line: "#047857",
    radius: 32,
    pad: "px-6",
    icon: icon("M12 3l7 3v5c0 4.5-3 8.3-7 10-4-1.7-7-5.5-7-10V6l7-3z M9 12l2 2 4-4"),
  },
  source: {
    border: "border-2 border-double",
    tint: "text-slate-700",
    fill: "#ffffff",
    line: "#334155",
    radius: 6,
    icon: icon("M4 6c0-1.7 3.6-3 8-3s8 1.3 8 3-3.6 3-8 3-8-1.3-8-3z M4 6v12c0 1.7 3.6 3 8 3s8-1.3 8-3V6 M4 12c0 1.7 3.6 3 8 3s8-1.3 8-3"),
  },
  signal: { border: "border", tint: "text-sky-800", fill: "#f0f9ff", line: "#0369a1", radius: 6, icon: icon("M3 12h4l3-7 4 14 3-7h4") },
  segment: {
    border: "border-2",
    tint: "text-violet-800",
    fill: "#f5f3ff",
    line: "#6d28d9",
    radius: 12,
    icon: icon("M9 11a4 4 0 100-8 4 4 0 000 8z M2 21v-1a6 6 0 0112 0v1 M16 3.5a4 4 0 010 7 M18 14a6 6 0 014 6v1"),
  },
  channel: {
    border: "border border-dashed",
    tint: "text-orange-800",
    fill: "#fff7ed",
    line: "#c2410c",
    radius: 4,
    icon: icon("M3 11v2a1 1 0 001 1h3l5 4V6L7 10H4a1 1 0 00-1 1z M16 8a5 5 0 010 8 M19 5a9 9 0 010 14"),
  },
  dataset: { border: "border", tint: "text-slate-700", fill: "#f8fafc", line: "#64748b", radius: 4, icon: icon("M3 5h18v14H3z M3 10h18 M3 15h18 M9 5v14") },
  job: {
    border: "border",
    tint: "text-slate-700",
    fill: "#f1f5f9",
    line: "#475569",
    radius: 4,
    icon: icon(
      "M12 15a3 3 0 100-6 3 3 0 000 6z M19.4 15a1.7 1.7 0 00.3 1.8l.1.1a2 2 0 11-2.8 2.8l-.1-.1a1.7 1.7 0 00-1.8-.3 1.7 1.7 0 00-1 1.5V21a2 2 0 11-4 0v-.1a1.7 1.7 0 00-1.1-1.5 1.7 1.7 0 00-1.8.3l-.1.1a2 2 0 11-2.8-2.8l.1-.1a1.7 1.7 0 00.3-1.8 1.7 1.7 0 00-1.5-1H3a2 2 0 110-4h.1a1.7 1.7 0 001.5-1.1 1.7 1.7 0 00-.3-1.8l-.1-.1a2 2 0 112.8-2.8l.1.1a1.7 1.7 0 001.8.3H9a1.7 1.7 0 001-1.5V3a2 2 0 114 0v.1a1.7 1.7 0 001 1.5 1.7 1.7 0 001.8-.3l.1-.1a2 2 0 112.8 2.8l-.1.1a1.7 1.7 0 00-.3 1.8V9a1.7 1.7 0 001.5 1H21a2 2 0 110 4h-.1a1.7 1.7 0 00-1.5 1z",
    ),
  },
};

export const kindStyle = (kind: string) => KIND_STYLE[kind as NodeKind] ?? KIND_STYLE.dataset;

/** The canvas overview's colours, taken from the node boxes' own. */
export const OVERVIEW_COLOURS = {
  kinds: Object.fromEntries(Object.entries(KIND_STYLE).map(([k, s]) => [k, { fill: s.fill, line: s.line, radius: s.radius }])),
  sensitivity: Object.fromEntries(Object.entries(SENSITIVITY_STYLE).map(([k, s]) => [k, s.colour])),
};

// Handles are fixed points (see lineage-graph.tsx's `handles`), not for connecting by hand.
const handleClass = "!size-1 !min-h-0 !min-w-0 !border-0 !bg-transparent";

function LineageNodeView({ id, data }: NodeProps<LineageFlowNode>) {
  const { selected, nodes } = useContext(HighlightContext);
  // Far out, text is unreadable anyway: drawing boxes only keeps zoom and pan smooth on big graphs.
  const far = useStore((s) => s.transform[2] < 0.35);
  const style = kindStyle(data.kind);
  const sens = data.sensitivity ? SENSITIVITY_STYLE[data.sensitivity] : undefined;
  const dim = nodes !== null && !nodes.has(id);
  const ring = selected === id ? "ring-4 ring-brand-600 ring-offset-2" : data.isRoot ? "ring-2 ring-slate-900" : "";
  const group = !!data.members;
  return (
    <div
      // Light in the dark theme too (keep-light, app/globals.css): the canvas overview draws the same fills as fixed colours.
      className={`keep-light relative flex overflow-hidden ${style.border} ${ring} ${dim ? "opacity-25" : ""} ${far || group ? "" : "shadow-sm"}`}
      style={{
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
        backgroundColor: style.fill,
        borderColor: style.line,
        borderRadius: style.radius,
        // A group's box is drawn as a stack of boxes.
        boxShadow: group ? `4px 4px 0 -1px ${style.fill}, 4px 4px 0 0 ${style.line}, 8px 8px 0 -1px ${style.fill}, 8px 8px 0 0 ${style.line}` : undefined,
      }}
      title={far ? undefined : group ? `${data.label}: double-click to expand` : `${kindLabel(data.kind)}: ${data.label}`}
    >
      <Handle type="target" position={data.flow === "down" ? Position.Top : Position.Left} isConnectable={false} className={handleClass} />
      <span className="w-1.5 shrink-0" style={{ backgroundColor: sens?.colour ?? "transparent" }} aria-hidden />
      {!far && (
        <div className={`flex min-w-0 flex-1 flex-col justify-center gap-0.5 ${style.pad ?? "px-3"}`}>
          <span className={`flex items-center gap-1 text-[11px] font-semibold tracking-wide uppercase ${style.tint}`}>
            {style.icon}
            {group ? "Group" : kindLabel(data.kind)}
            {data.isRoot && <span className="ml-auto font-medium normal-case text-slate-700">(start)</span>}
          </span>
          <span className="truncate text-sm font-medium text-slate-900">{data.label}</span>
          {sens && <span className="text-[11px] text-slate-700">{sens.label}</span>}
        </div>
      )}
      <Handle type="source" position={data.flow === "down" ? Position.Bottom : Position.Right} isConnectable={false} className={handleClass} />
    </div>
  );
}

const View = memo(LineageNodeView);

export const nodeTypes: NodeTypes = {
  purpose: View,
  source: View,
  signal: View,
  segment: View,
  channel: View,
  dataset: View,
  job: View,
};
