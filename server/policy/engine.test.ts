import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { maxSensitivity, SENSITIVITIES, sensitivityRank, type Sensitivity } from "@/domain/vocab";
import { DEFAULT_POLICY_SETTINGS } from "./defaults";
import { evaluate } from "./engine";
import type { CheckKey, PolicyInput, PolicySegment, PolicySettings, PolicySignal } from "./types";

const documented: PolicySegment = {
  id: "seg-1",
  name: "Frequent buyers",
  declaredPurposeKeys: ["marketing.email"],
  channels: ["email"],
  purposeStatement: "Thank frequent buyers with early access.",
  rationale: { assumptions: "a", limitations: "b", expectedOutcomes: "c" },
  ownerId: "user-1",
  refreshCadence: "daily",
  lookbackDays: 90,
  minCohortSize: 100,
  frequencyCaps: {},
  approvedAt: null,
};

const signal = (over: Partial<PolicySignal> = {}): PolicySignal => ({
  id: "sig-1",
  name: "Orders in last 90 days",
  categoryKey: "user.behavior.purchase_history",
  kind: "transactional",
  fidelity: "confirmed",
  retentionDays: 365,
  jurisdictions: ["US"],
  consents: [{ purposeKey: "marketing.email", lawfulBasis: "consent" }],
  consentChangedAt: null,
  via: [],
  ...over,
});

const input = (segment: Partial<PolicySegment> = {}, signals: PolicySignal[] = [signal()]): PolicyInput => ({
  segment: { ...documented, ...segment },
  signals,
  purposeNames: { "marketing.email": "Email marketing", "marketing.sms": "SMS marketing", "marketing.push": "Push notifications", analytics: "Analytics" },
});

const keys = (i: PolicyInput, settings: PolicySettings = DEFAULT_POLICY_SETTINGS) => evaluate(i, settings).map((f) => f.policyKey);

describe("a clean, documented segment", () => {
  it("has no findings", () => {
    expect(evaluate(input(), DEFAULT_POLICY_SETTINGS)).toEqual([]);
  });
});

type Case = [string, PolicyInput, CheckKey, boolean];
const cases: Case[] = [
  // purpose not consented
  ["declared purpose missing from an input", input({ declaredPurposeKeys: ["marketing.email", "analytics"] }), "purpose_not_consented", true],
  ["declared purpose missing through a parent", input({}, [signal(), signal({ id: "sig-2", consents: [], via: ["Lapsed"] })]), "purpose_not_consented", true],
  ["every input consented", input(), "purpose_not_consented", false],
  ["no declared purpose", input({ declaredPurposeKeys: [], channels: [] }), "purpose_not_consented", false],
  // special category
  [
    "health data for email under legitimate interest",
    input({}, [signal({ categoryKey: "user.health.maternity_clothing", consents: [{ purposeKey: "marketing.email", lawfulBasis: "legitimate_interest" }] })]),
    "special_category_in_marketing",
    true,
  ],
  ["health data with explicit consent", input({}, [signal({ categoryKey: "user.health.maternity_clothing" })]), "special_category_in_marketing", false],
  [
    "ordinary data under legitimate interest",
    input({}, [signal({ consents: [{ purposeKey: "marketing.email", lawfulBasis: "legitimate_interest" }] })]),
    "special_category_in_marketing",
    false,
  ],
  [
    "special category for a non-marketing purpose",
    input({ declaredPurposeKeys: ["analytics"], channels: [] }, [signal({ categoryKey: "user.health", consents: [{ purposeKey: "analytics", lawfulBasis: "legitimate_interest" }] })]),
    "special_category_in_marketing",
    false,
  ],
  // channel opt-in
  ["SMS without SMS consent", input({ channels: ["sms"], frequencyCaps: { sms: { count: 1, perDays: 7 } } }), "channel_needs_opt_in", true],
  [
    "push with push consent",
    input({ channels: ["push"], frequencyCaps: { push: { count: 1, perDays: 7 } } }, [
      signal({
        consents: [
          { purposeKey: "marketing.email", lawfulBasis: "consent" },
          { purposeKey: "marketing.push", lawfulBasis: "consent" },
        ],
      }),
    ]),
    "channel_needs_opt_in",
    false,
  ],
  ["web needs no opt-in", input({ channels: ["web"] }), "channel_needs_opt_in", false],
  // children
  ["children's data", input({}, [signal({ categoryKey: "user.children.thirteen_to_sixteen" })]), "childrens_data", true],
  ["a category that merely starts with the same letters", input({}, [signal({ categoryKey: "user.childrenswear_purchases" })]), "childrens_data", false],
  // undocumented
  ["no rationale", input({ rationale: { assumptions: "", limitations: "x", expectedOutcomes: "y" } }), "undocumented", true],
  ["no refresh cadence", input({ refreshCadence: null }), "undocumented", true],
  ["whitespace purpose statement", input({ purposeStatement: "   " }), "undocumented", true],
  ["fully documented", input(), "undocumented", false],
  // retention vs lookback
  ["signal kept 30 days, lookback 90", input({}, [signal({ retentionDays: 30 })]), "retention_shorter_than_lookback", true],
  ["retention equal to lookback", input({}, [signal({ retentionDays: 90 })]), "retention_shorter_than_lookback", false],
  ["no lookback", input({ lookbackDays: null }, [signal({ retentionDays: 30 })]), "retention_shorter_than_lookback", false],
  // low fidelity
  ["email on inferred signals only", input({}, [signal({ fidelity: "inferred" })]), "low_fidelity_precision", true],
  ["email with one observed signal", input({}, [signal({ fidelity: "inferred" }), signal({ id: "sig-2", fidelity: "observed" })]), "low_fidelity_precision", false],
  ["display on inferred signals", input({ channels: ["display"] }, [signal({ fidelity: "inferred" })]), "low_fidelity_precision", false],
  // cohort
  ["cohort 10", input({ minCohortSize: 10 }), "cohort_below_minimum", true],
  ["no cohort set", input({ minCohortSize: null }), "cohort_below_minimum", true],
  ["cohort exactly 50", input({ minCohortSize: 50 }), "cohort_below_minimum", false],
  // EU legitimate interest profiling
  [
    "EU behavioural data for email under LI",
    input({}, [signal({ jurisdictions: ["EU"], kind: "behavioural", consents: [{ purposeKey: "marketing.email", lawfulBasis: "legitimate_interest" }] })]),
    "legitimate_interest_profiling_eu",
    true,
  ],
  [
    "US data under LI",
    input({}, [signal({ jurisdictions: ["US"], kind: "behavioural", consents: [{ purposeKey: "marketing.email", lawfulBasis: "legitimate_interest" }] })]),
    "legitimate_interest_profiling_eu",
    false,
  ],
  ["EU data with consent", input({}, [signal({ jurisdictions: ["EU"], kind: "behavioural" })]), "legitimate_interest_profiling_eu", false],
  // frequency cap
  ["push without a cap", input({ channels: ["push"] }), "missing_frequency_cap", true],
  ["SMS with a cap", input({ channels: ["sms"], frequencyCaps: { sms: { count: 2, perDays: 7 } } }), "missing_frequency_cap", false],
  ["email needs no cap", input(), "missing_frequency_cap", false],
  // consent changed upstream
  ["consent changed after approval", input({ approvedAt: new Date("2026-01-01") }, [signal({ consentChangedAt: new Date("2026-02-01") })]), "consent_changed_upstream", true],
  ["consent changed before approval", input({ approvedAt: new Date("2026-03-01") }, [signal({ consentChangedAt: new Date("2026-02-01") })]), "consent_changed_upstream", false],
  ["never approved", input({}, [signal({ consentChangedAt: new Date("2026-02-01") })]), "consent_changed_upstream", false],
];

describe.each(cases)("%s", (_name, i, key, fires) => {
  it(`${fires ? "fires" : "does not fire"} ${key}`, () => {
    expect(keys(i).includes(key)).toBe(fires);
  });
});

describe("settings", () => {
  it("skips a disabled check and uses the configured severity", () => {
    const i = input({ minCohortSize: 10, channels: ["push"] });
    const off: PolicySettings = { ...DEFAULT_POLICY_SETTINGS, checks: { ...DEFAULT_POLICY_SETTINGS.checks, cohort_below_minimum: { enabled: false, severity: "block" } } };
    expect(keys(i, off)).not.toContain("cohort_below_minimum");
    const strict: PolicySettings = { ...DEFAULT_POLICY_SETTINGS, checks: { ...DEFAULT_POLICY_SETTINGS.checks, missing_frequency_cap: { enabled: true, severity: "block" } } };
    expect(evaluate(i, strict).find((f) => f.policyKey === "missing_frequency_cap")?.severity).toBe("block");
  });

  it("uses the configured cohort minimum", () => {
    expect(keys(input({ minCohortSize: 80 }), { ...DEFAULT_POLICY_SETTINGS, minCohortSize: 100 })).toContain("cohort_below_minimum");
  });
});

describe("findings explain themselves", () => {
  it("name the signals, the path through parents, the purpose and a remedy", () => {
    const [f] = evaluate(input({ declaredPurposeKeys: ["marketing.sms"], channels: [] }, [signal({ via: ["Lapsed buyers", "Lapsed VIPs"] })]), DEFAULT_POLICY_SETTINGS);
    expect(f).toMatchObject({ policyKey: "purpose_not_consented", severity: "block", purposes: ["marketing.sms"], signals: [{ id: "sig-1", name: "Orders in last 90 days" }] });
    expect(f!.message).toBe(
      "This segment is for “SMS marketing”, but its input signal was not collected for that purpose: “Orders in last 90 days” (through “Lapsed buyers” → “Lapsed VIPs”).",
    );
    expect(f!.remedy).toMatch(/Remove that signal/);
  });
});

// ---- properties

const PURPOSES = ["marketing.email", "marketing.sms", "marketing.push", "analytics", "advertising.cross_context"];
const arbSignal = fc.record({
  id: fc.uuid(),
  name: fc.string({ minLength: 1, maxLength: 20 }),
  categoryKey: fc.constantFrom("user.behavior.purchase_history", "user.health", "user.contact.email", "user.children", "user.location.precise"),
  kind: fc.constantFrom("behavioural", "declared", "contextual", "transactional"),
  fidelity: fc.constantFrom("confirmed", "observed", "derived", "inferred"),
  retentionDays: fc.integer({ min: 1, max: 1000 }),
  jurisdictions: fc.subarray(["EU", "US", "UK"]),
  consents: fc.uniqueArray(fc.record({ purposeKey: fc.constantFrom(...PURPOSES), lawfulBasis: fc.constantFrom("consent", "legitimate_interest") }), { selector: (c) => c.purposeKey }),
  consentChangedAt: fc.constant(null),
  via: fc.array(fc.string({ minLength: 1, maxLength: 8 }), { maxLength: 2 }),
}) as fc.Arbitrary<PolicySignal>;
const arbSegment = fc.record({
  declaredPurposeKeys: fc.subarray(PURPOSES),
  channels: fc.subarray(["email", "sms", "push", "web", "display"] as const),
  lookbackDays: fc.option(fc.integer({ min: 1, max: 400 })),
  minCohortSize: fc.option(fc.integer({ min: 1, max: 500 })),
});
const arbInput = fc.tuple(arbSegment, fc.uniqueArray(arbSignal, { selector: (s) => s.id, maxLength: 6 })).map(([seg, sigs]) => input(seg as Partial<PolicySegment>, sigs));

describe("properties", () => {
  it("adding a consented purpose to every input never adds a purpose finding", () => {
    fc.assert(
      fc.property(arbInput, fc.constantFrom(...PURPOSES), (i, purpose) => {
        const before = evaluate(i, DEFAULT_POLICY_SETTINGS).filter((f) => f.policyKey === "purpose_not_consented").length;
        const withConsent: PolicyInput = {
          ...i,
          signals: i.signals.map((s) => (s.consents.some((c) => c.purposeKey === purpose) ? s : { ...s, consents: [...s.consents, { purposeKey: purpose, lawfulBasis: "consent" }] })),
        };
        const after = evaluate(withConsent, DEFAULT_POLICY_SETTINGS).filter((f) => f.policyKey === "purpose_not_consented").length;
        return after <= before;
      }),
    );
  });

  it("findings do not depend on the order of the inputs", () => {
    fc.assert(
      fc.property(arbInput, fc.func(fc.integer()), (i, rank) => {
        const shuffled: PolicyInput = { ...i, signals: [...i.signals].sort((a, b) => rank(a.id) - rank(b.id)) };
        expect(evaluate(shuffled, DEFAULT_POLICY_SETTINGS)).toEqual(evaluate(i, DEFAULT_POLICY_SETTINGS));
      }),
    );
  });

  it("derived sensitivity never decreases when an input is added", () => {
    const arbSens = fc.constantFrom(...SENSITIVITIES) as fc.Arbitrary<Sensitivity>;
    fc.assert(
      fc.property(fc.array(arbSens), arbSens, (inputs, added) => {
        return sensitivityRank(maxSensitivity([...inputs, added])) >= sensitivityRank(maxSensitivity(inputs));
      }),
    );
  });
});
