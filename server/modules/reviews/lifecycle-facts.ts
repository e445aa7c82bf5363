import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import type { SessionUser } from "@/server/auth/identity";
import { reviewRequests, segments } from "@/server/db/schema";
import { DomainError, preconditionFailed } from "@/server/errors";
import { decideLifecycle, type LifecycleAction, type LifecycleActor, type SegmentLifecycleFacts, type Verdict } from "@/domain/segment-lifecycle";

type SegmentRow = Pick<typeof segments.$inferSelect, "id" | "status" | "ownerId" | "version" | "headVersionId" | "approvedVersionId" | "consentChangedUpstream" | "pausedAt" | "pausedBy">;

/**
 * What domain/segment-lifecycle needs about one segment: its row (locked by the caller when it
 * is about to change) and its approval requests still waiting.
 */
export async function lifecycleFactsOf(db: DbOrTx, seg: SegmentRow): Promise<SegmentLifecycleFacts> {
  const pending = await db
    .select({ id: reviewRequests.id, requesterId: reviewRequests.requesterId, status: reviewRequests.status, version: reviewRequests.subjectVersion })
    .from(reviewRequests)
    .where(and(eq(reviewRequests.subjectId, seg.id), eq(reviewRequests.type, "segment_approval"), inArray(reviewRequests.status, ["open", "changes_requested"])))
    .orderBy(desc(reviewRequests.createdAt));
  const newest = pending[0];
  return {
    pause: seg.status === "paused" && seg.pausedAt ? { byUserId: seg.pausedBy, secondsAgo: await secondsSince(db, seg.pausedAt) } : null,
    status: seg.status,
    ownerId: seg.ownerId,
    hasApprovedVersion: seg.approvedVersionId !== null,
    headApproved: seg.approvedVersionId !== null && seg.approvedVersionId === seg.headVersionId,
    headUnderReview: pending.some((p) => p.status === "open" && p.version === seg.version),
    consentChangedUpstream: seg.consentChangedUpstream,
    pendingApproval: newest ? { id: newest.id, requesterId: newest.requesterId, status: newest.status as "open" | "changes_requested" } : null,
  };
}

/** Seconds from `at` to now by the database's clock, which also stamped `at`. */
async function secondsSince(db: DbOrTx, at: Date): Promise<number> {
  const [row] = await db.select({ s: sql<number>`extract(epoch from now() - ${at.toISOString()}::timestamptz)`.mapWith(Number) }).from(sql`(select 1) as one`);
  return row!.s;
}

/** The table's refusal as the domain error the API maps (403 for who you are, 412 for the state). */
export function refusal(verdict: Exclude<Verdict, { allowed: true }>): DomainError {
  return verdict.code === "forbidden" ? new DomainError("FORBIDDEN", verdict.reason) : preconditionFailed(verdict.reason);
}

/** Throws unless the lifecycle table allows this action now. */
export function requireLifecycle(action: LifecycleAction, facts: SegmentLifecycleFacts, actor: LifecycleActor) {
  const verdict = decideLifecycle(action, facts, actor);
  if (!verdict.allowed) throw refusal(verdict);
}

export const lifecycleActor = (user: Pick<SessionUser, "id" | "roles">): LifecycleActor => ({ userId: user.id, roles: user.roles });
