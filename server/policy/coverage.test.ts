import { describe, expect, it } from "vitest";
import { uncollectedPurposes } from "./coverage";
import type { PolicySignal } from "./types";

const signal = (id: string, purposeKeys: string[]): PolicySignal => ({
  id,
  name: id,
  categoryKey: "c",
  kind: "transactional",
  fidelity: "confirmed",
  retentionDays: 30,
  jurisdictions: [],
  consents: purposeKeys.map((purposeKey) => ({ purposeKey, lawfulBasis: "consent" })),
  consentChangedAt: null,
  via: [],
});

describe("uncollectedPurposes", () => {
  it.each([
    ["no inputs: nothing to blame", [], ["email"], {}],
    ["every input collected for it", [signal("a", ["email"]), signal("b", ["email", "sms"])], ["email"], {}],
    ["one input missing one purpose", [signal("a", ["email"]), signal("b", ["sms"])], ["email", "sms"], { email: ["b"], sms: ["a"] }],
    ["a purpose no input has", [signal("a", []), signal("b", [])], ["push"], { push: ["a", "b"] }],
  ] as const)("%s", (_name, signals, keys, expected) => {
    const got = Object.fromEntries([...uncollectedPurposes(signals, keys)].map(([k, ss]) => [k, ss.map((s) => s.id)]));
    expect(got).toEqual(expected);
  });
});
