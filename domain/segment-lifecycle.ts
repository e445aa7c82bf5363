import { withdrawal } from "./review-rules";
import type { Role } from "./roles";
import type { SegmentStatus } from "./vocab";

/**
 * The segment lifecycle, pure: which status each event leads to, and who may take each action
 * on a segment in a given state, or why not in words. The server applies it under a row lock
 * (every write path asks here first); `segments.byId` returns the verdicts as `can`, and the UI
 * offers exactly the actions allowed there.
 *
 * Blocking findings are not part of this table: submitting and approving re-run every check at
 * that moment (a check such as "undocumented" only runs on submit), so they answer for them.
 */

/**
 * What a person can ask for on a segment. `undo_pause` is Activate without the activate rights:
 * the person who paused a segment may take it back within a minute, which returns it exactly to
 * the state it was in (a mis-click should not need a steward).
 */
export const LIFECYCLE_ACTIONS = ["edit", "submit", "withdraw", "activate", "pause", "retire", "undo_pause"] as const;
export type LifecycleAction = (typeof LIFECYCLE_ACTIONS)[number];

/** Everything that moves a segment's status: people's actions, review outcomes and the scheduler. */
export const LIFECYCLE_EVENTS = ["submit", "approve", "return_to_draft", "activate", "pause", "auto_pause", "retire"] as const;
export type LifecycleEvent = (typeof LIFECYCLE_EVENTS)[number];

// Submitting and approving a later version of an approved, active or paused segment leave its
// status alone: the version in force goes on until the new one is approved.
const TRANSITIONS: Record<SegmentStatus, Partial<Record<LifecycleEvent, SegmentStatus>>> = {
  draft: { submit: "in_review", approve: "approved", retire: "retired" },
  in_review: { submit: "in_review", approve: "approved", return_to_draft: "draft", retire: "retired" },
  approved: { submit: "approved", approve: "approved", activate: "active", retire: "retired" },
  active: { submit: "active", approve: "active", pause: "paused", auto_pause: "paused", retire: "retired" },
  paused: { submit: "paused", approve: "paused", activate: "active", retire: "retired" },
  retired: {},
};

/** The status an event leads to, or null when it cannot happen from `from`. */
export function statusAfter(from: SegmentStatus, event: LifecycleEvent): SegmentStatus | null {
  return TRANSITIONS[from][event] ?? null;
}

/**
 * The one status in which downstream tools may use a segment: the status activation leads to.
 * The activation gate (domain/activation-decision.ts) and the status badge read it here, so they
 * cannot disagree; the test pins it against the transitions (only `activate` reaches it, and
 * `pause`, `auto_pause` and `retire` leave it).
 */
export const RUNNING_STATUS: SegmentStatus = "active";

export const runsDownstream = (status: SegmentStatus): boolean => status === RUNNING_STATUS;

/** Why a segment in this status may not be used downstream, in words; null for the running status. */
export const NOT_RUNNING_REASON: Record<SegmentStatus, string | null> = {
  draft: "The segment is a draft: it has not been approved or activated.",
  in_review: "The segment is in review: it has not been approved or activated yet.",
  approved: "The segment is approved but not activated.",
  active: null,
  paused: "The segment is paused.",
  retired: "The segment is retired.",
};

/** How long after a pause the person who paused may undo it, in seconds. */
export const UNDO_PAUSE_WINDOW_SECONDS = 60;

/** A retire reason is kept in the audit trail; this many characters at least, after trimming. */
export const RETIRE_REASON_MIN_LENGTH = 3;
export const RETIRE_REASON_MESSAGE = `Say why (at least ${RETIRE_REASON_MIN_LENGTH} characters).`;

export interface LifecycleActor {
  userId: string;
  roles: readonly Role[];
}

/** What the table needs to know about one segment, read with its row locked when writing. */
export interface SegmentLifecycleFacts {
  status: SegmentStatus;
  ownerId: string;
  /** A version has been approved (it may not be the head). */
  hasApprovedVersion: boolean;
  /** The head version is the approved one: nothing new to submit. */
  headApproved: boolean;
  /** An open approval request exists for the head version. */
  headUnderReview: boolean;
  consentChangedUpstream: boolean;
  /** The newest approval request still open or sent back for changes; null if none. */
  pendingApproval: { id: string; requesterId: string | null; status: "open" | "changes_requested" } | null;
  /** The pause that put a paused segment where it is: who paused it by hand (null: Steward did) and how long ago, by the database's clock. */
  pause: { byUserId: string | null; secondsAgo: number } | null;
}

export type Verdict = { allowed: true } | { allowed: false; code: "forbidden" | "precondition"; reason: string };

const ALLOWED: Verdict = { allowed: true };
const forbidden = (reason: string): Verdict => ({ allowed: false, code: "forbidden", reason });
const precondition = (reason: string): Verdict => ({ allowed: false, code: "precondition", reason });

const holds = (a: LifecycleActor, ...roles: Role[]) => roles.some((r) => a.roles.includes(r));

/**
 * Who may act, before the segment's state is asked: a data steward on any segment; the owner
 * through the roles that give the action; privacy officers pause and retire any segment because
 * consent problems are theirs to stop. Everyone else is refused in words.
 */
function whoMay(action: LifecycleAction, s: SegmentLifecycleFacts, a: LifecycleActor): Verdict {
  const owns = s.ownerId === a.userId;
  switch (action) {
    case "edit":
      if (holds(a, "steward")) return ALLOWED;
      if (!holds(a, "marketer")) return forbidden("Only marketers and data stewards edit segments.");
      return owns ? ALLOWED : forbidden("You can edit only segments you own. Ask the owner or a data steward.");
    case "submit":
      if (holds(a, "steward")) return ALLOWED;
      if (!holds(a, "marketer", "privacy_officer")) return forbidden("Your roles cannot submit segments for approval.");
      return owns ? ALLOWED : forbidden("Only the segment's owner or a data steward can submit it.");
    case "withdraw":
      // Who asked decides (review-rules), once there is something to withdraw.
      return holds(a, "steward", "marketer", "privacy_officer") ? ALLOWED : forbidden("Your roles cannot ask for reviews, so there is nothing of yours to withdraw.");
    case "activate":
      if (holds(a, "steward")) return ALLOWED;
      if (!holds(a, "marketer")) return forbidden("Only the owner (a marketer) or a data steward can activate a segment.");
      return owns ? ALLOWED : forbidden("Only the owner or a data steward can activate this segment.");
    case "pause":
      if (holds(a, "steward", "privacy_officer")) return ALLOWED;
      if (!holds(a, "marketer")) return forbidden("Only the owner (a marketer), a data steward or a privacy officer can pause a segment.");
      return owns ? ALLOWED : forbidden("Only the owner, a data steward or a privacy officer can pause this segment.");
    case "retire":
      return holds(a, "steward", "privacy_officer") ? ALLOWED : forbidden("Only a data steward or a privacy officer can retire a segment.");
    case "undo_pause":
      // Whoever may still pause it; that it was their pause is the state's question.
      return whoMay("pause", s, a);
  }
}

/** Whether the segment's state allows the action at all, whoever asks. */
function stateAllows(action: LifecycleAction, s: SegmentLifecycleFacts, a: LifecycleActor): Verdict {
  switch (action) {
    case "edit":
      // A data steward may still correct a segment in review or retired; the owner may not.
      if (holds(a, "steward")) return ALLOWED;
      if (s.status === "in_review") return forbidden("This segment is in review. Withdraw the review request to change it, or ask a data steward.");
      if (s.status === "retired") return forbidden("This segment is retired; it can no longer be edited.");
      return ALLOWED;
    case "submit":
      if (!statusAfter(s.status, "submit")) return precondition("A retired segment cannot be submitted.");
      if (s.headApproved) return precondition("This version is already approved. Edit the segment to propose changes.");
      if (s.headUnderReview) return precondition("This version is already under review.");
      return ALLOWED;
    case "withdraw": {
      if (!s.pendingApproval) return precondition("No approval request is waiting, so there is nothing to withdraw.");
      const w = withdrawal({ status: s.pendingApproval.status, requesterId: s.pendingApproval.requesterId }, a.userId);
      return w.ok ? ALLOWED : w.nobody ? precondition(w.reason) : forbidden(w.reason);
    }
    case "activate":
      if (!statusAfter(s.status, "activate")) return precondition("Only an approved (or paused) segment can be activated.");
      if (!s.hasApprovedVersion) return precondition("No version of this segment is approved yet.");
      if (s.consentChangedUpstream) return precondition("Consent changed upstream of this segment; it stays blocked until it is re-approved.");
      return ALLOWED;
    case "pause":
      return statusAfter(s.status, "pause") ? ALLOWED : precondition("Only an active segment can be paused.");
    case "retire":
      return statusAfter(s.status, "retire") ? ALLOWED : precondition("This segment is already retired.");
    case "undo_pause": {
      if (s.status !== "paused" || !s.pause) return precondition("Only a paused segment's pause can be undone.");
      if (s.pause.byUserId === null) return precondition("Steward paused this segment itself, so there is no pause of yours to undo.");
      if (s.pause.byUserId !== a.userId) return forbidden("Only the person who paused this segment can undo the pause.");
      if (s.pause.secondsAgo > UNDO_PAUSE_WINDOW_SECONDS) return precondition("A pause can be undone only within a minute. Activate the segment instead, if you may.");
      // Whatever could have changed in that minute still stops it, as it would stop Activate.
      return stateAllows("activate", s, a);
    }
  }
}

/** May this person take this action on this segment now? The actor is asked first, then the state. */
export function decideLifecycle(action: LifecycleAction, s: SegmentLifecycleFacts, a: LifecycleActor): Verdict {
  const who = whoMay(action, s, a);
  return who.allowed ? stateAllows(action, s, a) : who;
}

/** Every action's verdict, as `segments.byId` returns it. */
export function lifecycleVerdicts(s: SegmentLifecycleFacts, a: LifecycleActor): Record<LifecycleAction, Verdict> {
  return Object.fromEntries(LIFECYCLE_ACTIONS.map((action) => [action, decideLifecycle(action, s, a)])) as Record<LifecycleAction, Verdict>;
}
