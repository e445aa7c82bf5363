import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY_SETTINGS } from "./defaults";
import { diffFindings } from "./diff";
import { evaluate } from "./engine";
import type { CheckKey, Finding, PolicyInput, PolicySignal } from "./types";

const finding = (policyKey: CheckKey, over: Partial<Finding> = {}): Finding => ({
  policyKey,
  severity: "block",
  title: policyKey,
  message: `message of ${policyKey}`,
  remedy: "fix it",
  signals: [],
  purposes: [],
  channels: [],
  ...over,
});
const x = { id: "sig-x", name: "X" };
const y = { id: "sig-y", name: "Y" };

type Row = [string, Finding[], Finding[], { added: string[]; cleared: string[]; unchanged: string[] }];
const t = (f: Finding) => f.title;
const rows: Row[] = [
  ["nothing before or after", [], [], { added: [], cleared: [], unchanged: [] }],
  ["the same finding, same words", [finding("undocumented")], [finding("undocumented")], { added: [], cleared: [], unchanged: ["undocumented"] }],
  [
    "reworded, fewer signals blamed: still the same finding",
    [finding("purpose_not_consented", { title: "P email", message: "2 of 2 signals", purposes: ["marketing.email"], signals: [x, y] })],
    [finding("purpose_not_consented", { title: "P email", message: "1 of 2 signals", purposes: ["marketing.email"], signals: [y] })],
    { added: [], cleared: [], unchanged: ["P email"] },
  ],
  ["gone after", [finding("cohort_below_minimum")], [], { added: [], cleared: ["cohort_below_minimum"], unchanged: [] }],
  ["new after", [], [finding("childrens_data", { signals: [x] })], { added: ["childrens_data"], cleared: [], unchanged: [] }],
  [
    "same check, another purpose: one cleared, one added",
    [finding("purpose_not_consented", { title: "P email", purposes: ["marketing.email"], signals: [x] })],
    [finding("purpose_not_consented", { title: "P sms", purposes: ["marketing.sms"], signals: [x] })],
    { added: ["P sms"], cleared: ["P email"], unchanged: [] },
  ],
  [
    "same check, another channel: one cleared, one added",
    [finding("channel_needs_opt_in", { title: "C email", channels: ["email"], purposes: ["marketing.email"] })],
    [finding("channel_needs_opt_in", { title: "C sms", channels: ["sms"], purposes: ["marketing.sms"] })],
    { added: ["C sms"], cleared: ["C email"], unchanged: [] },
  ],
  [
    "special category is per signal: X cleared, Y kept though its purposes narrowed",
    [
      finding("special_category_in_marketing", { title: "S x", signals: [x], purposes: ["marketing.email"] }),
      finding("special_category_in_marketing", { title: "S y", signals: [y], purposes: ["marketing.email", "marketing.sms"] }),
    ],
    [finding("special_category_in_marketing", { title: "S y", signals: [y], purposes: ["marketing.sms"] })],
    { added: [], cleared: ["S x"], unchanged: ["S y"] },
  ],
  [
    "the same words under another check are not the same finding",
    [finding("retention_shorter_than_lookback", { title: "same", message: "same" })],
    [finding("low_fidelity_precision", { title: "same", message: "same" })],
    { added: ["same"], cleared: ["same"], unchanged: [] },
  ],
  [
    "order does not matter",
    [finding("undocumented"), finding("cohort_below_minimum")],
    [finding("cohort_below_minimum"), finding("undocumented")],
    { added: [], cleared: [], unchanged: ["cohort_below_minimum", "undocumented"] },
  ],
];

describe("diffFindings", () => {
  it.each(rows)("%s", (_name, before, after, expected) => {
    const d = diffFindings(before, after);
    expect({ added: d.added.map(t), cleared: d.cleared.map(t), unchanged: d.unchanged.map((u) => t(u.after)) }).toEqual(expected);
  });

  it("names the signals a finding no longer blames, and the ones it now blames", () => {
    const before = [finding("purpose_not_consented", { purposes: ["p"], signals: [x] })];
    const after = [finding("purpose_not_consented", { purposes: ["p"], signals: [y] })];
    const [still] = diffFindings(before, after).unchanged;
    expect(still).toMatchObject({ noLongerBlames: [x], nowBlames: [y] });
  });
});

// The reported case, through the engine: adding email consent to one of two unconsented signals
// rewords two findings (they still blame the other one); adding it to both clears them.
describe("adding email consent to a signal, evaluated", () => {
  const signal = (id: string, consents: PolicySignal["consents"]): PolicySignal => ({
    id,
    name: id,
    categoryKey: "user.behavior.purchase_history",
    kind: "transactional",
    fidelity: "confirmed",
    retentionDays: 365,
    jurisdictions: ["US"],
    consents,
    consentChangedAt: null,
    via: [],
  });
  const input = (signals: PolicySignal[]): PolicyInput => ({
    segment: {
      id: "seg",
      name: "Seg",
      declaredPurposeKeys: ["marketing.email"],
      channels: ["email"],
      purposeStatement: "p",
      rationale: { assumptions: "a", limitations: "b", expectedOutcomes: "c" },
      ownerId: "u",
      refreshCadence: "daily",
      lookbackDays: 30,
      minCohortSize: 100,
      frequencyCaps: {},
      approvedAt: null,
    },
    signals,
    purposeNames: { "marketing.email": "Email marketing" },
  });
  const email = [{ purposeKey: "marketing.email", lawfulBasis: "consent" as const }];
  const run = (before: PolicySignal[], after: PolicySignal[]) => diffFindings(evaluate(input(before), DEFAULT_POLICY_SETTINGS), evaluate(input(after), DEFAULT_POLICY_SETTINGS));

  it("one of two: nothing added, both findings unchanged and no longer blaming it", () => {
    const d = run([signal("a", []), signal("b", [])], [signal("a", email), signal("b", [])]);
    expect(d.added).toEqual([]);
    expect(d.cleared).toEqual([]);
    expect(d.unchanged.map((u) => [u.after.policyKey, u.noLongerBlames.map((s) => s.id)])).toEqual([
      ["purpose_not_consented", ["a"]],
      ["channel_needs_opt_in", ["a"]],
    ]);
    expect(d.unchanged[0]!.before.message).not.toBe(d.unchanged[0]!.after.message);
  });

  it("the last one: both findings cleared, nothing added", () => {
    const d = run([signal("a", email), signal("b", [])], [signal("a", email), signal("b", email)]);
    expect(d.added).toEqual([]);
    expect(d.unchanged).toEqual([]);
    expect(d.cleared.map((f) => f.policyKey)).toEqual(["purpose_not_consented", "channel_needs_opt_in"]);
  });
});
