import { describe, expect, it } from "vitest";
import { decideActivation, unknownSegmentDecision, type ActivationFacts, type DecisionReasonCode, type GateFinding } from "./activation-decision";
import { formatDate } from "./dates";
import { recertificationOverdue } from "./recertification";
import { SEGMENT_STATUSES, type SegmentStatus } from "./vocab";

const NOW = new Date("2026-11-10T12:00:00.000Z");
const DAY = 86_400_000;

// Each dimension written out with the reason codes it must add on its own; the cross product
// below checks every combination gives exactly the union, in a stable order.
const STATUS: Record<SegmentStatus, DecisionReasonCode[]> = {
  draft: ["segment_not_active"],
  in_review: ["segment_not_active"],
  approved: ["segment_not_active"],
  active: [],
  paused: ["segment_not_active"],
  retired: ["segment_not_active"],
};

const blocking = (exceptionExpiresAt: Date | null, policyKey = "purpose_not_consented"): GateFinding => ({ policyKey, title: "Purpose not consented", exceptionExpiresAt });
const FINDINGS: Record<string, { findings: GateFinding[]; flag: boolean; codes: DecisionReasonCode[] }> = {
  none: { findings: [], flag: false, codes: [] },
  "blocking, no exception": { findings: [blocking(null)], flag: false, codes: ["blocking_finding"] },
  "blocking, unexpired exception": { findings: [blocking(new Date(NOW.getTime() + DAY))], flag: false, codes: [] },
  "blocking, exception expiring a millisecond from now": { findings: [blocking(new Date(NOW.getTime() + 1))], flag: false, codes: [] },
  "blocking, exception expiring now": { findings: [blocking(NOW)], flag: false, codes: ["blocking_finding"] },
  "blocking, expired exception": { findings: [blocking(new Date(NOW.getTime() - DAY))], flag: false, codes: ["blocking_finding"] },
  "two blocking, one waived": { findings: [blocking(null), blocking(new Date(NOW.getTime() + DAY))], flag: false, codes: ["blocking_finding"] },
  "two blocking, none waived": { findings: [blocking(null), blocking(null)], flag: false, codes: ["blocking_finding", "blocking_finding"] },
  "consent changed upstream (flag)": { findings: [], flag: true, codes: ["consent_changed_upstream"] },
  "consent changed upstream (finding), even with an exception": {
    findings: [blocking(new Date(NOW.getTime() + DAY), "consent_changed_upstream")],
    flag: false,
    codes: ["consent_changed_upstream"],
  },
  "consent changed upstream (flag and finding) and a blocking finding": {
    findings: [blocking(null, "consent_changed_upstream"), blocking(null)],
    flag: true,
    codes: ["blocking_finding", "consent_changed_upstream"],
  },
};

const CHANNEL: Record<string, { channel: "email" | "push"; codes: DecisionReasonCode[] }> = {
  declared: { channel: "email", codes: [] },
  undeclared: { channel: "push", codes: ["channel_not_declared"] },
};

const PURPOSE: Record<string, { purpose: string | null; codes: DecisionReasonCode[] }> = {
  "not named": { purpose: null, codes: [] },
  declared: { purpose: "marketing.email", codes: [] },
  undeclared: { purpose: "marketing.sms", codes: ["purpose_not_declared"] },
};

const RECERT: Record<string, { recertifyBy: string | null; codes: DecisionReasonCode[] }> = {
  "none set": { recertifyBy: null, codes: [] },
  "due later": { recertifyBy: "2027-01-01", codes: [] },
  "due today": { recertifyBy: "2026-11-10", codes: [] },
  "due yesterday": { recertifyBy: "2026-11-09", codes: ["recertification_overdue"] },
  "long overdue": { recertifyBy: "2026-01-02", codes: ["recertification_overdue"] },
};

const ORDER: DecisionReasonCode[] = ["segment_not_active", "channel_not_declared", "purpose_not_declared", "blocking_finding", "consent_changed_upstream", "recertification_overdue"];
const ordered = (codes: DecisionReasonCode[]) => [...codes].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));

describe("decideActivation: every status × finding × exception × channel × purpose × re-certification", () => {
  const cases: Array<[string, ActivationFacts, { channel: "email" | "push"; purpose: string | null }, DecisionReasonCode[]]> = [];
  for (const status of SEGMENT_STATUSES)
    for (const [fName, f] of Object.entries(FINDINGS))
      for (const [cName, c] of Object.entries(CHANNEL))
        for (const [pName, p] of Object.entries(PURPOSE))
          for (const [rName, r] of Object.entries(RECERT)) {
            const facts: ActivationFacts = {
              status,
              channels: ["email", "sms"],
              purposeKeys: ["marketing.email", "analytics"],
              blockingFindings: f.findings,
              consentChangedUpstream: f.flag,
              recertifyBy: r.recertifyBy,
            };
            cases.push([
              `${status} / ${fName} / channel ${cName} / purpose ${pName} / re-certification ${rName}`,
              facts,
              { channel: c.channel, purpose: p.purpose },
              ordered([...STATUS[status], ...c.codes, ...p.codes, ...f.codes, ...r.codes]),
            ]);
          }

  it(`covers ${6 * Object.keys(FINDINGS).length * 2 * 3 * Object.keys(RECERT).length} cases`, () => {
    expect(cases.length).toBe(6 * 11 * 2 * 3 * 5);
  });

  it.each(cases)("%s", (_name, facts, ask, codes) => {
    const d = decideActivation(facts, ask, NOW);
    expect(d.reasons.map((r) => r.code)).toEqual(codes);
    expect(d.allowed).toBe(codes.length === 0);
    for (const r of d.reasons) expect(r.message.length).toBeGreaterThan(10);
  });
});

describe("decideActivation's messages", () => {
  const live: ActivationFacts = { status: "active", channels: ["email"], purposeKeys: ["marketing.email"], blockingFindings: [], consentChangedUpstream: false, recertifyBy: null };

  it("says since when re-certification is overdue, in plain words", () => {
    const d = decideActivation({ ...live, recertifyBy: "2026-11-02" }, { channel: "email" }, NOW);
    expect(d.reasons).toEqual([{ code: "recertification_overdue", message: "Re-certification overdue since 2 Nov 2026." }]);
  });

  it("names the status, the channel and the declared channels, the purpose, and an expired exception's date", () => {
    const d = decideActivation(
      { ...live, status: "paused", blockingFindings: [{ policyKey: "childrens_data", title: "Children's data", exceptionExpiresAt: new Date("2026-11-01T09:00:00Z") }] },
      { channel: "push", purpose: "marketing.push" },
      NOW,
    );
    expect(d.reasons.map((r) => r.message)).toEqual([
      "The segment is paused.",
      "Push is not one of the segment's declared channels (Email).",
      "The purpose marketing.push is not among the segment's declared purposes.",
      "Blocking finding: Children's data; its exception expired on 1 Nov 2026.",
    ]);
  });

  it("says 'none' when the segment declares no channel, and answers an unknown key with segment_unknown", () => {
    expect(decideActivation({ ...live, channels: [] }, { channel: "sms" }, NOW).reasons[0]!.message).toBe("SMS is not one of the segment's declared channels (none).");
    expect(unknownSegmentDecision("nope")).toEqual({ allowed: false, reasons: [{ code: "segment_unknown", message: "No segment has the key nope." }] });
  });
});

describe("re-certification dates", () => {
  it("is overdue from the day after the date, in UTC", () => {
    expect(recertificationOverdue("2026-11-02", new Date("2026-11-02T23:59:59Z"))).toBe(false);
    expect(recertificationOverdue("2026-11-02", new Date("2026-11-03T00:00:00Z"))).toBe(true);
    expect(recertificationOverdue(null, NOW)).toBe(false);
  });
  it("formats days the same everywhere", () => {
    expect(formatDate("2026-01-31")).toBe("31 Jan 2026");
    expect(formatDate("2026-12-01T10:00:00.000Z")).toBe("1 Dec 2026");
  });
});
