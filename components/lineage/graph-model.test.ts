import { describe, expect, it } from "vitest";
import { fromWire, mergeGraph, pathsToConsent, type Graph } from "./graph-model";

const n = (node: string, depth: number) => ({ node, kind: node.split(":")[0]!, id: node.split(":")[1]!, label: node, sensitivity: null, depth });
const e = (from: string, to: string) => ({ from, to });

describe("pathsToConsent", () => {
  it("keeps only the nodes and edges on a path from a purpose to the target", () => {
    const edges = [
      e("purpose:p", "signal:a"),
      e("source:s", "signal:a"),
      e("signal:a", "segment:x"),
      e("signal:b", "segment:x"), // no purpose upstream of b
      e("segment:x", "segment:y"),
      e("segment:y", "channel:email"), // downstream of the target
    ];
    const hl = pathsToConsent(edges, "segment:y");
    expect([...hl.nodes].sort()).toEqual(["purpose:p", "segment:x", "segment:y", "signal:a"]);
    expect([...hl.edges].sort()).toEqual(["purpose:p>signal:a", "segment:x>segment:y", "signal:a>segment:x"]);
    expect(hl.purposes).toBe(1);
  });

  it("ends on cycles and reports when no purpose is upstream", () => {
    const hl = pathsToConsent([e("dataset:a", "dataset:b"), e("dataset:b", "dataset:a")], "dataset:a");
    expect(hl.nodes.size).toBe(0);
    expect(hl.purposes).toBe(0);
  });
});

describe("mergeGraph", () => {
  it("adds new nodes with hops counted from the root through the expanded node, and new edges once", () => {
    const base: Graph = { root: "segment:r", nodes: [n("segment:r", 0), n("signal:a", -1)], edges: [e("signal:a", "segment:r")], partial: true };
    const extra: Graph = {
      root: "signal:a",
      nodes: [n("signal:a", 0), n("source:s", -1), n("segment:r", 1)],
      edges: [e("source:s", "signal:a"), e("signal:a", "segment:r")],
      partial: false,
    };
    const merged = mergeGraph(base, extra, "signal:a");
    expect(merged.nodes.map((x) => [x.node, x.depth])).toEqual([
      ["segment:r", 0],
      ["signal:a", -1],
      ["source:s", -2],
    ]);
    expect(merged.edges).toHaveLength(2);
    expect(merged.root).toBe("segment:r");
  });
});

describe("fromWire", () => {
  it("turns position pairs back into named edges", () => {
    const node = (n: string) => ({ node: n, kind: n.split(":")[0]!, id: n.split(":")[1]!, label: n, sensitivity: null, depth: 0 });
    const g = fromWire({
      root: "signal:a",
      nodes: [node("signal:a"), node("segment:x"), node("channel:email")],
      edges: {
        relation: "feeds",
        pairs: [
          [0, 1],
          [1, 2],
        ],
      },
      partial: false,
    });
    expect(g.edges).toEqual([
      { from: "signal:a", to: "segment:x" },
      { from: "segment:x", to: "channel:email" },
    ]);
    expect(g.nodes).toHaveLength(3);
  });
});
