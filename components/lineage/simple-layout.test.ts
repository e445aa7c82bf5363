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

  it("handles an empty graph", () => {
    expect(simpleLayout([]).size).toBe(0);
  });
});
