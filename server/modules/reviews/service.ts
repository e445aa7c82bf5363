import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Db, DbOrTx, Tx } from "@/server/db/client";
import { rowsOf } from "@/server/db/rows";
import { dataCategories, dataSources, reviewComments, reviewDecisions, reviewRequests, segments, segmentVersions, signals, users } from "@/server/db/schema";
import { recordAudit, type AuditActor } from "@/server/audit/record";
import { hasScope } from "@/server/authz/policy";
import type { Role } from "@/server/authz/scopes";
import { DomainError, notFound, preconditionFailed } from "@/server/errors";
import { maxSensitivity, type Sensitivity } from "@/domain/vocab";
import { evaluateAndStore } from "@/server/modules/policy/evaluation.service";
import { findingsOf, unwaivedBlocking } from "@/server/modules/policy/findings.service";
import { currentPolicy } from "@/server/modules/policy/settings.service";
import type { SessionUser } from "@/server/auth/identity";
import { notify, usersWithRoles } from "./notify";
import { DEFAULT_SLA_DAYS, eligibility, outstanding, requiredApprovals, transition, TYPE_LABELS, type ReviewType, type RequiredApproval } from "@/domain/review-rules";
import type { commentInput, decideInput, lifecycleInput, listRequestsInput, requestReviewInput, submitSegmentInput } from "./schemas";

const DAY = 86_400_000;
const link = (id: string) => `/reviews/${id}`;

interface OpenArgs {
  type: ReviewType;
  subjectType: "segment" | "data_source" | "signal";
  subjectId: string;
  subjectVersion: number | null;
  subjectLabel: string;
  subjectSnapshot: unknown;
  requesterId: string | null;
  authorId: string | null;
  justification: string;
  sensitivity: Sensitivity;
  findingCount: number;
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
      requesterId: a.requesterId,
      authorId: a.authorId,
      justification: a.justification,
      sensitivity: a.sensitivity,
      requiredApprovals: required,
      dueAt: new Date(now.getTime() + DEFAULT_SLA_DAYS[a.type] * DAY),
    })
    .returning();
  await recordAudit(tx, { actor, action: "review.opened", entityType: "review_request", entityId: row!.id, after: { type: a.type, subject: `${a.subjectType}:${a.subjectId}`, version: a.subjectVersion, required }, reason: a.justification });
  const reviewers = await usersWithRoles(tx, required.map((r) => r.role), [a.requesterId, a.authorId]);
  await notify(tx, reviewers, { kind: "assignment", title: `${TYPE_LABELS[a.type]} to review: ${a.subjectLabel}`, body: a.justification, link: link(row!.id) });
  return row!;
}

async function segmentHead(tx: DbOrTx, segmentId: string) {
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
  return db.transaction(async (tx) => {
    const [locked] = await tx.select().from(segments).where(eq(segments.id, input.segmentId)).for("update");
    if (!locked) throw notFound("That segment");
    if (locked.ownerId !== user.id && !hasScope(user.roles, "segment:edit_any")) throw new DomainError("FORBIDDEN", "Only the segment's owner or a data steward can submit it.");
    if (locked.status === "retired") throw preconditionFailed("A retired segment cannot be submitted.");
    if (locked.approvedVersionId && locked.approvedVersionId === locked.headVersionId) throw preconditionFailed("This version is already approved. Edit the segment to propose changes.");
    const [pending] = await tx
      .select({ id: reviewRequests.id })
      .from(reviewRequests)
      .where(and(eq(reviewRequests.subjectId, locked.id), eq(reviewRequests.type, "segment_approval"), eq(reviewRequests.status, "open"), eq(reviewRequests.subjectVersion, locked.version)));
    if (pending) throw preconditionFailed("This version is already under review.");
    await evaluateAndStore(tx, [locked.id]);
    const findings = await findingsOf(tx, locked.id, locked.version);
    const blocking = unwaivedBlocking(findings);
    if (blocking.length) throw preconditionFailed(`This segment cannot be submitted yet. ${blockingMessage(blocking.map((f) => f.title))}`);
    const head = await segmentHead(tx, locked.id);
    if (locked.status === "draft") await tx.update(segments).set({ status: "in_review", updatedAt: sql`now()` }).where(eq(segments.id, locked.id));
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

/** Other request types (data use, new source, …) about a segment, source or signal, pinned by snapshot. */
export async function requestReview(db: Db, user: SessionUser, actor: AuditActor, input: z.infer<typeof requestReviewInput>) {
  return db.transaction(async (tx) => {
    let label: string;
    let sensitivity: Sensitivity;
    let snapshot: unknown;
    let version: number | null = null;
    let findingCount = 0;
    let authorId: string | null = null;
    if (input.subjectType === "segment") {
      const head = await segmentHead(tx, input.subjectId);
      label = head.s.name;
      sensitivity = head.s.sensitivity;
      version = head.s.version;
      authorId = head.authorId;
      findingCount = (await findingsOf(tx, head.s.id, head.s.version)).length;
    } else if (input.subjectType === "data_source") {
      const [src] = await tx.select().from(dataSources).where(eq(dataSources.id, input.subjectId));
      if (!src) throw notFound("That data source");
      const cats = await tx.select({ s: dataCategories.defaultSensitivity }).from(signals).innerJoin(dataCategories, eq(dataCategories.id, signals.categoryId)).where(eq(signals.sourceId, src.id));
      label = src.name;
      sensitivity = maxSensitivity(cats.map((c) => c.s), "internal");
      const { search: _s, ...rest } = src;
      snapshot = rest;
    } else {
      const [sig] = await tx.select({ sig: signals, s: dataCategories.defaultSensitivity }).from(signals).innerJoin(dataCategories, eq(dataCategories.id, signals.categoryId)).where(eq(signals.id, input.subjectId));
      if (!sig) throw notFound("That signal");
      label = sig.sig.name;
      sensitivity = sig.s;
      const { search: _s, ...rest } = sig.sig;
      snapshot = rest;
    }
    const request = await openRequest(tx, actor, {
      type: input.type,
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      subjectVersion: version,
      subjectLabel: label,
      subjectSnapshot: snapshot,
      requesterId: user.id,
      authorId,
      justification: input.justification,
      sensitivity,
      findingCount,
    });
    return { id: request.id };
  });
}

/** Approve, reject or request changes: one transaction with the request row locked. */
export async function decide(db: Db, user: SessionUser, actor: AuditActor, input: z.infer<typeof decideInput>) {
  return db.transaction(async (tx) => {
    const [request] = await tx.select().from(reviewRequests).where(eq(reviewRequests.id, input.requestId)).for("update");
    if (!request) throw notFound("That review request");
    const next = transition(request.status, input.decision);
    if (!next) throw preconditionFailed(`This request is ${request.status.replace("_", " ")}; it can no longer be decided.`);
    const decisions = await tx.select().from(reviewDecisions).where(eq(reviewDecisions.requestId, request.id));
    const approvals = decisions.filter((d) => d.decision === "approve").map((d) => ({ userId: d.userId, role: d.role }));
    const required = request.requiredApprovals as RequiredApproval[];
    const who = eligibility({
      userId: user.id,
      roles: user.roles,
      requesterId: request.requesterId,
      authorId: request.authorId,
      alreadyDecided: decisions.some((d) => d.userId === user.id),
      required,
      approvals,
    });
    if (!who.ok) throw new DomainError("FORBIDDEN", who.reason);

    if (input.decision === "approve" && request.subjectType === "segment") await refuseBlockedApproval(tx, request.subjectId, request.subjectVersion);
    await tx.insert(reviewDecisions).values({ requestId: request.id, userId: user.id, role: who.role, decision: input.decision, comment: input.comment });
    await recordAudit(tx, { actor, action: "review.decided", entityType: "review_request", entityId: request.id, after: { decision: input.decision, role: who.role }, reason: input.comment || null });

    const stillMissing = input.decision === "approve" ? outstanding(required, [...approvals, { userId: user.id, role: who.role }]) : [];
    const status = input.decision === "approve" && stillMissing.length > 0 ? "open" : next;
    if (status !== request.status) {
      await tx.update(reviewRequests).set({ status, updatedAt: sql`now()`, closedAt: status === "open" || status === "changes_requested" ? null : sql`now()` }).where(eq(reviewRequests.id, request.id));
      await recordAudit(tx, { actor, action: "review.closed", entityType: "review_request", entityId: request.id, before: { status: request.status }, after: { status } });
      await applyOutcome(tx, actor, request, status);
      await notify(tx, [request.requesterId], { kind: "decision", title: `${TYPE_LABELS[request.type]} ${status.replace("_", " ")}: ${request.subjectLabel}`, body: input.comment, link: link(request.id) });
    } else {
      await tx.update(reviewRequests).set({ updatedAt: sql`now()` }).where(eq(reviewRequests.id, request.id));
    }
    return { status, outstanding: stillMissing };
  });
}

/** A version with blocking findings that no valid exception covers is never approved. */
async function refuseBlockedApproval(tx: Tx, segmentId: string, version: number | null) {
  const [seg] = await tx.select({ version: segments.version }).from(segments).where(eq(segments.id, segmentId));
  if (!seg) throw notFound("That segment");
  if (version !== seg.version) throw preconditionFailed(`A newer version (${seg.version}) of this segment exists; review that one instead.`);
  await evaluateAndStore(tx, [segmentId]);
  // The re-review itself answers "consent changed upstream": approving records the new consent state.
  const blocking = unwaivedBlocking(await findingsOf(tx, segmentId, seg.version)).filter((f) => f.policyKey !== "consent_changed_upstream");
  if (blocking.length) throw preconditionFailed(`This version cannot be approved. ${blockingMessage(blocking.map((f) => f.title))}`);
}

async function applyOutcome(tx: Tx, actor: AuditActor, request: typeof reviewRequests.$inferSelect, status: string) {
  if (request.subjectType !== "segment") return;
  const [seg] = await tx.select().from(segments).where(eq(segments.id, request.subjectId)).for("update");
  if (!seg) return;
  if (status === "approved" && (request.type === "segment_approval" || request.type === "recertification")) {
    const [version] = await tx.select({ id: segmentVersions.id }).from(segmentVersions).where(and(eq(segmentVersions.segmentId, seg.id), eq(segmentVersions.version, request.subjectVersion ?? seg.version)));
    const { settings } = await currentPolicy(tx);
    const recertifyBy = new Date(Date.now() + settings.recertificationDays * DAY).toISOString().slice(0, 10);
    const newStatus = seg.status === "draft" || seg.status === "in_review" ? "approved" : seg.status;
    await tx
      .update(segments)
      .set({ status: newStatus, approvedVersionId: version?.id ?? seg.approvedVersionId, approvedAt: sql`now()`, consentChangedUpstream: false, recertifyBy, updatedAt: sql`now()` })
      .where(eq(segments.id, seg.id));
    await evaluateAndStore(tx, [seg.id]);
    await recordAudit(tx, { actor, action: "segment.approved", entityType: "segment", entityId: seg.id, before: { status: seg.status, approvedVersionId: seg.approvedVersionId }, after: { status: newStatus, version: request.subjectVersion, recertifyBy }, reason: `review ${request.id}` });
  } else if ((status === "rejected" || status === "changes_requested" || status === "withdrawn" || status === "expired") && seg.status === "in_review") {
    await tx.update(segments).set({ status: "draft", updatedAt: sql`now()` }).where(eq(segments.id, seg.id));
    await recordAudit(tx, { actor, action: "segment.status_changed", entityType: "segment", entityId: seg.id, before: { status: "in_review" }, after: { status: "draft" }, reason: `review ${status.replace("_", " ")}` });
  }
}

export async function withdraw(db: Db, user: SessionUser, actor: AuditActor, requestId: string) {
  return db.transaction(async (tx) => {
    const [request] = await tx.select().from(reviewRequests).where(eq(reviewRequests.id, requestId)).for("update");
    if (!request) throw notFound("That review request");
    if (request.requesterId !== user.id && !hasScope(user.roles, "segment:edit_any")) throw new DomainError("FORBIDDEN", "Only the requester or a data steward can withdraw a request.");
    const next = transition(request.status, "withdraw");
    if (!next) throw preconditionFailed(`This request is ${request.status.replace("_", " ")}; it cannot be withdrawn.`);
    await tx.update(reviewRequests).set({ status: next, closedAt: sql`now()`, updatedAt: sql`now()` }).where(eq(reviewRequests.id, request.id));
    await recordAudit(tx, { actor, action: "review.closed", entityType: "review_request", entityId: request.id, before: { status: request.status }, after: { status: next } });
    await applyOutcome(tx, actor, request, next);
    return { status: next };
  });
}

export async function comment(db: Db, user: SessionUser, actor: AuditActor, input: z.infer<typeof commentInput>) {
  return db.transaction(async (tx) => {
    const [request] = await tx.select().from(reviewRequests).where(eq(reviewRequests.id, input.requestId));
    if (!request) throw notFound("That review request");
    const [row] = await tx.insert(reviewComments).values({ requestId: request.id, userId: user.id, body: input.body }).returning();
    await recordAudit(tx, { actor, action: "review.commented", entityType: "review_request", entityId: request.id, after: { body: input.body } });
    const participants = [request.requesterId, request.authorId, ...(await tx.select({ u: reviewDecisions.userId }).from(reviewDecisions).where(eq(reviewDecisions.requestId, request.id))).map((d) => d.u), ...(await tx.select({ u: reviewComments.userId }).from(reviewComments).where(eq(reviewComments.requestId, request.id))).map((c) => c.u)].filter((u) => u !== user.id);
    await notify(tx, participants, { kind: "comment", title: `${user.name} commented on ${request.subjectLabel}`, body: input.body, link: link(request.id) });
    return { id: row!.id };
  });
}

// ---- lifecycle

export async function changeLifecycle(db: Db, user: SessionUser, actor: AuditActor, input: z.infer<typeof lifecycleInput>) {
  return db.transaction(async (tx) => {
    const [seg] = await tx.select().from(segments).where(eq(segments.id, input.segmentId)).for("update");
    if (!seg) throw notFound("That segment");
    const stewardLike = hasScope(user.roles, "segment:edit_any") || hasScope(user.roles, "exception:grant");
    if (!stewardLike && seg.ownerId !== user.id) throw new DomainError("FORBIDDEN", `Only the owner, a data steward or a privacy officer can ${input.action} this segment.`);
    let next: typeof seg.status;
    if (input.action === "activate") {
      if (seg.status !== "approved" && seg.status !== "paused") throw preconditionFailed("Only an approved (or paused) segment can be activated.");
      if (!seg.approvedVersionId) throw preconditionFailed("No version of this segment is approved yet.");
      if (seg.consentChangedUpstream) throw preconditionFailed("Consent changed upstream of this segment; it stays blocked until it is re-approved.");
      next = "active";
    } else if (input.action === "pause") {
      if (seg.status !== "active") throw preconditionFailed("Only an active segment can be paused.");
      next = "paused";
    } else {
      if (seg.status === "retired") throw preconditionFailed("This segment is already retired.");
      next = "retired";
      // Nothing is left to decide about a retired segment: its open requests are withdrawn,
      // each audited, and their requesters told why.
      const open = await tx
        .select({ id: reviewRequests.id, status: reviewRequests.status, requesterId: reviewRequests.requesterId })
        .from(reviewRequests)
        .where(and(eq(reviewRequests.subjectId, seg.id), inArray(reviewRequests.status, ["open", "changes_requested"])))
        .for("update");
      if (open.length) await tx.update(reviewRequests).set({ status: "withdrawn", closedAt: sql`now()`, updatedAt: sql`now()` }).where(inArray(reviewRequests.id, open.map((o) => o.id)));
      for (const r of open) {
        await recordAudit(tx, { actor, action: "review.closed", entityType: "review_request", entityId: r.id, before: { status: r.status }, after: { status: "withdrawn" }, reason: `segment “${seg.name}” retired` });
        await notify(tx, [r.requesterId === user.id ? null : r.requesterId], {
          kind: "decision",
          title: `Your request about “${seg.name}” was withdrawn`,
          body: `${actor.label} retired the segment${input.reason ? `: ${input.reason}` : ""}.`,
          link: `/reviews/${r.id}`,
        });
      }
    }
    await tx.update(segments).set({ status: next, updatedAt: sql`now()` }).where(eq(segments.id, seg.id));
    await recordAudit(tx, { actor, action: "segment.status_changed", entityType: "segment", entityId: seg.id, before: { status: seg.status }, after: { status: next }, reason: input.reason || null });
    return { status: next };
  });
}

// ---- reads

export async function listRequests(db: Db, user: SessionUser, input: z.infer<typeof listRequestsInput>, now = new Date()) {
  const where: SQL[] = [];
  if (input.type) where.push(eq(reviewRequests.type, input.type));
  if (input.subjectId) where.push(eq(reviewRequests.subjectId, input.subjectId));
  if (input.status) where.push(eq(reviewRequests.status, input.status));
  else if (input.queue !== "all" && input.queue !== "mine") where.push(eq(reviewRequests.status, "open"));
  if (input.overdue) where.push(sql`${reviewRequests.dueAt} < ${now.toISOString()}::timestamptz AND ${reviewRequests.status} = 'open'`);
  if (input.queue === "mine") where.push(eq(reviewRequests.requesterId, user.id));
  if (input.queue === "awaiting_me") {
    where.push(sql`${reviewRequests.requesterId} IS DISTINCT FROM ${user.id} AND ${reviewRequests.authorId} IS DISTINCT FROM ${user.id}`);
    where.push(sql`NOT EXISTS (SELECT 1 FROM review_decisions d WHERE d.request_id = ${reviewRequests.id} AND d.user_id = ${user.id})`);
  }
  const rows = await db
    .select({ r: reviewRequests, requesterName: users.name })
    .from(reviewRequests)
    .leftJoin(users, eq(users.id, reviewRequests.requesterId))
    .where(and(...where))
    .orderBy(asc(reviewRequests.dueAt), desc(reviewRequests.createdAt))
    .limit(input.queue === "awaiting_me" ? 1000 : input.limit);
  const ids = rows.map((r) => r.r.id);
  const decisions = ids.length ? await db.select().from(reviewDecisions).where(inArray(reviewDecisions.requestId, ids)) : [];
  const items = rows.map(({ r, requesterName }) => {
    const approvals = decisions.filter((d) => d.requestId === r.id && d.decision === "approve").map((d) => ({ userId: d.userId, role: d.role }));
    const missing = outstanding(r.requiredApprovals as RequiredApproval[], approvals);
    return {
      id: r.id,
      type: r.type,
      status: r.status,
      subjectType: r.subjectType,
      subjectId: r.subjectId,
      subjectVersion: r.subjectVersion,
      subjectLabel: r.subjectLabel,
      sensitivity: r.sensitivity,
      requesterName: requesterName ?? "Steward (automatic)",
      dueAt: r.dueAt,
      createdAt: r.createdAt,
      overdue: r.status === "open" && r.dueAt < now,
      outstanding: missing,
    };
  });
  // "Awaiting my review": only what one of my roles can still decide.
  const filtered = input.queue === "awaiting_me" ? items.filter((i) => i.outstanding.some((m) => user.roles.includes(m.role))).slice(0, input.limit) : items;
  return filtered;
}

export async function awaitingCount(db: Db, user: SessionUser) {
  return (await listRequests(db, user, { queue: "awaiting_me", limit: 200 })).length;
}

export async function requestById(db: Db, user: SessionUser, requestId: string, now = new Date()) {
  const [row] = await db.select({ r: reviewRequests, requesterName: users.name }).from(reviewRequests).leftJoin(users, eq(users.id, reviewRequests.requesterId)).where(eq(reviewRequests.id, requestId));
  if (!row) throw notFound("That review request");
  const r = row.r;
  const decisions = await db
    .select({ id: reviewDecisions.id, userId: reviewDecisions.userId, name: users.name, role: reviewDecisions.role, decision: reviewDecisions.decision, comment: reviewDecisions.comment, createdAt: reviewDecisions.createdAt })
    .from(reviewDecisions)
    .innerJoin(users, eq(users.id, reviewDecisions.userId))
    .where(eq(reviewDecisions.requestId, r.id))
    .orderBy(asc(reviewDecisions.createdAt));
  const comments = await db
    .select({ id: reviewComments.id, name: users.name, body: reviewComments.body, createdAt: reviewComments.createdAt })
    .from(reviewComments)
    .leftJoin(users, eq(users.id, reviewComments.userId))
    .where(eq(reviewComments.requestId, r.id))
    .orderBy(asc(reviewComments.createdAt));
  const approvals = decisions.filter((d) => d.decision === "approve").map((d) => ({ userId: d.userId, role: d.role as Role }));
  const required = r.requiredApprovals as RequiredApproval[];
  const missing = outstanding(required, approvals);
  const mine = eligibility({ userId: user.id, roles: user.roles, requesterId: r.requesterId, authorId: r.authorId, alreadyDecided: decisions.some((d) => d.userId === user.id), required, approvals });

  let segment: null | { inForceVersion: number | null; headVersion: number; status: string; findings: Awaited<ReturnType<typeof findingsOf>> } = null;
  if (r.subjectType === "segment") {
    const [seg] = await db.select({ s: segments, inForce: segmentVersions.version }).from(segments).leftJoin(segmentVersions, eq(segmentVersions.id, segments.approvedVersionId)).where(eq(segments.id, r.subjectId));
    if (seg) segment = { inForceVersion: seg.inForce ?? null, headVersion: seg.s.version, status: seg.s.status, findings: r.subjectVersion ? await findingsOf(db, seg.s.id, r.subjectVersion) : [] };
  }
  return {
    ...r,
    requesterName: row.requesterName ?? "Steward (automatic)",
    overdue: r.status === "open" && r.dueAt < now,
    decisions,
    comments,
    required,
    outstanding: missing,
    canDecide: r.status === "open" && mine.ok && hasScope(user.roles, "review:decide"),
    cannotDecideReason: mine.ok ? null : mine.reason,
    canWithdraw: (r.status === "open" || r.status === "changes_requested") && (r.requesterId === user.id || hasScope(user.roles, "segment:edit_any")),
    segment,
  };
}

// ---- scheduled work

/**
 * Re-certification: active segments past their date get a request; those overdue beyond the
 * grace period are paused, audited, and their owner told. Expires requests long past due.
 */
export async function runScheduledReviews(db: Db, now = new Date()) {
  const actor: AuditActor = { id: null, label: "system" };
  const { settings } = await currentPolicy(db);
  const graceDays = Math.max(7, Math.round(settings.recertificationDays / 12));
  const today = now.toISOString().slice(0, 10);
  let opened = 0;
  let paused = 0;
  let expired = 0;
  await db.transaction(async (tx) => {
    const due = rowsOf<{ id: string }>(
      await tx.execute(sql`
        SELECT s.id FROM segments s
        WHERE s.status = 'active' AND s.recertify_by IS NOT NULL AND s.recertify_by <= ${today}::date
          AND NOT EXISTS (SELECT 1 FROM review_requests r WHERE r.subject_id = s.id AND r.type = 'recertification' AND r.status IN ('open', 'changes_requested'))
        FOR UPDATE OF s`),
    );
    for (const { id } of due) {
      const head = await segmentHead(tx, id);
      await openRequest(tx, actor, {
        type: "recertification",
        subjectType: "segment",
        subjectId: id,
        subjectVersion: head.s.version,
        subjectLabel: head.s.name,
        subjectSnapshot: null,
        requesterId: null,
        authorId: head.authorId,
        justification: `Re-certification was due on ${head.s.recertifyBy}. Confirm that the segment is still needed and still fits the consent behind it.`,
        sensitivity: head.s.sensitivity,
        findingCount: (await findingsOf(tx, id, head.s.version)).length,
      }, now);
      opened++;
    }
    const graceLimit = new Date(now.getTime() - graceDays * DAY).toISOString().slice(0, 10);
    const overdue = await tx.select().from(segments).where(sql`${segments.status} = 'active' AND ${segments.recertifyBy} IS NOT NULL AND ${segments.recertifyBy} < ${graceLimit}::date`).for("update");
    for (const seg of overdue) {
      await tx.update(segments).set({ status: "paused", updatedAt: sql`now()` }).where(eq(segments.id, seg.id));
      await recordAudit(tx, { actor, action: "segment.status_changed", entityType: "segment", entityId: seg.id, before: { status: "active" }, after: { status: "paused" }, reason: `re-certification overdue since ${seg.recertifyBy} (grace ${graceDays} days)` });
      await notify(tx, [seg.ownerId], { kind: "auto_pause", title: `“${seg.name}” was paused`, body: `Its re-certification was due on ${seg.recertifyBy} and is more than ${graceDays} days overdue. Get it re-certified, then activate it again.`, link: `/catalog/segments/${seg.id}` });
      paused++;
    }
    const stale = await tx
      .select()
      .from(reviewRequests)
      .where(sql`${reviewRequests.status} IN ('open', 'changes_requested') AND ${reviewRequests.dueAt} < ${new Date(now.getTime() - 30 * DAY).toISOString()}::timestamptz`)
      .for("update");
    for (const r of stale) {
      await tx.update(reviewRequests).set({ status: "expired", closedAt: sql`now()`, updatedAt: sql`now()` }).where(eq(reviewRequests.id, r.id));
      await recordAudit(tx, { actor, action: "review.closed", entityType: "review_request", entityId: r.id, before: { status: r.status }, after: { status: "expired" }, reason: "more than 30 days past due" });
      await applyOutcome(tx, actor, r, "expired");
      await notify(tx, [r.requesterId], {
        kind: "decision",
        title: `Your request about “${r.subjectLabel}” expired`,
        body: "It stayed undecided for more than 30 days past its due date. Submit it again if it is still needed.",
        link: `/reviews/${r.id}`,
      });
      expired++;
    }
  });
  return { opened, paused, expired };
}
