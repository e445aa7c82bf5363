import { describe, expect, it } from "vitest";
import { simpleLayout } from "./simple-layout";

const node = (id: string, depth: number) => ({ id, depth, width: 200, height: 60 });

describe("simpleLayout", () => {
  it("puts upstream columns left of the root and downstream ones right, without overlaps", () => {
    const pos = simpleLayout([node("root", 0), node("up1", -1), node("up2", -1), node("down", 1), node("far", 3)]);
    expect(pos.get("up1")!.x).toBeLessThan(pos.get("root")!.x);
    expect(pos.get("down")!.x).toBeGreaterThan(pos.get("root")!.x);
    expect(pos.get("far")!.x).toBeGreaterThan(pos.get("down")!.x);
    expect(pos.get("up1")!.x).toBe(pos.get("up2")!.x);
    expect(Math.abs(pos.get("up1")!.y - pos.get("up2")!.y)).toBeGreaterThanOrEqual(60);
  });

  it("orders each column to keep edges from crossing", () => {
    // a→y and b→x cross when x is above y, as given.
    const pos = simpleLayout(
      [node("a", 0), node("b", 0), node("x", 1), node("y", 1)],
      [
        { source: "a", target: "y" },
        { source: "b", target: "x" },
      ],
    );
    expect(pos.get("a")!.y).toBeLessThan(pos.get("b")!.y);
    expect(pos.get("y")!.y).toBeLessThan(pos.get("x")!.y);
  });

  // Its speed is bench/lineage's to measure (a timed assertion here failed on a busy machine).
  it("places every one of 1,000 nodes and 4,000 edges, no two in the same spot", () => {
    const nodes = Array.from({ length: 1000 }, (_, i) => node(`n${i}`, Math.floor(i / 100)));
    const edges = Array.from({ length: 4000 }, (_, i) => ({ source: `n${i % 900}`, target: `n${100 + ((i * 7919) % 900)}` }));
    const pos = simpleLayout(nodes, edges);
    expect(pos.size).toBe(1000);
    expect([...pos.values()].every((p) => Number.isFinite(p.x) && Number.isFinite(p.y))).toBe(true);
    expect(new Set([...pos.values()].map((p) => `${p.x},${p.y}`)).size).toBe(1000);
  });

  it("handles an empty graph", () => {
    expect(simpleLayout([]).size).toBe(0);
  });
});
