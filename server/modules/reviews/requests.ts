import { eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db, DbOrTx, Tx } from "@/server/db/client";
import { reviewComments, reviewDecisions, reviewRequests, segments, segmentVersions } from "@/server/db/schema";
import { recordAudit, type AuditActor } from "@/server/audit/record";
import { DomainError, notFound, preconditionFailed } from "@/server/errors";
import type { SessionUser } from "@/server/auth/identity";
import type { Sensitivity } from "@/domain/vocab";
import {
  APPROVES_VERSION,
  DEFAULT_SLA_DAYS,
  eligibility,
  outstanding,
  standingOn,
  requiredApprovals,
  transition,
  TYPE_LABELS,
  withdrawal,
  type ReviewSubjectType,
  type ReviewType,
} from "@/domain/review-rules";
import { stalePin, type ReviewPayload } from "@/domain/review-proposals";
import { currentPolicy } from "@/server/modules/policy/settings.service";
import { statusAfter } from "@/domain/segment-lifecycle";
import { lifecycleActor, lifecycleFactsOf, requireLifecycle } from "./lifecycle-facts";
import { decisionLink, requestLink } from "./links";
import { notify, usersWithRoles } from "@/server/modules/notifications/service";
import { enqueueEmail } from "@/server/modules/email/outbox";
import { reviewAwaitingEmail, reviewDecidedEmail } from "@/server/modules/email/render";
import { evaluateAndStore } from "@/server/modules/policy/evaluation.service";
import { findingsOf, unwaivedBlocking } from "@/server/modules/policy/findings.service";
import { applyReviewOutcome, closeRequest } from "./lifecycle";
import type { commentInput, decideInput, submitSegmentInput } from "./schemas";
import { inTransaction } from "@/server/db/transaction";

/** Review requests: open, submit, decide, withdraw and comment; each one transaction. */

const DAY = 86_400_000;

interface OpenArgs {
  type: ReviewType;
  subjectType: ReviewSubjectType;
  subjectId: string | null;
  subjectVersion: number | null;
  subjectLabel: string;
  subjectSnapshot: Record<string, unknown> | null;
  requesterId: string | null;
  authorId: string | null;
  justification: string;
  sensitivity: Sensitivity;
  findingCount: number;
  /** What the request proposes (domain/review-proposals); none for segment approvals. */
  payload?: ReviewPayload;
}

/** Opens a request, tells the people who can decide it, and audits it; in the caller's transaction. */
export async function openRequest(tx: Tx, actor: AuditActor, a: OpenArgs, now = new Date()) {
  const required = requiredApprovals(a.sensitivity, a.findingCount);
  const [row] = await tx
    .insert(reviewRequests)
    .values({
      type: a.type,
      subjectType: a.subjectType,
      subjectId: a.subjectId,
      subjectVersion: a.subjectVersion,
      subjectLabel: a.subjectLabel,
      subjectSnapshot: a.subjectSnapshot ?? null,
      payload: a.payload ?? null,
      requesterId: a.requesterId,
      authorId: a.authorId,
      justification: a.justification,
      sensitivity: a.sensitivity,
      requiredApprovals: required,
      dueAt: new Date(now.getTime() + DEFAULT_SLA_DAYS[a.type] * DAY),
    })
    .returning();
  await recordAudit(tx, {
    actor,
    action: "review.opened",
    entityType: "review_request",
    entityId: row!.id,
    after: { type: a.type, subject: `${a.subjectType}:${a.subjectId ?? a.subjectLabel}`, version: a.subjectVersion, required, ...(a.payload ? { payload: a.payload } : {}) },
    reason: a.justification,
  });
  const reviewers = await usersWithRoles(
    tx,
    required.map((r) => r.role),
    [a.requesterId, a.authorId],
  );
  await notify(tx, reviewers, { kind: "assignment", title: `${TYPE_LABELS[a.type]} to review: ${a.subjectLabel}`, body: a.justification, link: requestLink(row!.id) });
  await enqueueEmail(tx, reviewers, (base) =>
    reviewAwaitingEmail(base, {
      requestId: row!.id,
      typeLabel: TYPE_LABELS[a.type],
      subjectLabel: a.subjectLabel,
      justification: a.justification,
      requestedBy: a.requesterId ? actor.label : "Steward",
    }),
  );
  return row!;
}

export async function segmentHead(tx: DbOrTx, segmentId: string) {
  const [row] = await tx
    .select({ s: segments, authorId: segmentVersions.createdById, versionData: segmentVersions.data })
    .from(segments)
    .innerJoin(segmentVersions, eq(segmentVersions.id, segments.headVersionId))
    .where(eq(segments.id, segmentId));
  if (!row) throw notFound("That segment");
  return row;
}

const blockingMessage = (titles: string[]) =>
  `It has ${titles.length} blocking finding${titles.length === 1 ? "" : "s"} that no valid exception covers: ${titles.map((t) => `“${t}”`).join(", ")}. Fix them, or ask a privacy officer for an exception.`;

/** Submitting runs every check first; unwaived blocking findings stop it. */
export async function submitSegment(db: Db, user: SessionUser, actor: AuditActor, input: z.infer<typeof submitSegmentInput>) {
  return inTransaction(db, async (tx) => {
    const [locked] = await tx.select().from(segments).where(eq(segments.id, input.segmentId)).for("no key update");
    if (!locked) throw notFound("That segment");
    requireLifecycle("submit", await lifecycleFactsOf(tx, locked), lifecycleActor(user));
    await evaluateAndStore(tx, [locked.id]);
    const findings = await findingsOf(tx, locked.id, locked.version);
    const blocking = unwaivedBlocking(findings);
    if (blocking.length) throw preconditionFailed(`This segment cannot be submitted yet. ${blockingMessage(blocking.map((f) => f.title))}`);
    const head = await segmentHead(tx, locked.id);
    const next = statusAfter(locked.status, "submit")!;
    if (next !== locked.status)
      await tx
        .update(segments)
        .set({ status: next, updatedAt: sql`now()` })
        .where(eq(segments.id, locked.id));
    const request = await openRequest(tx, actor, {
      type: "segment_approval",
      subjectType: "segment",
      subjectId: locked.id,
      subjectVersion: locked.version,
      subjectLabel: locked.name,
      subjectSnapshot: null,
      requesterId: user.id,
      authorId: head.authorId,
      justification: input.justification,
      sensitivity: locked.sensitivity,
      findingCount: findings.length,
    });
    return { id: request.id };
  });
}

/** Approve, reject or request changes: one transaction with the request row locked. */
export async function decide(db: Db, user: SessionUser, actor: AuditActor, input: z.infer<typeof decideInput>) {
  return inTransaction(db, async (tx) => {
    const [request] = await tx.select().from(reviewRequests).where(eq(reviewRequests.id, input.requestId)).for("no key update");
    if (!request) throw notFound("That review request");
    const next = transition(request.status, input.decision);
    if (!next) throw preconditionFailed(`This request is ${request.status.replace("_", " ")}; it can no longer be decided.`);
    const decisions = await tx.select().from(reviewDecisions).where(eq(reviewDecisions.requestId, request.id));
    const standing = standingOn(user, request, decisions);
    const { required, approvals } = standing;
    const who = eligibility(standing);
    if (!who.ok) throw new DomainError("FORBIDDEN", who.reason);

    if (input.decision === "approve") await refuseStaleOrBlocked(tx, request);
    await tx.insert(reviewDecisions).values({ requestId: request.id, userId: user.id, role: who.role, decision: input.decision, comment: input.comment });
    await recordAudit(tx, {
      actor,
      action: "review.decided",
      entityType: "review_request",
      entityId: request.id,
      after: { decision: input.decision, role: who.role },
      reason: input.comment || null,
    });

    const stillMissing = input.decision === "approve" ? outstanding(required, [...approvals, { userId: user.id, role: who.role }]) : [];
    const status = input.decision === "approve" && stillMissing.length > 0 ? "open" : next;
    if (status !== request.status) {
      await closeRequest(tx, actor, request, status);
      await applyReviewOutcome(tx, actor, request, status);
      await notify(tx, [request.requesterId], {
        kind: "decision",
        title: `${TYPE_LABELS[request.type]} ${status.replace("_", " ")}: ${request.subjectLabel}`,
        body: input.comment,
        link: decisionLink(request),
      });
      await enqueueEmail(tx, [request.requesterId], (base) =>
        reviewDecidedEmail(base, {
          requestId: request.id,
          typeLabel: TYPE_LABELS[request.type],
          subjectLabel: request.subjectLabel,
          outcome: status.replace("_", " "),
          by: actor.label,
          comment: input.comment,
          segmentId: request.subjectType === "segment" ? request.subjectId : null,
        }),
      );
    } else {
      await tx
        .update(reviewRequests)
        .set({ updatedAt: sql`now()` })
        .where(eq(reviewRequests.id, request.id));
    }
    return { status, outstanding: stillMissing };
  });
}

/**
 * A request pinned to a version is approved only while that version is current; a segment
 * version with blocking findings that no valid exception covers is never approved.
 */
async function refuseStaleOrBlocked(tx: Tx, request: typeof reviewRequests.$inferSelect) {
  if (request.subjectType === "policy") {
    const stale = stalePin("policy", request.subjectVersion, (await currentPolicy(tx)).version);
    if (stale) throw preconditionFailed(stale);
    return;
  }
  if (request.subjectType !== "segment" || !request.subjectId) return;
  const segmentId = request.subjectId;
  const version = request.subjectVersion;
  const [seg] = await tx.select({ version: segments.version }).from(segments).where(eq(segments.id, segmentId));
  if (!seg) throw notFound("That segment");
  if (!APPROVES_VERSION.has(request.type)) {
    const stale = stalePin("segment", version, seg.version);
    if (stale) throw preconditionFailed(stale);
    return;
  }
  if (version !== seg.version) throw preconditionFailed(`A newer version (${seg.version}) of this segment exists; review that one instead.`);
  await evaluateAndStore(tx, [segmentId]);
  // The re-review itself answers "consent changed upstream": approving records the new consent state.
  const blocking = unwaivedBlocking(await findingsOf(tx, segmentId, seg.version)).filter((f) => f.policyKey !== "consent_changed_upstream");
  if (blocking.length) throw preconditionFailed(`This version cannot be approved. ${blockingMessage(blocking.map((f) => f.title))}`);
}

export async function withdraw(db: Db, user: SessionUser, actor: AuditActor, requestId: string) {
  return inTransaction(db, async (tx) => {
    const [request] = await tx.select().from(reviewRequests).where(eq(reviewRequests.id, requestId)).for("no key update");
    if (!request) throw notFound("That review request");
    const may = withdrawal(request, user.id);
    if (!may.ok) throw may.nobody ? preconditionFailed(may.reason) : new DomainError("FORBIDDEN", may.reason);
    const next = transition(request.status, "withdraw")!;
    await closeRequest(tx, actor, request, next);
    await applyReviewOutcome(tx, actor, request, next);
    return { status: next };
  });
}

export async function comment(db: Db, user: SessionUser, actor: AuditActor, input: z.infer<typeof commentInput>) {
  return inTransaction(db, async (tx) => {
    const [request] = await tx.select().from(reviewRequests).where(eq(reviewRequests.id, input.requestId));
    if (!request) throw notFound("That review request");
    const [row] = await tx.insert(reviewComments).values({ requestId: request.id, userId: user.id, body: input.body }).returning();
    await recordAudit(tx, { actor, action: "review.commented", entityType: "review_request", entityId: request.id, after: { body: input.body } });
    const participants = [
      request.requesterId,
      request.authorId,
      ...(await tx.select({ u: reviewDecisions.userId }).from(reviewDecisions).where(eq(reviewDecisions.requestId, request.id))).map((d) => d.u),
      ...(await tx.select({ u: reviewComments.userId }).from(reviewComments).where(eq(reviewComments.requestId, request.id))).map((c) => c.u),
    ].filter((u) => u !== user.id);
    await notify(tx, participants, { kind: "comment", title: `${user.name} commented on ${request.subjectLabel}`, body: input.body, link: requestLink(request.id) });
    return { id: row!.id };
  });
}
