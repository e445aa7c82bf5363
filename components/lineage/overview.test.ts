import { describe, expect, it } from "vitest";
import { edgeId, type GraphEdge, type GraphNode } from "./graph-model";
import { buildScene, contains, drawScene, edgeCurve, grown, hitTest, sceneWithin, visibleRect, type Look } from "./overview";

const SIZE = { width: 200, height: 60 };
const node = (name: string, kind = "dataset", sensitivity: string | null = null): GraphNode => ({ node: name, kind, id: name, label: name, sensitivity, depth: 0 });
const edge = (from: string, to: string): GraphEdge => ({ from, to });

const nodes = [node("a", "source", "restricted"), node("b", "signal"), node("c", "segment"), node("far")];
const positions = new Map([
  ["a", { x: 0, y: 0 }],
  ["b", { x: 300, y: 0 }],
  ["c", { x: 300, y: 100 }],
  ["far", { x: 5000, y: 5000 }],
]);
const scene = buildScene(nodes, [edge("a", "b"), edge("a", "c"), edge("b", "far"), edge("a", "missing")], positions, SIZE, "a");

const LOOK: Look = {
  kinds: {
    dataset: { fill: "#f8fafc", line: "#64748b", radius: 2 },
    source: { fill: "#fff", line: "#334155", radius: 6 },
    signal: { fill: "#f0f9ff", line: "#0369a1", radius: 6 },
    segment: { fill: "#f5f3ff", line: "#6d28d9", radius: 12 },
  },
  sensitivity: { restricted: "#dc2626" },
  selected: null,
  lit: null,
};

/** Records what would be drawn, with the style in force at each fill or stroke. */
function recorder() {
  const calls: Array<{ op: string; args: unknown[]; style: { fill: unknown; stroke: unknown; alpha: number; width: number } }> = [];
  const state = { fillStyle: "", strokeStyle: "", globalAlpha: 1, lineWidth: 1 };
  const rec =
    (op: string) =>
    (...args: unknown[]) =>
      calls.push({ op, args, style: { fill: state.fillStyle, stroke: state.strokeStyle, alpha: state.globalAlpha, width: state.lineWidth } });
  const ctx = new Proxy(state, {
    get: (target, key: string) => (key in target ? target[key as keyof typeof target] : rec(key)),
    set: (target, key: string, value) => {
      (target as Record<string, unknown>)[key] = value;
      return true;
    },
  }) as unknown as CanvasRenderingContext2D;
  return { ctx, calls };
}

describe("buildScene", () => {
  it("keeps laid-out nodes, edges between them, and the bounds of all boxes", () => {
    expect(scene.nodes.map((n) => n.id)).toEqual(["a", "b", "c", "far"]);
    expect(scene.edges.map((e) => e.id)).toEqual([edgeId(edge("a", "b")), edgeId(edge("a", "c")), edgeId(edge("b", "far"))]);
    expect(scene.bounds).toEqual({ x: 0, y: 0, width: 5200, height: 5060 });
    expect(scene.nodes.find((n) => n.id === "a")?.isRoot).toBe(true);
  });

  it("leaves out a node still waiting for its layout", () => {
    const s = buildScene([...nodes, node("new")], [edge("a", "new")], positions, SIZE, "a");
    expect(s.nodes).toHaveLength(4);
    expect(s.edges).toHaveLength(0);
  });
});

describe("hitTest", () => {
  it.each([
    [10, 10, "a"],
    [200, 60, "a"],
    [250, 30, null],
    [301, 101, "c"],
    [5100, 5030, "far"],
    [-1, 0, null],
  ])("(%d, %d) is on %s", (x, y, want) => {
    expect(hitTest(scene, x, y)).toBe(want);
  });
});

describe("edgeCurve", () => {
  it("bends halfway along a forward edge, as React Flow's bezier does", () => {
    expect(edgeCurve(0, 0, 100, 50)).toEqual([50, 0, 50, 50]);
  });
  it("loops out to the right and back for an edge that runs backwards", () => {
    const [c1x, , c2x] = edgeCurve(100, 0, 0, 0);
    expect(c1x).toBeGreaterThan(100);
    expect(c2x).toBeLessThan(0);
  });
});

describe("visibleRect", () => {
  it("turns a viewport transform into the part of the graph on screen", () => {
    expect(visibleRect([-100, 50, 0.5], 800, 400)).toEqual({ x: 200, y: -100, width: 1600, height: 800 });
  });
});

describe("drawScene", () => {
  const boxes = (calls: ReturnType<typeof recorder>["calls"]) => calls.filter((c) => c.op === "roundRect").map((c) => c.args.slice(0, 2));

  it("draws only the boxes in view, in their kind's colours, with the sensitivity stripe", () => {
    const { ctx, calls } = recorder();
    drawScene(ctx, scene, LOOK, [0, 0, 1], 1000, 600, 1);
    expect(boxes(calls)).toEqual([
      [0, 0],
      [300, 0],
      [300, 100],
    ]);
    const fills = calls.filter((c) => c.op === "fill").map((c) => c.style.fill);
    expect(fills).toEqual(expect.arrayContaining(["#fff", "#f0f9ff", "#f5f3ff"]));
    const stripe = calls.find((c) => c.op === "fillRect" && c.style.fill === "#dc2626");
    expect(stripe?.args.slice(0, 2)).toEqual([0, 0]);
    // The root is ringed.
    expect(calls.some((c) => c.op === "strokeRect" && c.style.stroke === "#0f172a")).toBe(true);
  });

  it("draws an edge whose ends are both off screen when it crosses the view", () => {
    const { ctx, calls } = recorder();
    // Only the space between b (300..500) and far (5000..) is in view.
    drawScene(ctx, scene, LOOK, [-2000, -1000, 1], 800, 600, 1);
    expect(boxes(calls)).toEqual([]);
    expect(calls.filter((c) => c.op === "bezierCurveTo")).toHaveLength(1);
  });

  it("dims what is off the highlighted paths and draws highlighted edges on top in brand green", () => {
    const { ctx, calls } = recorder();
    const lit = { nodes: new Set(["a", "b"]), edges: new Set([edgeId(edge("a", "b"))]) };
    drawScene(ctx, scene, { ...LOOK, lit, selected: "b" }, [0, 0, 1], 1000, 600, 1);
    const strokes = calls.filter((c) => c.op === "stroke");
    expect(strokes[0]!.style).toMatchObject({ stroke: "#64748b", alpha: 0.15 });
    expect(strokes[1]!.style).toMatchObject({ stroke: "#175746", alpha: 1 });
    const segmentFill = calls.find((c) => c.op === "fill" && c.style.fill === "#f5f3ff");
    expect(segmentFill?.style.alpha).toBe(0.25);
    expect(calls.some((c) => c.op === "strokeRect" && c.style.stroke === "#1f6f5c")).toBe(true);
  });

  it("draws arrowheads where they are a few pixels big, and none from far out", () => {
    const near = recorder();
    drawScene(near.ctx, scene, LOOK, [0, 0, 1], 1000, 600, 1);
    const heads = near.calls.filter((c) => c.op === "closePath");
    expect(heads).toHaveLength(3); // a→b and a→c in view, b→far crossing it
    const far = recorder();
    drawScene(far.ctx, scene, LOOK, [0, 0, 0.1], 1000, 600, 1);
    expect(far.calls.filter((c) => c.op === "closePath")).toHaveLength(0);
  });

  it("keeps lines about a pixel wide however far out", () => {
    const { ctx, calls } = recorder();
    drawScene(ctx, scene, LOOK, [0, 0, 0.05], 1000, 600, 1);
    const edgeStroke = calls.find((c) => c.op === "stroke")!;
    expect(edgeStroke.style.width).toBeCloseTo(20);
  });
});

describe("the part of a big graph React Flow is given", () => {
  // a (0,0), b (300,0), c (300,100), far (5000,5000); boxes 200 × 60; a→b, a→c, b→far.
  it.each([
    { name: "around a and b", area: { x: -10, y: -10, width: 520, height: 50 }, nodes: ["a", "b", "c", "far"], edges: ["a->b", "a->c", "b->far"] },
    { name: "around a alone: its edges' far ends come along", area: { x: -10, y: -10, width: 100, height: 50 }, nodes: ["a", "b", "c"], edges: ["a->b", "a->c"] },
    { name: "around far alone", area: { x: 4900, y: 4900, width: 400, height: 400 }, nodes: ["far", "b"], edges: ["b->far"] },
    { name: "between b and far, where only their edge passes", area: { x: 2000, y: 2000, width: 100, height: 100 }, nodes: ["b", "far"], edges: ["b->far"] },
    { name: "off to the side of everything", area: { x: -3000, y: -3000, width: 100, height: 100 }, nodes: [], edges: [] },
  ])("$name", ({ area, nodes: wantNodes, edges: wantEdges }) => {
    const got = sceneWithin(scene, area);
    expect([...got.nodes].sort()).toEqual([...wantNodes].sort());
    expect([...got.edges].sort()).toEqual(wantEdges.map((e) => edgeId({ from: e.split("->")[0]!, to: e.split("->")[1]! })).sort());
  });

  it("grows an area by a share of its size on each side, and tells when one holds another", () => {
    const seen = { x: 100, y: 50, width: 400, height: 200 };
    const area = grown(seen, 0.5);
    expect(area).toEqual({ x: -100, y: -50, width: 800, height: 400 });
    expect(contains(area, seen)).toBe(true);
    expect(contains(area, { ...seen, x: seen.x + 250 })).toBe(false);
    expect(contains(seen, area)).toBe(false);
  });
});
