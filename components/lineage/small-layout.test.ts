import { describe, expect, it } from "vitest";
import { chooseFlow, inFlow } from "./layout-types";
import { smallLayout } from "./small-layout";

const node = (id: string, depth: number) => ({ id, depth, width: 216, height: 64 });
const edge = (source: string, target: string) => ({ source, target });
const STEP = 216 + 72;

describe("smallLayout", () => {
  it("lays a grouped graph out in ELK's columns and gaps, each parent level with the middle of what it feeds", () => {
    // The grouped view of a big downstream graph: the root, a group of jobs, the datasets they write, one more group.
    const pos = smallLayout(
      [node("root", 0), node("jobs", 1), node("sets", 2), node("solo", 1), node("more", 3)],
      [edge("root", "jobs"), edge("root", "solo"), edge("jobs", "sets"), edge("sets", "more"), edge("solo", "sets")],
    );
    expect(pos.get("root")!.x).toBe(0);
    expect(pos.get("jobs")!.x).toBe(STEP);
    expect(pos.get("solo")!.x).toBe(STEP);
    expect(pos.get("sets")!.x).toBe(2 * STEP);
    expect(pos.get("more")!.x).toBe(3 * STEP);
    expect(Math.abs(pos.get("jobs")!.y - pos.get("solo")!.y)).toBe(64 + 20);
    expect(pos.get("root")!.y).toBeCloseTo((pos.get("jobs")!.y + pos.get("solo")!.y) / 2);
    expect(pos.get("sets")!.y).toBeCloseTo(pos.get("root")!.y);
    expect(Math.min(...[...pos.values()].map((p) => p.y))).toBe(0);
  });

  it("places upstream sources just before what they feed, and survives a cycle", () => {
    const pos = smallLayout(
      [node("root", 0), node("a", 1), node("b", 2), node("late", -1), node("back", 3)],
      [edge("root", "a"), edge("a", "b"), edge("late", "b"), edge("b", "back"), edge("back", "a")],
    );
    expect(pos.get("late")!.x).toBe(pos.get("a")!.x);
    expect(pos.get("b")!.x).toBeGreaterThan(pos.get("a")!.x);
    expect(pos.get("back")!.x).toBeGreaterThan(pos.get("b")!.x);
    const inColumn = [...pos.values()].filter((p) => p.x === pos.get("a")!.x).map((p) => p.y);
    expect(Math.abs(inColumn[0]! - inColumn[1]!)).toBeGreaterThanOrEqual(84);
  });

  it("orders a column so that edges do not cross", () => {
    const pos = smallLayout([node("a", 0), node("b", 0), node("x", 1), node("y", 1)], [edge("a", "y"), edge("b", "x")]);
    expect(Math.sign(pos.get("a")!.y - pos.get("b")!.y)).toBe(Math.sign(pos.get("y")!.y - pos.get("x")!.y));
  });
});

describe("inFlow", () => {
  it("turns a layout top to bottom for a phone: layers become rows, one box height and ELK's gap apart, siblings side by side", () => {
    const nodes = [node("root", 0), node("a", 1), node("b", 1), node("c", 2)];
    const edges = [edge("root", "a"), edge("root", "b"), edge("a", "c")];
    const across = inFlow("across", smallLayout, nodes, edges);
    const down = inFlow("down", smallLayout, nodes, edges);
    expect(across.get("a")!.x).toBe(STEP);
    // Down: each hop is a row, 64 px boxes and the 72 px layer gap apart.
    expect(down.get("root")!.y).toBe(0);
    expect(down.get("a")!.y).toBe(64 + 72);
    expect(down.get("c")!.y).toBe(2 * (64 + 72));
    // Siblings sit side by side, a box's width and the 20 px row gap apart, and do not overlap.
    expect(down.get("a")!.y).toBe(down.get("b")!.y);
    expect(Math.abs(down.get("a")!.x - down.get("b")!.x)).toBe(216 + 20);
  });
});

describe("chooseFlow", () => {
  const phone = { width: 350, height: 560 };
  const chain = (hops: number, perHop = 1) => Array.from({ length: hops * perHop }, (_, i) => node(`n${i}`, Math.floor(i / perHop)));
  it("reads a deep chain top to bottom on a phone, and a wide fan-out left to right", () => {
    expect(chooseFlow(chain(5), phone)).toBe("down");
    // A grouped big graph: five hops, at most two boxes in one.
    expect(chooseFlow([...chain(5), node("x", 4)], phone)).toBe("down");
    // 294 datasets off one job: a tall column scrolls; a strip 294 boxes wide would be unreadable.
    expect(chooseFlow([node("hub", 0), ...Array.from({ length: 294 }, (_, i) => node(`d${i}`, 1))], phone)).toBe("across");
    // On a wide screen box, left to right wins for a chain too.
    expect(chooseFlow(chain(5), { width: 1400, height: 560 })).toBe("across");
    expect(chooseFlow([], phone)).toBe("across");
  });
});
