import { and, eq, inArray, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db, Tx } from "@/server/db/client";
import { reviewRequests, segments, segmentVersions } from "@/server/db/schema";
import { recordAudit, type AuditActor } from "@/server/audit/record";
import { invalid, notFound } from "@/server/errors";
import type { SessionUser } from "@/server/auth/identity";
import { RETIRE_REASON_MESSAGE, RETIRE_REASON_MIN_LENGTH, statusAfter } from "@/domain/segment-lifecycle";
import type { SegmentStatus } from "@/domain/vocab";
import { isClosed, type ReviewStatus } from "@/domain/review-rules";
import { lifecycleActor, lifecycleFactsOf, requireLifecycle } from "./lifecycle-facts";
import { decisionLink } from "./links";
import { notify } from "@/server/modules/notifications/service";
import { enqueueEmail } from "@/server/modules/email/outbox";
import { reviewDecidedEmail } from "@/server/modules/email/render";
import { APPROVES_VERSION, TYPE_LABELS } from "@/domain/review-rules";
import { evaluateAndStore } from "@/server/modules/policy/evaluation.service";
import { currentPolicy } from "@/server/modules/policy/settings.service";
import type { lifecycleInput } from "./schemas";
import { inTransaction } from "@/server/db/transaction";
import { enqueueSegmentEvent } from "@/server/modules/webhooks/outbox";
import type { WebhookEvent } from "@/domain/webhook-events";

/**
 * Segment status changes: activate, pause and retire on request, and what a closed review does
 * to its segment. Every one asks domain/segment-lifecycle first, with the segment row locked.
 */

const DAY = 86_400_000;

/**
 * A request moves on (decided, sent back, withdrawn, expired) and the move is audited, in the
 * caller's transaction. Only a closed request gets a closing time; one sent back stays open.
 */
export async function closeRequest(tx: Tx, actor: AuditActor, request: { id: string; status: ReviewStatus }, status: ReviewStatus, reason: string | null = null) {
  await tx
    .update(reviewRequests)
    .set({ status, updatedAt: sql`now()`, closedAt: isClosed(status) ? sql`now()` : null })
    .where(eq(reviewRequests.id, request.id));
  await recordAudit(tx, { actor, action: "review.closed", entityType: "review_request", entityId: request.id, before: { status: request.status }, after: { status }, reason });
}

/**
 * A plain status change (no approval) and its audit event, in the caller's transaction, with the
 * webhook event for statuses tools care about (active, paused, retired). `code` is the stable
 * reason code webhook receivers get for a pause or retirement.
 */
export async function setSegmentStatus(
  tx: Tx,
  actor: AuditActor,
  seg: { id: string; status: SegmentStatus },
  next: SegmentStatus,
  reason: string | null,
  code = "segment_not_active",
  opts: { pausedByHand?: string; action?: "segment.pause_undone" } = {},
) {
  // A pause by hand is remembered, so that its author can undo it (domain/segment-lifecycle).
  const paused = next === "paused" ? { pausedAt: sql`now()`, pausedBy: opts.pausedByHand ?? null } : { pausedAt: null, pausedBy: null };
  await tx
    .update(segments)
    .set({ status: next, ...paused, updatedAt: sql`now()` })
    .where(eq(segments.id, seg.id));
  await recordAudit(tx, {
    actor,
    action: opts.action ?? "segment.status_changed",
    entityType: "segment",
    entityId: seg.id,
    before: { status: seg.status },
    after: { status: next },
    reason,
  });
  const event = STATUS_EVENTS[next];
  if (event && next !== seg.status) {
    const reasons = next === "active" ? [] : [{ code, message: `The segment was ${next}${reason ? `: ${reason}` : "."}` }];
    await enqueueSegmentEvent(tx, event, seg.id, reasons);
  }
}

const STATUS_EVENTS: Partial<Record<SegmentStatus, WebhookEvent>> = { active: "segment.activated", paused: "segment.paused", retired: "segment.retired" };

/** Activate, pause or retire: one transaction with the segment row locked. */
export async function changeLifecycle(db: Db, user: SessionUser, actor: AuditActor, input: z.infer<typeof lifecycleInput>) {
  if (input.action === "retire" && input.reason.trim().length < RETIRE_REASON_MIN_LENGTH) throw invalid(RETIRE_REASON_MESSAGE, "reason");
  return inTransaction(db, async (tx) => {
    const [seg] = await tx.select().from(segments).where(eq(segments.id, input.segmentId)).for("no key update");
    if (!seg) throw notFound("That segment");
    requireLifecycle(input.action, await lifecycleFactsOf(tx, seg), lifecycleActor(user));
    const next = statusAfter(seg.status, input.action)!;
    if (input.action === "retire") await withdrawOpenRequests(tx, actor, user, seg, input.reason);
    await setSegmentStatus(tx, actor, seg, next, input.reason || null, undefined, { pausedByHand: input.action === "pause" ? user.id : undefined });
    return { status: next };
  });
}

/**
 * Takes back one's own pause within the minute (domain/segment-lifecycle, `undo_pause`): the
 * segment is active again, as before the pause, with no new review; audited as the undo it is.
 */
export async function undoPause(db: Db, user: SessionUser, actor: AuditActor, segmentId: string) {
  return inTransaction(db, async (tx) => {
    const [seg] = await tx.select().from(segments).where(eq(segments.id, segmentId)).for("no key update");
    if (!seg) throw notFound("That segment");
    requireLifecycle("undo_pause", await lifecycleFactsOf(tx, seg), lifecycleActor(user));
    const next = statusAfter(seg.status, "activate")!;
    await setSegmentStatus(tx, actor, seg, next, `undid the pause of ${seg.pausedAt!.toISOString()}`, undefined, { action: "segment.pause_undone" });
    return { status: next };
  });
}

/**
 * Nothing is left to decide about a retired segment: its open requests are withdrawn, each
 * audited, and their requesters told why.
 */
async function withdrawOpenRequests(tx: Tx, actor: AuditActor, user: SessionUser, seg: { id: string; name: string }, reason: string) {
  const open = await tx
    .select({ id: reviewRequests.id, status: reviewRequests.status, requesterId: reviewRequests.requesterId, type: reviewRequests.type })
    .from(reviewRequests)
    .where(and(eq(reviewRequests.subjectId, seg.id), inArray(reviewRequests.status, ["open", "changes_requested"])))
    .orderBy(reviewRequests.id)
    .for("no key update");
  for (const r of open) {
    await closeRequest(tx, actor, r, "withdrawn", `segment “${seg.name}” retired`);
    await notify(tx, [r.requesterId === user.id ? null : r.requesterId], {
      kind: "decision",
      title: `Your request about “${seg.name}” was withdrawn`,
      body: `${actor.label} retired the segment${reason ? `: ${reason}` : ""}.`,
      link: decisionLink({ id: r.id, subjectType: "segment", subjectId: seg.id }),
    });
    await enqueueEmail(tx, [r.requesterId === user.id ? null : r.requesterId], (base) =>
      reviewDecidedEmail(base, {
        requestId: r.id,
        typeLabel: TYPE_LABELS[r.type],
        subjectLabel: seg.name,
        outcome: "withdrawn",
        by: `${actor.label}, who retired the segment`,
        comment: reason,
        segmentId: seg.id,
      }),
    );
  }
}

/**
 * What a review that just closed (or was sent back) does to its segment: an approval puts the
 * version in force and restarts the re-certification clock; any other ending returns a segment
 * in review to draft.
 */
export async function applyReviewOutcome(tx: Tx, actor: AuditActor, request: typeof reviewRequests.$inferSelect, status: string) {
  if (request.subjectType !== "segment" || !request.subjectId || !APPROVES_VERSION.has(request.type)) return;
  const [seg] = await tx.select().from(segments).where(eq(segments.id, request.subjectId)).for("no key update");
  if (!seg) return;
  if (status === "approved") {
    const [version] = await tx
      .select({ id: segmentVersions.id })
      .from(segmentVersions)
      .where(and(eq(segmentVersions.segmentId, seg.id), eq(segmentVersions.version, request.subjectVersion ?? seg.version)));
    const { settings } = await currentPolicy(tx);
    const recertifyBy = new Date(Date.now() + settings.recertificationDays * DAY).toISOString().slice(0, 10);
    const newStatus = statusAfter(seg.status, "approve") ?? seg.status;
    await tx
      .update(segments)
      .set({ status: newStatus, approvedVersionId: version?.id ?? seg.approvedVersionId, approvedAt: sql`now()`, consentChangedUpstream: false, recertifyBy, updatedAt: sql`now()` })
      .where(eq(segments.id, seg.id));
    await evaluateAndStore(tx, [seg.id]);
    await recordAudit(tx, {
      actor,
      action: "segment.approved",
      entityType: "segment",
      entityId: seg.id,
      before: { status: seg.status, approvedVersionId: seg.approvedVersionId },
      after: { status: newStatus, version: request.subjectVersion, recertifyBy },
      reason: `review ${request.id}`,
    });
    return;
  }
  const back = statusAfter(seg.status, "return_to_draft");
  if ((status === "rejected" || status === "changes_requested" || status === "withdrawn" || status === "expired") && back) {
    await setSegmentStatus(tx, actor, seg, back, `review ${status.replace("_", " ")}`);
  }
}
