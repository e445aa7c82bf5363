import { and, asc, eq, inArray, or, sql } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { auditEvents, policyExceptions, reviewDecisions, reviewRequests, segments, segmentVersions, users } from "@/server/db/schema";
import { rowsOf } from "@/server/db/rows";
import { decisionColumns, exceptionGrantColumns } from "@/server/db/selections";
import { NDJSON_LINE } from "@/server/modules/audit/export-stream";
import { segmentById } from "@/server/modules/catalog/segments.queries";
import { consentOrigins } from "@/server/modules/lineage/service";
import { privacyEvidence } from "./privacy";

/**
 * Everything a data protection officer or regulator asks about one segment: what it is for,
 * what feeds it under which consent, what the checks found, who waived what, who approved
 * which version, every version, and its audit events.
 */
export async function gatherEvidence(db: Db, segmentId: string) {
  const segment = await segmentById(db, segmentId);
  const [versions, exceptions, requests, origins] = await Promise.all([
    db
      .select({ version: segmentVersions.version, createdAt: segmentVersions.createdAt, author: users.name, sensitivity: segmentVersions.sensitivity })
      .from(segmentVersions)
      .innerJoin(users, eq(users.id, segmentVersions.createdById))
      .where(eq(segmentVersions.segmentId, segmentId))
      .orderBy(asc(segmentVersions.version)),
    db
      .select({
        id: policyExceptions.id,
        policyKey: policyExceptions.policyKey,
        finding: policyExceptions.findingTitle,
        ...exceptionGrantColumns,
      })
      .from(policyExceptions)
      .innerJoin(users, eq(users.id, policyExceptions.grantedById))
      .where(eq(policyExceptions.segmentId, segmentId))
      .orderBy(asc(policyExceptions.createdAt)),
    db
      .select()
      .from(reviewRequests)
      .where(and(eq(reviewRequests.subjectType, "segment"), eq(reviewRequests.subjectId, segmentId)))
      .orderBy(asc(reviewRequests.createdAt)),
    consentOrigins(db, segmentId),
  ]);
  const privacy = await privacyEvidence(db, segmentId);
  const requestIds = requests.map((r) => r.id);
  const decisions = requestIds.length
    ? await db
        .select({
          requestId: reviewDecisions.requestId,
          ...decisionColumns,
        })
        .from(reviewDecisions)
        .innerJoin(users, eq(users.id, reviewDecisions.userId))
        .where(inArray(reviewDecisions.requestId, requestIds))
        .orderBy(asc(reviewDecisions.createdAt))
    : [];
  // The audit export's own NDJSON (snake_case, microsecond times, jsonb text), so that
  // `npm run audit:verify-export` re-hashes the pack's events without the database.
  const eventLines = rowsOf<{ line: string }>(
    await db.execute(
      sql`SELECT ${NDJSON_LINE} AS line FROM audit_events WHERE ${or(
        and(eq(auditEvents.entityType, "segment"), eq(auditEvents.entityId, segmentId)),
        requestIds.length ? and(eq(auditEvents.entityType, "review_request"), inArray(auditEvents.entityId, requestIds)) : sql`false`,
      )} ORDER BY audit_events.seq`,
    ),
  ).map((r) => r.line);
  const [{ approvedVersion } = { approvedVersion: null }] = await db
    .select({ approvedVersion: segmentVersions.version })
    .from(segments)
    .innerJoin(segmentVersions, eq(segmentVersions.id, segments.approvedVersionId))
    .where(eq(segments.id, segmentId));
  return {
    generatedAt: new Date().toISOString(),
    segment,
    approvedVersion,
    consentOrigins: origins.origins,
    consentOriginsPartial: origins.partial,
    versions,
    exceptions,
    approvals: requests.map((r) => ({
      id: r.id,
      type: r.type,
      status: r.status,
      version: r.subjectVersion,
      justification: r.justification,
      createdAt: r.createdAt,
      closedAt: r.closedAt,
      required: r.requiredApprovals,
      decisions: decisions.filter((d) => d.requestId === r.id),
    })),
    privacy,
    auditEventLines: eventLines,
  };
}

export type Evidence = Awaited<ReturnType<typeof gatherEvidence>>;
