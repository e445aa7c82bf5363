import { describe, expect, it } from "vitest";
import { collectRefs, definitionProblems, definitionSentence, type Group, type SignalInfo } from "./segment-definition";
import { maxSensitivity } from "./vocab";

const S = {
  orders: "00000000-0000-4000-8000-000000000001",
  opened: "00000000-0000-4000-8000-000000000002",
  tier: "00000000-0000-4000-8000-000000000003",
  member: "00000000-0000-4000-8000-000000000004",
};
const SEG = { lapsed: "00000000-0000-4000-8000-0000000000a1", vip: "00000000-0000-4000-8000-0000000000a2" };

const signals = new Map<string, SignalInfo>([
  [S.orders, { name: "Orders in last 90 days", valueType: "number", allowedValues: [] }],
  [S.opened, { name: "Last email open", valueType: "timestamp", allowedValues: [] }],
  [S.tier, { name: "Loyalty tier", valueType: "category", allowedValues: ["silver", "gold"] }],
  [S.member, { name: "Loyalty member", valueType: "boolean", allowedValues: [] }],
]);
const names = new Map([
  [SEG.lapsed, "Lapsed customers"],
  [SEG.vip, "VIPs"],
]);

const def: Group = {
  type: "group",
  combinator: "and",
  children: [
    { type: "condition", signalId: S.orders, operator: "gte", value: 2 },
    { type: "condition", signalId: S.opened, operator: "within_last_days", value: 30 },
    { type: "segment", segmentId: SEG.lapsed, mode: "exclude" },
    {
      type: "group",
      combinator: "or",
      children: [
        { type: "condition", signalId: S.tier, operator: "in", value: ["gold"] },
        { type: "segment", segmentId: SEG.vip, mode: "include" },
      ],
    },
  ],
};

describe("definitionSentence", () => {
  it("reads as one sentence, nesting groups in brackets and listing exclusions last", () => {
    expect(definitionSentence(def, signals, names)).toBe(
      "People where Orders in last 90 days is at least 2 AND Last email open within the last 30 days AND (Loyalty tier is one of “gold” OR members of “VIPs”), excluding members of “Lapsed customers”.",
    );
  });

  it.each([
    [{ type: "condition", signalId: S.orders, operator: "between", value: [1, 5] }, "Orders in last 90 days is between 1 and 5"],
    [{ type: "condition", signalId: S.member, operator: "is_true", value: null }, "Loyalty member is yes"],
    [{ type: "condition", signalId: S.opened, operator: "not_within_last_days", value: 180 }, "Last email open not within the last 180 days"],
    [{ type: "condition", signalId: S.tier, operator: "not_in", value: ["silver"] }, "Loyalty tier is none of “silver”"],
  ] as const)("renders %j", (node, text) => {
    expect(definitionSentence({ type: "group", combinator: "and", children: [node as never] }, signals, names)).toBe(`People where ${text}.`);
  });

  it("says so when there are no conditions", () => {
    expect(definitionSentence({ type: "group", combinator: "and", children: [] }, signals, names)).toBe("Everyone (no conditions yet).");
  });
});

describe("definitionProblems", () => {
  it("accepts a valid tree", () => {
    expect(definitionProblems(def, signals)).toEqual([]);
  });

  it.each([
    [{ type: "condition", signalId: S.tier, operator: "gte", value: 2 }, /cannot use “at least”/],
    [{ type: "condition", signalId: S.orders, operator: "gte", value: null }, /needs a number/],
    [{ type: "condition", signalId: S.orders, operator: "between", value: [5, 1] }, /lower first/],
    [{ type: "condition", signalId: S.opened, operator: "within_last_days", value: 0 }, /days from 1 to 3650/],
    [{ type: "condition", signalId: S.tier, operator: "in", value: [] }, /at least one value/],
    [{ type: "condition", signalId: S.tier, operator: "in", value: ["platinum"] }, /no value “platinum”/],
    [{ type: "condition", signalId: "00000000-0000-4000-8000-00000000ffff", operator: "gte", value: 1 }, /does not exist or is retired/],
  ] as const)("refuses %j", (node, message) => {
    const problems = definitionProblems({ type: "group", combinator: "and", children: [node as never] }, signals);
    expect(problems.join(" ")).toMatch(message);
  });

  it("refuses nesting deeper than five levels", () => {
    let tree: Group = { type: "group", combinator: "and", children: [{ type: "condition", signalId: S.orders, operator: "gte", value: 1 }] };
    for (let i = 0; i < 6; i++) tree = { type: "group", combinator: "and", children: [tree] };
    expect(definitionProblems(tree, signals).join(" ")).toMatch(/nested more than 5 levels/);
  });
});

describe("collectRefs", () => {
  it("finds every signal and segment once, an exclusion winning over an inclusion", () => {
    const both: Group = { ...def, children: [...def.children, { type: "segment", segmentId: SEG.vip, mode: "exclude" }] };
    const refs = collectRefs(both);
    expect(refs.signalIds.sort()).toEqual([S.orders, S.opened, S.tier].sort());
    expect(Object.fromEntries(refs.parents.map((p) => [p.segmentId, p.mode]))).toEqual({ [SEG.lapsed]: "exclude", [SEG.vip]: "exclude" });
  });
});

describe("maxSensitivity", () => {
  it.each([
    [[], "public"],
    [["internal", "restricted", "confidential"], "restricted"],
    [["public"], "public"],
  ] as const)("%j → %s", (values, expected) => {
    expect(maxSensitivity(values)).toBe(expected);
  });
});
