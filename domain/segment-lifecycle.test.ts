import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "./roles";
import {
  decideLifecycle,
  LIFECYCLE_ACTIONS,
  LIFECYCLE_EVENTS,
  lifecycleVerdicts,
  NOT_RUNNING_REASON,
  RUNNING_STATUS,
  runsDownstream,
  RETIRE_REASON_MIN_LENGTH,
  statusAfter,
  type LifecycleAction,
  type SegmentLifecycleFacts,
} from "./segment-lifecycle";
import { SEGMENT_STATUSES, type SegmentStatus } from "./vocab";

const OWNER = "owner-1";
const OTHER = "someone-else";

/** One ordinary segment in each status; in review, its owner asked for the approval. */
function segmentIn(status: SegmentStatus): SegmentLifecycleFacts {
  const approvedOnce = status === "approved" || status === "active" || status === "paused" || status === "retired";
  return {
    status,
    ownerId: OWNER,
    hasApprovedVersion: approvedOnce,
    headApproved: approvedOnce,
    headUnderReview: status === "in_review",
    consentChangedUpstream: false,
    pendingApproval: status === "in_review" ? { id: "req-1", requesterId: OWNER, status: "open" } : null,
    // Paused by the owner ten seconds ago: still within the minute in which a pause can be undone.
    pause: status === "paused" ? { byUserId: OWNER, secondsAgo: 10 } : null,
  };
}

// The whole table, written out: one letter per status, in the order
//   draft  in_review  approved  active  paused  retired
// A = allowed, F = refused for who you are (403), P = refused for the segment's state (412).
// "own": the person owns the segment (and asked for its pending approval); "other": they do not.
const TABLE: Record<LifecycleAction, Record<Role, { own: string; other: string }>> = {
  edit: {
    admin: { own: "FFFFFF", other: "FFFFFF" },
    steward: { own: "AAAAAA", other: "AAAAAA" },
    privacy_officer: { own: "FFFFFF", other: "FFFFFF" },
    marketer: { own: "AFAAAF", other: "FFFFFF" },
    auditor: { own: "FFFFFF", other: "FFFFFF" },
  },
  submit: {
    admin: { own: "FFFFFF", other: "FFFFFF" },
    steward: { own: "APPPPP", other: "APPPPP" },
    privacy_officer: { own: "APPPPP", other: "FFFFFF" },
    marketer: { own: "APPPPP", other: "FFFFFF" },
    auditor: { own: "FFFFFF", other: "FFFFFF" },
  },
  withdraw: {
    admin: { own: "FFFFFF", other: "FFFFFF" },
    steward: { own: "PAPPPP", other: "PFPPPP" },
    privacy_officer: { own: "PAPPPP", other: "PFPPPP" },
    marketer: { own: "PAPPPP", other: "PFPPPP" },
    auditor: { own: "FFFFFF", other: "FFFFFF" },
  },
  activate: {
    admin: { own: "FFFFFF", other: "FFFFFF" },
    steward: { own: "PPAPAP", other: "PPAPAP" },
    privacy_officer: { own: "FFFFFF", other: "FFFFFF" },
    marketer: { own: "PPAPAP", other: "FFFFFF" },
    auditor: { own: "FFFFFF", other: "FFFFFF" },
  },
  pause: {
    admin: { own: "FFFFFF", other: "FFFFFF" },
    steward: { own: "PPPAPP", other: "PPPAPP" },
    privacy_officer: { own: "PPPAPP", other: "PPPAPP" },
    marketer: { own: "PPPAPP", other: "FFFFFF" },
    auditor: { own: "FFFFFF", other: "FFFFFF" },
  },
  retire: {
    admin: { own: "FFFFFF", other: "FFFFFF" },
    steward: { own: "AAAAAP", other: "AAAAAP" },
    privacy_officer: { own: "AAAAAP", other: "AAAAAP" },
    marketer: { own: "FFFFFF", other: "FFFFFF" },
    auditor: { own: "FFFFFF", other: "FFFFFF" },
  },
  // "own" here also means the person who paused it.
  undo_pause: {
    admin: { own: "FFFFFF", other: "FFFFFF" },
    steward: { own: "PPPPAP", other: "PPPPFP" },
    privacy_officer: { own: "PPPPAP", other: "PPPPFP" },
    marketer: { own: "PPPPAP", other: "FFFFFF" },
    auditor: { own: "FFFFFF", other: "FFFFFF" },
  },
};

const letter = (v: ReturnType<typeof decideLifecycle>) => (v.allowed ? "A" : v.code === "forbidden" ? "F" : "P");

describe("the lifecycle table, every status × action × role × ownership", () => {
  const cells = LIFECYCLE_ACTIONS.flatMap((action) =>
    ROLES.flatMap((role) => (["own", "other"] as const).flatMap((rel) => SEGMENT_STATUSES.map((status, i) => [action, role, rel, status, TABLE[action][role][rel][i]!] as const))),
  );

  it("has a written expectation for every cell", () => {
    expect(cells).toHaveLength(LIFECYCLE_ACTIONS.length * ROLES.length * 2 * SEGMENT_STATUSES.length);
    expect(cells.every(([, , , , expected]) => /^[AFP]$/.test(expected))).toBe(true);
  });

  it.each(cells)("%s by %s (%s) on a %s segment → %s", (action, role, rel, status, expected) => {
    const verdict = decideLifecycle(action, segmentIn(status), { userId: rel === "own" ? OWNER : OTHER, roles: [role] });
    expect(letter(verdict)).toBe(expected);
    if (!verdict.allowed) expect(verdict.reason.length).toBeGreaterThan(20);
  });
});

describe("refusals say why in words", () => {
  const marketer = { userId: OWNER, roles: ["marketer"] as Role[] };
  it.each([
    ["activate", "draft", "precondition", "Only an approved (or paused) segment can be activated."],
    ["pause", "paused", "precondition", "Only an active segment can be paused."],
    ["retire", "retired", "precondition", "This segment is already retired."],
    ["edit", "in_review", "forbidden", "This segment is in review. Withdraw the review request to change it, or ask a data steward."],
    ["edit", "retired", "forbidden", "This segment is retired; it can no longer be edited."],
    ["submit", "approved", "precondition", "This version is already approved. Edit the segment to propose changes."],
    ["submit", "in_review", "precondition", "This version is already under review."],
    ["submit", "retired", "precondition", "A retired segment cannot be submitted."],
    ["withdraw", "draft", "precondition", "No approval request is waiting, so there is nothing to withdraw."],
  ] as const)("%s on a %s segment, as its owner: %s", (action, status, code, reason) => {
    expect(decideLifecycle(action, segmentIn(status), action === "retire" ? { ...marketer, roles: ["steward"] } : marketer)).toEqual({ allowed: false, code, reason });
  });

  it("names who may act when the person may not", () => {
    const other = { userId: OTHER, roles: ["marketer"] as Role[] };
    expect(decideLifecycle("submit", segmentIn("draft"), other)).toEqual({ allowed: false, code: "forbidden", reason: "Only the segment's owner or a data steward can submit it." });
    expect(decideLifecycle("edit", segmentIn("draft"), other)).toEqual({ allowed: false, code: "forbidden", reason: "You can edit only segments you own. Ask the owner or a data steward." });
    expect(decideLifecycle("retire", segmentIn("active"), marketer)).toEqual({ allowed: false, code: "forbidden", reason: "Only a data steward or a privacy officer can retire a segment." });
  });
});

describe("facts beyond the status", () => {
  const steward = { userId: "s1", roles: ["steward"] as Role[] };
  const owner = { userId: OWNER, roles: ["marketer"] as Role[] };

  it("keeps a segment blocked by a consent change upstream from being activated", () => {
    const paused = { ...segmentIn("paused"), consentChangedUpstream: true };
    expect(decideLifecycle("activate", paused, steward)).toEqual({
      allowed: false,
      code: "precondition",
      reason: "Consent changed upstream of this segment; it stays blocked until it is re-approved.",
    });
    expect(decideLifecycle("activate", { ...segmentIn("paused"), hasApprovedVersion: false }, steward)).toMatchObject({
      allowed: false,
      reason: "No version of this segment is approved yet.",
    });
  });

  it("lets an approved or active segment's owner submit a new draft version, and withdraw it again", () => {
    const draftOnActive = { ...segmentIn("active"), headApproved: false };
    expect(decideLifecycle("submit", draftOnActive, owner)).toEqual({ allowed: true });
    const underReview = { ...draftOnActive, headUnderReview: true, pendingApproval: { id: "r2", requesterId: OWNER, status: "open" as const } };
    expect(decideLifecycle("submit", underReview, owner)).toMatchObject({ allowed: false, code: "precondition" });
    expect(decideLifecycle("withdraw", underReview, owner)).toEqual({ allowed: true });
    expect(decideLifecycle("edit", underReview, owner)).toEqual({ allowed: true });
  });

  it("lets only the requester withdraw, not the owner when a steward asked, and nobody when Steward asked itself", () => {
    const askedBySteward = { ...segmentIn("in_review"), pendingApproval: { id: "r", requesterId: "s1", status: "open" as const } };
    expect(decideLifecycle("withdraw", askedBySteward, steward)).toEqual({ allowed: true });
    expect(decideLifecycle("withdraw", askedBySteward, owner)).toMatchObject({ allowed: false, code: "forbidden", reason: expect.stringMatching(/Only the person who asked/) });
    const automatic = { ...segmentIn("active"), headApproved: false, pendingApproval: { id: "r", requesterId: null, status: "open" as const } };
    expect(decideLifecycle("withdraw", automatic, steward)).toMatchObject({ allowed: false, code: "precondition", reason: expect.stringMatching(/opened this request itself/) });
  });

  it("lets the requester withdraw a request sent back for changes while the segment is a draft again", () => {
    const sentBack = { ...segmentIn("draft"), pendingApproval: { id: "r", requesterId: OWNER, status: "changes_requested" as const } };
    expect(decideLifecycle("withdraw", sentBack, owner)).toEqual({ allowed: true });
    expect(decideLifecycle("submit", sentBack, owner)).toEqual({ allowed: true });
  });

  it("gives a person with several roles the union, and four-eyes never enters the lifecycle", () => {
    const both = { userId: OWNER, roles: ["marketer", "privacy_officer"] as Role[] };
    expect(lifecycleVerdicts(segmentIn("active"), both)).toMatchObject({ pause: { allowed: true }, retire: { allowed: true }, activate: { allowed: false }, edit: { allowed: true } });
  });

  it("asks for a retire reason of a few characters", () => {
    expect(RETIRE_REASON_MIN_LENGTH).toBe(3);
  });
});

describe("undoing a pause", () => {
  const paused = segmentIn("paused");
  const owner = { userId: OWNER, roles: ["marketer"] as Role[] };
  const officer = { userId: "po-1", roles: ["privacy_officer"] as Role[] };

  it("lets the person who paused take it back within the minute, even without the right to activate", () => {
    const byOfficer = { ...paused, pause: { byUserId: officer.userId, secondsAgo: 59 } };
    expect(decideLifecycle("activate", byOfficer, officer)).toMatchObject({ allowed: false, code: "forbidden" });
    expect(decideLifecycle("undo_pause", byOfficer, officer)).toEqual({ allowed: true });
    expect(decideLifecycle("undo_pause", { ...paused, pause: { byUserId: OWNER, secondsAgo: 60 } }, owner)).toEqual({ allowed: true });
  });

  it("refuses after the minute, for someone else's pause, for Steward's own pause, and when Activate would be refused", () => {
    expect(decideLifecycle("undo_pause", { ...paused, pause: { byUserId: OWNER, secondsAgo: 61 } }, owner)).toEqual({
      allowed: false,
      code: "precondition",
      reason: "A pause can be undone only within a minute. Activate the segment instead, if you may.",
    });
    expect(decideLifecycle("undo_pause", paused, { userId: "s2", roles: ["steward"] })).toEqual({
      allowed: false,
      code: "forbidden",
      reason: "Only the person who paused this segment can undo the pause.",
    });
    expect(decideLifecycle("undo_pause", { ...paused, pause: { byUserId: null, secondsAgo: 1 } }, owner)).toMatchObject({ allowed: false, code: "precondition" });
    expect(decideLifecycle("undo_pause", { ...paused, consentChangedUpstream: true }, owner)).toMatchObject({
      allowed: false,
      reason: "Consent changed upstream of this segment; it stays blocked until it is re-approved.",
    });
    expect(decideLifecycle("undo_pause", { ...segmentIn("active"), pause: { byUserId: OWNER, secondsAgo: 1 } }, owner)).toMatchObject({ allowed: false, code: "precondition" });
  });
});

describe("status transitions", () => {
  // Events in the order: submit approve return_to_draft activate pause auto_pause retire; "-": cannot happen.
  const GRID: Record<SegmentStatus, string> = {
    draft: "in_review approved - - - - retired",
    in_review: "in_review approved draft - - - retired",
    approved: "approved approved - active - - retired",
    active: "active active - - paused paused retired",
    paused: "paused paused - active - - retired",
    retired: "- - - - - - -",
  };
  it.each(SEGMENT_STATUSES.flatMap((from) => LIFECYCLE_EVENTS.map((event, i) => [from, event, GRID[from].split(" ")[i]!] as const)))("%s --%s--> %s", (from, event, to) => {
    expect(statusAfter(from, event)).toBe(to === "-" ? null : to);
  });
});

describe("the running status (what the activation gate allows)", () => {
  it("is reached only by activate, and left by pause, auto_pause and retire", () => {
    for (const from of SEGMENT_STATUSES) {
      for (const event of LIFECYCLE_EVENTS) {
        const to = statusAfter(from, event);
        if (to === null || to === from) continue;
        expect(runsDownstream(to), `${from} --${event}--> ${to}`).toBe(event === "activate");
      }
    }
    for (const event of ["pause", "auto_pause", "retire"] as const) expect(runsDownstream(statusAfter(RUNNING_STATUS, event)!)).toBe(false);
  });

  it("has a reason in words for every other status", () => {
    for (const s of SEGMENT_STATUSES) expect(NOT_RUNNING_REASON[s] === null).toBe(runsDownstream(s));
  });
});
