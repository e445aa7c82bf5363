import { describe, expect, it } from "vitest";
import { eligibility, isClosed, outstanding, REVIEW_STATUSES, requiredApprovals, transition, withdrawal, type ReviewAction, type ReviewStatus } from "./review-rules";

const ACTIONS: ReviewAction[] = ["approve", "reject", "request_changes", "withdraw", "expire"];
const LEGAL: Array<[ReviewStatus, ReviewAction, ReviewStatus]> = [
  ["open", "approve", "approved"],
  ["open", "reject", "rejected"],
  ["open", "request_changes", "changes_requested"],
  ["open", "withdraw", "withdrawn"],
  ["open", "expire", "expired"],
  ["changes_requested", "withdraw", "withdrawn"],
  ["changes_requested", "expire", "expired"],
];

describe("state machine", () => {
  it.each(LEGAL)("%s --%s--> %s", (from, action, to) => {
    expect(transition(from, action)).toBe(to);
  });

  const illegal = REVIEW_STATUSES.flatMap((from) => ACTIONS.map((a) => [from, a] as const)).filter(([f, a]) => !LEGAL.some(([lf, la]) => lf === f && la === a));
  it.each(illegal)("%s --%s--> refused", (from, action) => {
    expect(transition(from, action)).toBeNull();
  });

  it("treats every end state as closed", () => {
    expect(REVIEW_STATUSES.filter(isClosed)).toEqual(["approved", "rejected", "withdrawn", "expired"]);
  });
});

describe("required approvals", () => {
  it.each([
    ["public", 0, [{ role: "steward", count: 1 }]],
    ["internal", 0, [{ role: "steward", count: 1 }]],
    [
      "internal",
      1,
      [
        { role: "steward", count: 1 },
        { role: "privacy_officer", count: 1 },
      ],
    ],
    [
      "confidential",
      0,
      [
        { role: "steward", count: 1 },
        { role: "privacy_officer", count: 1 },
      ],
    ],
    [
      "restricted",
      0,
      [
        { role: "steward", count: 1 },
        { role: "privacy_officer", count: 2 },
      ],
    ],
  ] as const)("%s with %i findings", (sensitivity, findings, expected) => {
    expect(requiredApprovals(sensitivity, findings)).toEqual(expected);
  });

  it("counts distinct people only", () => {
    const req = requiredApprovals("restricted", 0);
    expect(
      outstanding(req, [
        { userId: "p1", role: "privacy_officer" },
        { userId: "p1", role: "privacy_officer" },
      ]),
    ).toEqual([
      { role: "steward", count: 1 },
      { role: "privacy_officer", count: 1 },
    ]);
  });
});

describe("eligibility", () => {
  const base = { userId: "u1", roles: ["steward" as const], requesterId: "m1", authorId: "m1", alreadyDecided: false, required: requiredApprovals("confidential", 0), approvals: [] };

  it("lets a steward decide as steward", () => {
    expect(eligibility(base)).toEqual({ ok: true, role: "steward" });
  });

  it("never lets the requester or the author decide, even holding every role", () => {
    const all = ["admin", "steward", "privacy_officer", "marketer", "auditor"] as const;
    expect(eligibility({ ...base, userId: "m1", roles: [...all] })).toMatchObject({ ok: false, reason: expect.stringMatching(/four-eyes/) });
    expect(eligibility({ ...base, userId: "a1", authorId: "a1", requesterId: null, roles: [...all] })).toMatchObject({ ok: false, reason: expect.stringMatching(/wrote the version/) });
  });

  it("counts a person once and in the scarcest role", () => {
    const both = { ...base, roles: ["steward" as const, "privacy_officer" as const] };
    expect(eligibility(both)).toEqual({ ok: true, role: "privacy_officer" });
    expect(eligibility({ ...both, alreadyDecided: true })).toMatchObject({ ok: false });
    expect(eligibility({ ...both, approvals: [{ userId: "p9", role: "privacy_officer" }] })).toEqual({ ok: true, role: "steward" });
  });

  it("refuses roles the request does not need, or whose approvals are already in", () => {
    expect(eligibility({ ...base, roles: ["marketer"] })).toMatchObject({ ok: false, reason: expect.stringMatching(/cannot decide/) });
    expect(eligibility({ ...base, approvals: [{ userId: "s2", role: "steward" }] })).toMatchObject({ ok: false, reason: expect.stringMatching(/already in/) });
  });
});

describe("withdrawal", () => {
  it("lets only the requester withdraw, while the request is open or sent back", () => {
    expect(withdrawal({ status: "open", requesterId: "m1" }, "m1")).toEqual({ ok: true });
    expect(withdrawal({ status: "changes_requested", requesterId: "m1" }, "m1")).toEqual({ ok: true });
    expect(withdrawal({ status: "open", requesterId: "m1" }, "s1")).toMatchObject({ ok: false, nobody: false, reason: expect.stringMatching(/Only the person who asked/) });
    expect(withdrawal({ status: "approved", requesterId: "m1" }, "m1")).toEqual({ ok: false, nobody: true, reason: "This request is approved; it cannot be withdrawn." });
    expect(withdrawal({ status: "open", requesterId: null }, "s1")).toMatchObject({ ok: false, nobody: true, reason: expect.stringMatching(/opened this request itself/) });
  });
});
