import type { Rect, Transform } from "@xyflow/react";
import { edgeId, type GraphEdge, type GraphNode } from "./graph-model";
import type { Flow, Positions } from "./layout-types";

/**
 * The far-out view of a big graph, drawn on a canvas. Mounting 1,000 React Flow nodes and their
 * edges as DOM and SVG is what stalls the page when such a graph is fitted to view; far out,
 * their text is unreadable anyway, so boxes, stripes and lines on one canvas say the same.
 */

export interface SceneNode {
  id: string;
  x: number;
  y: number;
  kind: string;
  sensitivity: string | null;
  isRoot: boolean;
}

export interface Scene {
  nodes: SceneNode[];
  /** Index pairs into `nodes`, with the edge's id for highlighting. */
  edges: { from: number; to: number; id: string }[];
  width: number;
  height: number;
  bounds: Rect;
  /** Edges leave a box's right side for the next box's left (across), or its bottom for the next one's top (down). */
  flow: Flow;
}

export interface Look {
  kinds: Record<string, { fill: string; line: string; radius: number }>;
  sensitivity: Record<string, string>;
  selected: string | null;
  /** Nodes and edges on highlighted paths; null when nothing is highlighted. */
  lit: { nodes: Set<string>; edges: Set<string> } | null;
}

const ARROWS_FROM_ZOOM = 0.2;

/**
 * Edge and ring colours, shared by React Flow's edges, the canvas and the minimap's frame. The DOM
 * nodes' rings are Tailwind's brand-600 and slate-900, the same colours as `selected` and `root`.
 */
export const LINE_COLOURS = { edge: "#64748b", litEdge: "#175746", selected: "#1f6f5c", root: "#0f172a" } as const;

/** Screen pixels = graph units × zoom + offset: React Flow's transform [x, y, zoom]. */
export type View = Transform;
export type { Rect };

export function buildScene(graphNodes: GraphNode[], graphEdges: GraphEdge[], positions: Positions, size: { width: number; height: number }, root: string, flow: Flow = "across"): Scene {
  const nodes: SceneNode[] = [];
  const index = new Map<string, number>();
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const n of graphNodes) {
    const p = positions.get(n.node);
    if (!p) continue;
    index.set(n.node, nodes.length);
    nodes.push({ id: n.node, x: p.x, y: p.y, kind: n.kind, sensitivity: n.sensitivity, isRoot: n.node === root });
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x + size.width);
    maxY = Math.max(maxY, p.y + size.height);
  }
  const edges: Scene["edges"] = [];
  for (const e of graphEdges) {
    const from = index.get(e.from);
    const to = index.get(e.to);
    if (from !== undefined && to !== undefined) edges.push({ from, to, id: edgeId(e) });
  }
  const bounds = nodes.length ? { x: minX, y: minY, width: maxX - minX, height: maxY - minY } : { x: 0, y: 0, width: 0, height: 0 };
  return { nodes, edges, width: size.width, height: size.height, bounds, flow };
}

/** The node whose box holds a point in graph units, or null. Later nodes are drawn on top, so they win. */
export function hitTest(scene: Scene, x: number, y: number): string | null {
  for (let i = scene.nodes.length - 1; i >= 0; i--) {
    const n = scene.nodes[i]!;
    if (x >= n.x && x <= n.x + scene.width && y >= n.y && y <= n.y + scene.height) return n.id;
  }
  return null;
}

/**
 * React Flow's bezier from a right-hand source handle to a left-hand target handle, so an edge
 * keeps its shape when the view switches between canvas and DOM.
 */
export function edgeCurve(sx: number, sy: number, tx: number, ty: number): [c1x: number, c1y: number, c2x: number, c2y: number] {
  const d = tx - sx;
  const offset = d >= 0 ? 0.5 * d : 0.25 * 25 * Math.sqrt(-d);
  return [sx + offset, sy, tx - offset, ty];
}

/** Which part of the graph a view of `width` × `height` screen pixels shows, in graph units. */
export function visibleRect(view: View, width: number, height: number): Rect {
  const [tx, ty, zoom] = view;
  return { x: -tx / zoom, y: -ty / zoom, width: width / zoom, height: height / zoom };
}

/** `rect` grown by `by` times its width and height on each side. */
export function grown(rect: Rect, by: number): Rect {
  return { x: rect.x - rect.width * by, y: rect.y - rect.height * by, width: rect.width * (1 + 2 * by), height: rect.height * (1 + 2 * by) };
}

/** The smallest rectangle holding both. */
export function union(a: Rect, b: Rect): Rect {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y };
}

export function contains(outer: Rect, inner: Rect): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
}

/**
 * The part of a scene in `area`: the nodes whose boxes overlap it, and the edges that may pass
 * through it (one end in it, or both ends around it) with both of their ends, so each is drawn whole.
 */
export function sceneWithin(scene: Scene, area: Rect): { nodes: Set<string>; edges: Set<string> } {
  const nodes = new Set(scene.nodes.filter((n) => overlaps(n, scene, area)).map((n) => n.id));
  const edges = new Set<string>();
  for (const e of scene.edges) {
    const a = scene.nodes[e.from]!;
    const b = scene.nodes[e.to]!;
    // The two boxes' bounds: they overlap the area whenever one end does.
    if (!crosses(a, b, scene, area)) continue;
    edges.add(e.id);
    nodes.add(a.id).add(b.id);
  }
  return { nodes, edges };
}

const overlaps = (n: SceneNode, scene: Scene, area: Rect) => n.x + scene.width >= area.x && n.x <= area.x + area.width && n.y + scene.height >= area.y && n.y <= area.y + area.height;

/** Draws the scene; the context's size is `width` × `height` CSS pixels times `ratio`. */
export function drawScene(ctx: CanvasRenderingContext2D, scene: Scene, look: Look, view: View, width: number, height: number, ratio: number) {
  const [tx, ty, zoom] = view;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, width * ratio, height * ratio);
  ctx.setTransform(ratio * zoom, 0, 0, ratio * zoom, ratio * tx, ratio * ty);
  // Lines at least about a device pixel wide, however far out.
  const px = 1 / zoom;
  const seen = visibleRect(view, width, height);
  const inView = (n: SceneNode) => overlaps(n, scene, seen);
  const { lit } = look;
  const half = scene.height / 2;
  const centre = scene.width / 2;
  const down = scene.flow === "down";

  const drawEdges = (on: boolean) => {
    const shown = scene.edges.filter((e) => {
      if ((lit?.edges.has(e.id) ?? false) !== on) return false;
      const a = scene.nodes[e.from]!;
      const b = scene.nodes[e.to]!;
      // The two boxes' bounds: they overlap the view whenever one end does.
      return crosses(a, b, scene, seen);
    });
    ctx.strokeStyle = ctx.fillStyle = on ? LINE_COLOURS.litEdge : LINE_COLOURS.edge;
    ctx.globalAlpha = lit && !on ? 0.15 : 1;
    ctx.lineWidth = Math.max(on ? 2.5 : 1.25, px);
    ctx.beginPath();
    for (const e of shown) {
      const a = scene.nodes[e.from]!;
      const b = scene.nodes[e.to]!;
      if (down) {
        // The same curve turned: along y instead of x.
        const [c1y, c1x, c2y, c2x] = edgeCurve(a.y + scene.height, a.x + centre, b.y, b.x + centre);
        ctx.moveTo(a.x + centre, a.y + scene.height);
        ctx.bezierCurveTo(c1x, c1y, c2x, c2y, b.x + centre, b.y);
        continue;
      }
      const sx = a.x + scene.width;
      const sy = a.y + half;
      const [c1x, c1y, c2x, c2y] = edgeCurve(sx, sy, b.x, b.y + half);
      ctx.moveTo(sx, sy);
      ctx.bezierCurveTo(c1x, c1y, c2x, c2y, b.x, b.y + half);
    }
    ctx.stroke();
    // Arrowheads where they are still a few pixels big, as React Flow draws them.
    if (zoom < ARROWS_FROM_ZOOM) return;
    ctx.beginPath();
    for (const e of shown) {
      const b = scene.nodes[e.to]!;
      if (down) {
        ctx.moveTo(b.x + centre, b.y);
        ctx.lineTo(b.x + centre - 5, b.y - 10);
        ctx.lineTo(b.x + centre + 5, b.y - 10);
      } else {
        ctx.moveTo(b.x, b.y + half);
        ctx.lineTo(b.x - 10, b.y + half - 5);
        ctx.lineTo(b.x - 10, b.y + half + 5);
      }
      ctx.closePath();
    }
    ctx.fill();
  };
  drawEdges(false);
  drawEdges(true);

  // Boxes grouped by kind and dimming: one path per group keeps 1,000 boxes to a few draw calls.
  const groups = new Map<string, SceneNode[]>();
  for (const n of scene.nodes) {
    if (!inView(n)) continue;
    const key = `${n.kind}|${lit && !lit.nodes.has(n.id) ? "dim" : ""}`;
    const list = groups.get(key);
    if (list) list.push(n);
    else groups.set(key, [n]);
  }
  // A stripe wide enough to see from far out, as the sensitivity colour is what a reader scans for.
  const stripe = Math.min(scene.width / 4, Math.max(6, 3 * px));
  for (const [key, list] of groups) {
    const [kind, dim] = key.split("|");
    const style = look.kinds[kind!] ?? look.kinds.dataset!;
    ctx.globalAlpha = dim ? 0.25 : 1;
    ctx.beginPath();
    for (const n of list) ctx.roundRect(n.x, n.y, scene.width, scene.height, style.radius);
    ctx.fillStyle = style.fill;
    ctx.fill();
    ctx.lineWidth = Math.max(1.5, px);
    ctx.strokeStyle = style.line;
    ctx.stroke();
    for (const n of list) {
      const colour = n.sensitivity ? look.sensitivity[n.sensitivity] : undefined;
      if (!colour) continue;
      ctx.fillStyle = colour;
      ctx.fillRect(n.x, n.y, stripe, scene.height);
    }
  }
  ctx.globalAlpha = 1;
  for (const n of scene.nodes) {
    const ring = n.id === look.selected ? { colour: LINE_COLOURS.selected, width: Math.max(6, 4 * px) } : n.isRoot ? { colour: LINE_COLOURS.root, width: Math.max(3, 2.5 * px) } : null;
    if (!ring) continue;
    const gap = ring.width;
    ctx.lineWidth = ring.width;
    ctx.strokeStyle = ring.colour;
    ctx.strokeRect(n.x - gap, n.y - gap, scene.width + 2 * gap, scene.height + 2 * gap);
  }
}

// Whether an edge may pass through `area`: the box around both of its ends overlaps it (an edge
// whose ends are both outside can still cross it).
function crosses(a: SceneNode, b: SceneNode, scene: Scene, area: Rect) {
  const left = Math.min(a.x, b.x);
  const right = Math.max(a.x, b.x) + scene.width;
  const top = Math.min(a.y, b.y);
  const bottom = Math.max(a.y, b.y) + scene.height;
  return right >= area.x && left <= area.x + area.width && bottom >= area.y && top <= area.y + area.height;
}
