import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Db, DbOrTx } from "@/server/db/client";
import { decisionColumns } from "@/server/db/selections";
import { countersJson, countersOf } from "@/server/db/counters";
import { rowsOf } from "@/server/db/rows";
import { textArray } from "@/server/db/arrays";
import { dataSources, reviewComments, reviewDecisions, reviewRequests, segments, segmentVersions, users } from "@/server/db/schema";
import { hasScope } from "@/server/authz/policy";
import { notFound } from "@/server/errors";
import type { SessionUser } from "@/server/auth/identity";
import { eligibility, outstanding, standingOn, withdrawal, type RequiredApproval } from "@/domain/review-rules";
import { findingsOf } from "@/server/modules/policy/findings.service";
import { proposalOf } from "./proposal-view";
import type { listRequestsInput } from "./schemas";

/** Review reads: the queues, the "awaiting my review" count, and one request as its page shows it. */

/**
 * "Awaiting my review", in SQL: neither asked for nor written by me, not yet decided by me,
 * and still missing an approval one of my roles can give (outstanding() of domain/review-rules:
 * required count minus distinct approvers in that role).
 */
function awaiting(user: SessionUser): SQL {
  const roles = sql.join(
    user.roles.map((r) => sql`${r}`),
    sql`, `,
  );
  return sql`${reviewRequests.requesterId} IS DISTINCT FROM ${user.id} AND ${reviewRequests.authorId} IS DISTINCT FROM ${user.id}
    AND NOT EXISTS (SELECT 1 FROM review_decisions d WHERE d.request_id = ${reviewRequests.id} AND d.user_id = ${user.id})
    AND EXISTS (
      SELECT 1 FROM jsonb_to_recordset(${reviewRequests.requiredApprovals}) AS q(role text, count int)
      WHERE q.role = ANY(ARRAY[${roles}]::text[])
        AND q.count > (SELECT count(DISTINCT a.user_id) FROM review_decisions a WHERE a.request_id = ${reviewRequests.id} AND a.decision = 'approve' AND a.role::text = q.role))`;
}

export async function listRequests(db: Db, user: SessionUser, input: z.infer<typeof listRequestsInput>, now = new Date()) {
  const where: SQL[] = [];
  if (input.type) where.push(eq(reviewRequests.type, input.type));
  if (input.subjectId) where.push(eq(reviewRequests.subjectId, input.subjectId));
  if (input.status) where.push(eq(reviewRequests.status, input.status));
  else if (input.queue !== "all" && input.queue !== "mine") where.push(eq(reviewRequests.status, "open"));
  if (input.overdue) where.push(sql`${reviewRequests.dueAt} < ${now.toISOString()}::timestamptz AND ${reviewRequests.status} = 'open'`);
  if (input.queue === "mine") where.push(eq(reviewRequests.requesterId, user.id));
  if (input.queue === "awaiting_me") where.push(awaiting(user));
  // Only the columns a queue shows: the snapshot and payload (large JSON) are for the request's page.
  const rows = await db
    .select({
      r: {
        id: reviewRequests.id,
        type: reviewRequests.type,
        status: reviewRequests.status,
        subjectType: reviewRequests.subjectType,
        subjectId: reviewRequests.subjectId,
        subjectVersion: reviewRequests.subjectVersion,
        subjectLabel: reviewRequests.subjectLabel,
        sensitivity: reviewRequests.sensitivity,
        requiredApprovals: reviewRequests.requiredApprovals,
        dueAt: reviewRequests.dueAt,
        createdAt: reviewRequests.createdAt,
      },
      requesterName: users.name,
    })
    .from(reviewRequests)
    .leftJoin(users, eq(users.id, reviewRequests.requesterId))
    .where(and(...where))
    .orderBy(asc(reviewRequests.dueAt), desc(reviewRequests.createdAt))
    .limit(input.limit);
  const ids = rows.map((r) => r.r.id);
  const decisions = ids.length
    ? await db
        .select({ requestId: reviewDecisions.requestId, decision: reviewDecisions.decision, userId: reviewDecisions.userId, role: reviewDecisions.role })
        .from(reviewDecisions)
        .where(inArray(reviewDecisions.requestId, ids))
    : [];
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
  return items;
}

/**
 * The badge: the same number as the "Awaiting my review" queue, from counters instead of a scan
 * of every open request. Open requests are counted per set of roles that can still approve them
 * (review_request_needs, kept by triggers); the sets sharing a role with me are added up, then the
 * requests among them I asked for, wrote or already decided are taken away. That last part
 * reads only my own requests and decisions, through their indexes.
 */
export async function awaitingCount(db: DbOrTx, user: SessionUser) {
  if (user.roles.length === 0) return 0;
  const roles = textArray(user.roles);
  // The counters and my own part in one statement (one round trip, not two).
  const [mine] = rowsOf<{ n: number; counters: Parameters<typeof countersOf>[1] }>(
    await db.execute(sql`
      SELECT (SELECT count(*) FROM review_request_needs n
      WHERE n.roles && ${roles} AND n.request_id IN (
        SELECT id FROM review_requests WHERE requester_id = ${user.id}
        UNION SELECT id FROM review_requests WHERE author_id = ${user.id}
        UNION SELECT request_id FROM review_decisions WHERE user_id = ${user.id}))::int AS n,
        ${countersJson(NEEDS)} AS counters`),
  );
  const counts = await countersOf(db, mine?.counters ?? []);
  let total = 0;
  for (const [key, n] of counts)
    if (
      key
        .slice(NEEDS.length)
        .split(",")
        .some((r) => (user.roles as string[]).includes(r))
    )
      total += n;
  return total - (mine?.n ?? 0);
}

const NEEDS = "reviews:needs:";

export async function requestById(db: Db, user: SessionUser, requestId: string, now = new Date()) {
  const [row] = await db
    .select({ r: reviewRequests, requesterName: users.name })
    .from(reviewRequests)
    .leftJoin(users, eq(users.id, reviewRequests.requesterId))
    .where(eq(reviewRequests.id, requestId));
  if (!row) throw notFound("That review request");
  const r = row.r;
  const decisions = await db
    .select({
      id: reviewDecisions.id,
      userId: reviewDecisions.userId,
      ...decisionColumns,
    })
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
  const standing = standingOn(user, r, decisions);
  const { required } = standing;
  const missing = outstanding(required, standing.approvals);
  const mine = eligibility(standing);

  let segment: null | { inForceVersion: number | null; headVersion: number; status: string; findings: Awaited<ReturnType<typeof findingsOf>> } = null;
  if (r.subjectType === "segment" && r.subjectId) {
    const [seg] = await db
      .select({ s: segments, inForce: segmentVersions.version })
      .from(segments)
      .leftJoin(segmentVersions, eq(segmentVersions.id, segments.approvedVersionId))
      .where(eq(segments.id, r.subjectId));
    if (seg)
      segment = { inForceVersion: seg.inForce ?? null, headVersion: seg.s.version, status: seg.s.status, findings: r.subjectVersion ? await findingsOf(db, seg.s.id, r.subjectVersion) : [] };
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
    canWithdraw: withdrawal(r, user.id).ok,
    segment,
    proposal: await proposalOf(db, r),
    registeredSource: r.type === "new_source" ? await sourceRegisteredFrom(db, r.id) : null,
  };
}

/** The source registered from an approved new-source request, once one is. */
async function sourceRegisteredFrom(db: DbOrTx, requestId: string) {
  const [source] = await db.select({ id: dataSources.id, name: dataSources.name }).from(dataSources).where(eq(dataSources.fromRequestId, requestId));
  return source ?? null;
}
