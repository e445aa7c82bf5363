import { describe, expect, it } from "vitest";
import type { Graph, GraphNode } from "./graph-model";
import { groupGraph } from "./grouping";

const node = (n: string, kind: string, depth: number, sensitivity: string | null = null): GraphNode => ({ node: n, kind, id: n, label: n, sensitivity, depth });

/** signal:s → 12 segments → each feeds 3 channels (some shared); upstream: a source and 6 purposes. */
function fanOut(): Graph {
  const nodes: GraphNode[] = [node("signal:s", "signal", 0), node("source:a", "source", -1)];
  const edges = [{ from: "source:a", to: "signal:s" }];
  for (let p = 0; p < 6; p++) {
    nodes.push(node(`purpose:p${p}`, "purpose", -2));
    edges.push({ from: `purpose:p${p}`, to: "source:a" });
  }
  for (let i = 0; i < 12; i++) {
    nodes.push(node(`segment:g${String(i).padStart(2, "0")}`, "segment", 1, i === 3 ? "restricted" : "internal"));
    edges.push({ from: "signal:s", to: `segment:g${String(i).padStart(2, "0")}` });
  }
  for (const ch of ["email", "sms", "paid_social"]) nodes.push(node(`channel:${ch}`, "channel", 2));
  for (let i = 0; i < 12; i++) edges.push({ from: `segment:g${String(i).padStart(2, "0")}`, to: `channel:${["email", "sms", "paid_social"][i % 3]}` });
  return { root: "signal:s", nodes, edges, partial: false };
}

describe("groupGraph", () => {
  it("leaves a graph at or under the threshold alone", () => {
    const g = fanOut();
    const out = groupGraph(g, new Set(), { above: g.nodes.length });
    expect(out.graph).toBe(g);
    expect(out.groups.size).toBe(0);
  });

  it("draws siblings of one kind, at one hop, fed by one node as one box named by their count, with the most sensitive member's stripe", () => {
    const out = groupGraph(fanOut(), new Set(), { above: 10, min: 5 });
    const segments = out.graph.nodes.find((n) => n.members === 12)!;
    expect(segments).toMatchObject({ kind: "segment", depth: 1, label: "12 segments", sensitivity: "restricted" });
    const purposes = out.graph.nodes.find((n) => n.kind === "purpose")!;
    expect(purposes).toMatchObject({ members: 6, depth: -2, label: "6 consent purposes" });
    // The root, the lone source and the three channels (fewer than 5 under the group) stay single.
    expect(out.graph.nodes.filter((n) => !n.members).map((n) => n.node)).toEqual(["signal:s", "source:a", "channel:email", "channel:sms", "channel:paid_social"]);
    expect(out.groupOf.get("segment:g03")).toBe(segments.node);
  });

  it("joins edges at the group: one edge per pair of boxes, none inside a group", () => {
    const out = groupGraph(fanOut(), new Set(), { above: 10, min: 5 });
    const seg = out.graph.nodes.find((n) => n.members === 12)!.node;
    const pur = out.graph.nodes.find((n) => n.kind === "purpose")!.node;
    expect(out.graph.edges).toEqual(
      expect.arrayContaining([
        { from: pur, to: "source:a" },
        { from: "source:a", to: "signal:s" },
        { from: "signal:s", to: seg },
        { from: seg, to: "channel:email" },
        { from: seg, to: "channel:sms" },
        { from: seg, to: "channel:paid_social" },
      ]),
    );
    expect(out.graph.edges).toHaveLength(6);
  });

  it("draws an expanded group's members one by one, and keeps the others grouped", () => {
    const first = groupGraph(fanOut(), new Set(), { above: 10, min: 5 });
    const seg = first.graph.nodes.find((n) => n.members === 12)!.node;
    const out = groupGraph(fanOut(), new Set([seg]), { above: 10, min: 5 });
    expect(out.graph.nodes.filter((n) => n.kind === "segment")).toHaveLength(12);
    expect(out.graph.nodes.filter((n) => n.members)).toHaveLength(1); // the purposes
    expect(out.graph.edges.filter((e) => e.from === "signal:s")).toHaveLength(12);
  });

  it("groups children under their parent's group, so a fan-out of fan-outs folds into one box per hop", () => {
    // root → 6 jobs → 36 datasets (6 per job).
    const nodes = [node("dataset:hub", "dataset", 0)];
    const edges = [];
    for (let j = 0; j < 6; j++) {
      nodes.push(node(`job:j${j}`, "job", 1));
      edges.push({ from: "dataset:hub", to: `job:j${j}` });
      for (let d = 0; d < 6; d++) {
        nodes.push(node(`dataset:d${j}${d}`, "dataset", 2));
        edges.push({ from: `job:j${j}`, to: `dataset:d${j}${d}` });
      }
    }
    const out = groupGraph({ root: "dataset:hub", nodes, edges, partial: false }, new Set(), { above: 10, min: 5 });
    expect(out.graph.nodes.map((n) => n.label)).toEqual(["dataset:hub", "6 pipeline jobs", "36 datasets"]);
    expect(out.graph.edges).toHaveLength(2);
    // Opening the jobs splits the datasets by the job that writes them.
    const jobs = out.graph.nodes[1]!.node;
    const open = groupGraph({ root: "dataset:hub", nodes, edges, partial: false }, new Set([jobs]), { above: 10, min: 5 });
    expect(open.graph.nodes.filter((n) => n.members === 6)).toHaveLength(6);
  });

  it("never groups the starting node, and is the same whatever order the server sent", () => {
    const g = fanOut();
    const reversed = { ...g, nodes: [...g.nodes].reverse(), edges: [...g.edges].reverse() };
    const a = groupGraph(g, new Set(), { above: 10, min: 5 });
    const b = groupGraph(reversed, new Set(), { above: 10, min: 5 });
    expect([...a.groups.keys()].sort()).toEqual([...b.groups.keys()].sort());
    expect(a.groupOf.has("signal:s")).toBe(false);
  });
});
