import { describe, expect, it } from "vitest";
import { hasScope } from "@/server/authz/policy";
import { ROLES, type Scope } from "@/server/authz/scopes";
import { decideLifecycle, LIFECYCLE_ACTIONS, type LifecycleAction, type SegmentLifecycleFacts } from "@/domain/segment-lifecycle";
import { SEGMENT_STATUSES } from "@/domain/vocab";

/** The scope each lifecycle action's procedure declares (segments.update, reviews.*, lifecycle.*). */
const PROCEDURE_SCOPE: Record<LifecycleAction, Scope> = {
  edit: "segment:edit",
  submit: "review:request",
  withdraw: "review:request",
  activate: "segment:activate",
  pause: "segment:pause",
  retire: "segment:retire",
  undo_pause: "segment:pause",
};

describe("the lifecycle table and the procedures' scopes agree", () => {
  const me = "u1";
  const facts = (status: (typeof SEGMENT_STATUSES)[number], ownerId: string): SegmentLifecycleFacts => ({
    status,
    ownerId,
    hasApprovedVersion: status !== "draft" && status !== "in_review",
    headApproved: false,
    headUnderReview: false,
    consentChangedUpstream: false,
    pendingApproval: { id: "r", requesterId: me, status: "open" },
    pause: status === "paused" ? { byUserId: me, secondsAgo: 0 } : null,
  });

  it.each(ROLES.flatMap((role) => LIFECYCLE_ACTIONS.map((action) => [role, action] as const)))("%s may %s somewhere exactly when holding the procedure's scope", (role, action) => {
    const somewhere = SEGMENT_STATUSES.some((status) => [me, "other"].some((owner) => decideLifecycle(action, facts(status, owner), { userId: me, roles: [role] }).allowed));
    expect(somewhere).toBe(hasScope([role], PROCEDURE_SCOPE[action]));
  });
});
