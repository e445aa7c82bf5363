import type { Role } from "./roles";
import type { Sensitivity } from "./vocab";

/**
 * The review workflow's rules, pure: which transitions are legal, how many approvals of which
 * role a request needs, and whether a person may decide. The service applies them under a row lock.
 */
export const REVIEW_TYPES = ["segment_approval", "data_use", "new_source", "algorithm_change", "channel_rule", "recertification"] as const;
export type ReviewType = (typeof REVIEW_TYPES)[number];
export const REVIEW_STATUSES = ["open", "changes_requested", "approved", "rejected", "withdrawn", "expired"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
/** What a reviewer records on a request. */
export const REVIEW_DECISIONS = ["approve", "reject", "request_changes"] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];
export type ReviewAction = ReviewDecision | "withdraw" | "expire";
/** What a request may be about: a catalog row, a source not yet in the catalog, or the policy. */
export const REVIEW_SUBJECT_TYPES = ["segment", "data_source", "signal", "proposed_source", "policy"] as const;
export type ReviewSubjectType = (typeof REVIEW_SUBJECT_TYPES)[number];

/**
 * The types whose approval puts a segment version in force (and whose other endings return a
 * segment in review to draft). The others are about a segment but leave its status alone.
 */
export const APPROVES_VERSION: ReadonlySet<ReviewType> = new Set(["segment_approval", "recertification"]);

export const TYPE_LABELS: Record<ReviewType, string> = {
  segment_approval: "Segment approval",
  data_use: "Data use",
  new_source: "New data source",
  algorithm_change: "Algorithm change",
  channel_rule: "Channel rule",
  recertification: "Re-certification",
};

export const STATUS_LABELS: Record<ReviewStatus, string> = {
  open: "Open",
  changes_requested: "Changes requested",
  approved: "Approved",
  rejected: "Rejected",
  withdrawn: "Withdrawn",
  expired: "Expired",
};

/** Service level per type, in days, unless the policy says otherwise. */
export const DEFAULT_SLA_DAYS: Record<ReviewType, number> = {
  segment_approval: 5,
  data_use: 10,
  new_source: 10,
  algorithm_change: 10,
  channel_rule: 5,
  recertification: 14,
};

const TRANSITIONS: Record<ReviewStatus, Partial<Record<ReviewAction, ReviewStatus>>> = {
  open: { approve: "approved", reject: "rejected", request_changes: "changes_requested", withdraw: "withdrawn", expire: "expired" },
  changes_requested: { withdraw: "withdrawn", expire: "expired" },
  approved: {},
  rejected: {},
  withdrawn: {},
  expired: {},
};

/** The status an action leads to, or null when the action is not allowed from `from`. */
export function transition(from: ReviewStatus, action: ReviewAction): ReviewStatus | null {
  return TRANSITIONS[from][action] ?? null;
}

export const isClosed = (s: ReviewStatus) => s !== "open" && s !== "changes_requested";

export interface RequiredApproval {
  role: Role;
  count: number;
}

/**
 * One data steward always; a privacy officer as well when the subject is confidential or
 * higher or has any finding; two distinct privacy officers when it is restricted.
 */
export function requiredApprovals(sensitivity: Sensitivity, findingCount: number): RequiredApproval[] {
  const needed: RequiredApproval[] = [{ role: "steward", count: 1 }];
  if (sensitivity === "restricted") needed.push({ role: "privacy_officer", count: 2 });
  else if (sensitivity === "confidential" || findingCount > 0) needed.push({ role: "privacy_officer", count: 1 });
  return needed;
}

export interface Approval {
  userId: string;
  role: Role;
}

/** What is still missing, role by role, given the approvals so far (one person counts once). */
export function outstanding(required: RequiredApproval[], approvals: Approval[]): RequiredApproval[] {
  return required.map((r) => ({ role: r.role, count: r.count - new Set(approvals.filter((a) => a.role === r.role).map((a) => a.userId)).size })).filter((r) => r.count > 0);
}

export interface DeciderCheck {
  userId: string;
  roles: readonly Role[];
  requesterId: string | null;
  authorId: string | null;
  alreadyDecided: boolean;
  required: RequiredApproval[];
  approvals: Approval[];
}

/**
 * The facts `eligibility` weighs for one person on one request, from the decisions recorded so
 * far: the request's decision view and the decide command build it the same way.
 */
export function standingOn(
  user: { id: string; roles: readonly Role[] },
  request: { requesterId: string | null; authorId: string | null; requiredApprovals: unknown },
  decisions: readonly { userId: string; role: string; decision: string }[],
): DeciderCheck {
  return {
    userId: user.id,
    roles: user.roles,
    requesterId: request.requesterId,
    authorId: request.authorId,
    alreadyDecided: decisions.some((d) => d.userId === user.id),
    required: request.requiredApprovals as RequiredApproval[],
    approvals: decisions.filter((d) => d.decision === "approve").map((d) => ({ userId: d.userId, role: d.role as Role })),
  };
}

export type Eligibility = { ok: true; role: Role } | { ok: false; reason: string };

/**
 * Whether this person may approve or reject, and in which role. Four-eyes comes first: the
 * requester and the author of the version never decide, whatever roles they hold.
 */
export function eligibility(c: DeciderCheck): Eligibility {
  if (c.requesterId && c.userId === c.requesterId) return { ok: false, reason: "You asked for this review, so someone else has to decide it (four-eyes rule)." };
  if (c.authorId && c.userId === c.authorId) return { ok: false, reason: "You wrote the version under review, so someone else has to decide it (four-eyes rule)." };
  if (c.alreadyDecided) return { ok: false, reason: "You have already decided on this request; each person counts once." };
  const missing = outstanding(c.required, c.approvals);
  // Prefer the role whose approvals are scarcest, so a person with several roles helps most.
  const order: Role[] = ["privacy_officer", "steward"];
  const role = order.find((r) => c.roles.includes(r) && missing.some((m) => m.role === r));
  if (role) return { ok: true, role };
  const canAtAll = c.required.some((r) => c.roles.includes(r.role));
  return {
    ok: false,
    reason: canAtAll
      ? "The approvals your roles can give are already in; the request is waiting for someone else."
      : `This request needs ${c.required.map((r) => r.role.replace("_", " ")).join(" and ")} approval; your roles cannot decide it.`,
  };
}

export type Withdrawal = { ok: true } | { ok: false; nobody: boolean; reason: string };

/**
 * Only the person who asked withdraws a request, while it is still open or sent back. A request
 * Steward opened itself (a re-review after a consent change, a re-certification) has no
 * requester: it is decided or it expires, since withdrawing it would leave the segment blocked
 * with nothing left to approve. Others who want a request stopped decide it, and the requester
 * is told.
 */
export function withdrawal(request: { status: ReviewStatus; requesterId: string | null }, userId: string): Withdrawal {
  if (!transition(request.status, "withdraw")) return { ok: false, nobody: true, reason: `This request is ${request.status.replace("_", " ")}; it cannot be withdrawn.` };
  if (!request.requesterId) return { ok: false, nobody: true, reason: "Steward opened this request itself; it has to be decided, not withdrawn." };
  if (request.requesterId !== userId)
    return { ok: false, nobody: false, reason: "Only the person who asked for this review can withdraw it; reviewers approve, reject or ask for changes instead." };
  return { ok: true };
}
