import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  algorithmChangePayload,
  channelRuleLabel,
  channelRulePayload,
  dataUsePayload,
  newSourcePayload,
  proposalRows,
  requestJustification,
  reviewPayload,
  stalePin,
  type InForce,
  type ReviewPayload,
} from "./review-proposals";
import { APPROVES_VERSION, REVIEW_TYPES } from "./review-rules";

const dataUse = { purposeKeys: ["analytics"], channels: ["email"], description: "Measure campaign reach per region." };
const newSource = { name: "Loyalty app", systemType: "mobile_app", collects: "Points balance and store visits.", jurisdictions: ["EU"], lawfulBasis: "contract", consent: "" };
const algorithm = { change: "Score with the v2 propensity model.", expectedEffect: "" };
const channel = { channel: "sms", rule: { kind: "frequency_cap", count: 2, perDays: 7 } };

type Case = [name: string, schema: z.ZodType, value: unknown, error: { path: string; message: RegExp } | null];

const CASES: Case[] = [
  ["data use: valid", dataUsePayload, dataUse, null],
  ["data use: channels optional", dataUsePayload, { ...dataUse, channels: undefined }, null],
  ["data use: no purpose", dataUsePayload, { ...dataUse, purposeKeys: [] }, { path: "purposeKeys", message: /at least one purpose/ }],
  ["data use: short description", dataUsePayload, { ...dataUse, description: "use it" }, { path: "description", message: /at least 10/ }],
  ["data use: unknown channel", dataUsePayload, { ...dataUse, channels: ["fax"] }, { path: "channels.0", message: /./ }],
  ["data use: extra key refused", dataUsePayload, { ...dataUse, approved: true }, { path: "", message: /approved/ }],
  ["new source: valid", newSourcePayload, newSource, null],
  ["new source: consent basis needs the capture described", newSourcePayload, { ...newSource, lawfulBasis: "consent" }, { path: "consent", message: /consent is captured/ }],
  ["new source: consent basis with capture described", newSourcePayload, { ...newSource, lawfulBasis: "consent", consent: "Opt-in box at sign-up in the app." }, null],
  ["new source: no jurisdiction", newSourcePayload, { ...newSource, jurisdictions: [] }, { path: "jurisdictions", message: /jurisdiction/ }],
  ["new source: no kind", newSourcePayload, { ...newSource, systemType: "" }, { path: "systemType", message: /kind of system/ }],
  ["new source: blank name", newSourcePayload, { ...newSource, name: "  " }, { path: "name", message: /Name the source/ }],
  ["algorithm change: valid", algorithmChangePayload, algorithm, null],
  ["algorithm change: effect optional", algorithmChangePayload, { change: algorithm.change }, null],
  ["algorithm change: too short", algorithmChangePayload, { change: "v2" }, { path: "change", message: /at least 10/ }],
  ["algorithm change: NUL refused", algorithmChangePayload, { change: "a new model\u0000 here" }, { path: "change", message: /NUL/ }],
  ["channel rule: frequency cap", channelRulePayload, channel, null],
  ["channel rule: min cohort", channelRulePayload, { channel: "email", rule: { kind: "min_cohort", size: 100 } }, null],
  ["channel rule: allowed purposes", channelRulePayload, { channel: "push", rule: { kind: "allowed_purposes", purposeKeys: ["marketing"] } }, null],
  ["channel rule: no channel", channelRulePayload, { ...channel, channel: "" }, { path: "channel", message: /Choose a channel/ }],
  ["channel rule: cap of 0", channelRulePayload, { channel: "sms", rule: { kind: "frequency_cap", count: 0, perDays: 7 } }, { path: "rule.count", message: /at least 1/ }],
  ["channel rule: cap missing days", channelRulePayload, { channel: "sms", rule: { kind: "frequency_cap", count: 2 } }, { path: "rule.perDays", message: /number of days/ }],
  ["channel rule: fractional cohort", channelRulePayload, { channel: "sms", rule: { kind: "min_cohort", size: 10.5 } }, { path: "rule.size", message: /whole number/ }],
  ["channel rule: no purpose", channelRulePayload, { channel: "sms", rule: { kind: "allowed_purposes", purposeKeys: [] } }, { path: "rule.purposeKeys", message: /at least one purpose/ }],
  ["channel rule: fields of another kind refused", channelRulePayload, { channel: "sms", rule: { kind: "min_cohort", size: 10, count: 2 } }, { path: "rule", message: /count/ }],
  ["channel rule: unknown kind", channelRulePayload, { channel: "sms", rule: { kind: "quiet_hours" } }, { path: "rule.kind", message: /./ }],
  ["justification: too short", requestJustification, "because", { path: "", message: /at least 10/ }],
  ["justification: trimmed before counting", requestJustification, "   short    ", { path: "", message: /at least 10/ }],
];

describe("proposal payloads", () => {
  it.each(CASES)("%s", (_name, schema, value, error) => {
    const r = schema.safeParse(value);
    if (!error) {
      expect(r.error?.issues).toBeUndefined();
      return;
    }
    expect(r.success).toBe(false);
    const issue = r.error!.issues.find((i) => i.path.join(".") === error.path) ?? r.error!.issues[0]!;
    expect(issue.path.join(".")).toBe(error.path);
    expect(issue.message).toMatch(error.message);
  });

  it.each([
    ["data_use", { type: "data_use", ...dataUse }],
    ["new_source", { type: "new_source", ...newSource }],
    ["algorithm_change", { type: "algorithm_change", ...algorithm }],
    ["channel_rule", { type: "channel_rule", ...channel }],
  ])("stores a %s payload tagged with its type", (type, value) => {
    expect(reviewPayload.parse(value).type).toBe(type);
  });

  it.each([
    ["a payload of another type's shape", { type: "data_use", ...algorithm }],
    ["a type that proposes nothing", { type: "segment_approval" }],
    ["the new-source consent rule, stored", { type: "new_source", ...newSource, lawfulBasis: "consent" }],
  ])("refuses %s", (_n, value) => {
    expect(reviewPayload.safeParse(value).success).toBe(false);
  });

  it("has a payload for every type except those that approve a segment version", () => {
    const proposing = REVIEW_TYPES.filter((t) => !APPROVES_VERSION.has(t));
    expect(proposing).toEqual(["data_use", "new_source", "algorithm_change", "channel_rule"]);
    expect(reviewPayload.options.map((o) => o.shape.type.value)).toEqual(proposing);
  });
});

describe("stale pins", () => {
  it.each([
    ["segment", 3, 3, null],
    ["segment", 3, 4, /version 4 is now the latest.*version 3/],
    ["policy", 7, 7, null],
    ["policy", 7, 8, /version 8 is in force.*version 7/],
    ["signal", null, null, null],
    ["proposed_source", null, null, null],
    ["segment", 3, null, null],
    ["data_source", 1, 2, null],
  ] as const)("%s pinned to %s, now %s", (subject, pinned, current, message) => {
    const r = stalePin(subject, pinned, current);
    if (message === null) expect(r).toBeNull();
    else expect(r).toMatch(message);
  });
});

describe("proposed against in force", () => {
  const names: Record<string, string> = { analytics: "Analytics", marketing: "Email marketing", ads: "Personalised ads" };
  const name = (k: string) => names[k] ?? k;
  const row = (p: ReviewPayload, inForce: InForce | null, field: string) => proposalRows(p, inForce, name).find((r) => r.field === field)!;

  it.each([
    ["all purposes new", ["marketing"], ["analytics"], "Email marketing", "Email marketing, Analytics", "Analytics"],
    ["some already held", ["analytics"], ["analytics", "ads"], "Analytics", "Analytics, Personalised ads", "Personalised ads"],
    ["none new", ["analytics", "ads"], ["ads"], "Analytics, Personalised ads", "Analytics, Personalised ads", "None: every purpose asked for is already collected for"],
    ["nothing held yet", [], ["ads"], "—", "Personalised ads", "Personalised ads"],
    ["a retired key shown as is", ["old_key"], ["ads"], "old_key", "old_key, Personalised ads", "Personalised ads"],
  ])("data use, %s", (_n, held, asked, inForce, proposed, added) => {
    const p = reviewPayload.parse({ type: "data_use", ...dataUse, purposeKeys: asked });
    expect(row(p, { purposeKeys: held }, "purposes")).toMatchObject({ inForce, proposed });
    expect(row(p, { purposeKeys: held }, "newPurposes").proposed).toBe(added);
  });

  it("data use lists the channels and the use described", () => {
    const p = reviewPayload.parse({ type: "data_use", ...dataUse, channels: ["email", "sms"] });
    expect(row(p, null, "channels").proposed).toBe("Email, SMS");
    expect(row(p, null, "description").proposed).toBe(dataUse.description);
  });

  it("a new source has nothing in force", () => {
    const rows = proposalRows(reviewPayload.parse({ type: "new_source", ...newSource }), null, name);
    expect(rows.map((r) => [r.label, r.inForce, r.proposed])).toEqual([
      ["Name", "Not in the catalog", "Loyalty app"],
      ["Kind of system", "—", "Mobile app"],
      ["What it collects", "—", newSource.collects],
      ["Jurisdictions", "—", "EU"],
      ["Lawful basis", "—", "Contract"],
      ["Consent capture", "—", "—"],
    ]);
  });

  it.each([
    [
      "the pinned version's computation",
      {
        computation: [
          { label: "Definition", value: "Spend > 100" },
          { label: "Refresh cadence", value: "Daily" },
        ],
      },
      "Definition: Spend > 100\nRefresh cadence: Daily",
    ],
    ["nothing recorded", null, "—"],
  ])("an algorithm change against %s", (_n, inForce, shown) => {
    const p = reviewPayload.parse({ type: "algorithm_change", ...algorithm, expectedEffect: "Fewer, better leads." });
    expect(row(p, inForce, "computation")).toMatchObject({ inForce: shown, proposed: algorithm.change });
    expect(row(p, inForce, "expectedEffect").proposed).toBe("Fewer, better leads.");
  });

  const policy: InForce = { channel: { requiredPurposeKey: "marketing", minCohortSize: 50 } };
  it.each([
    [{ kind: "frequency_cap", count: 2, perDays: 7 }, policy, "SMS: frequency cap", "None channel-wide (each segment sets its own)", "2 per 7 days"],
    [{ kind: "frequency_cap", count: 1, perDays: 1 }, policy, "SMS: frequency cap", "None channel-wide (each segment sets its own)", "1 per 1 day"],
    [{ kind: "min_cohort", size: 500 }, policy, "SMS: minimum cohort size", "50 (the policy minimum for every channel)", "500"],
    [
      { kind: "allowed_purposes", purposeKeys: ["marketing", "ads"] },
      policy,
      "SMS: allowed purposes",
      "Any purpose; inputs need opt-in for Email marketing",
      "Only Email marketing, Personalised ads",
    ],
    [{ kind: "allowed_purposes", purposeKeys: ["ads"] }, { channel: { requiredPurposeKey: null, minCohortSize: 50 } }, "SMS: allowed purposes", "Any purpose", "Only Personalised ads"],
  ] as const)("a channel rule %o", (rule, inForce, label, before, after) => {
    const p = reviewPayload.parse({ type: "channel_rule", channel: "sms", rule });
    expect(proposalRows(p, inForce, name)).toEqual([expect.objectContaining({ label, inForce: before, proposed: after })]);
    expect(channelRuleLabel({ channel: "sms", rule: rule as never })).toBe(label);
  });
});
