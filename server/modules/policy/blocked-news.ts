import { formatDateTime } from "@/domain/dates";
import { sql } from "drizzle-orm";
import type { Tx } from "@/server/db/client";
import { rowsOf } from "@/server/db/rows";
import { textArray } from "@/server/db/arrays";
import { recordAudit, type AuditActor } from "@/server/audit/record";
import { enqueueSegmentEvent } from "@/server/modules/webhooks/outbox";
import { coveredByException } from "./exception-cover";

/**
 * segment.blocked news for the changes that block an active segment through its findings: an
 * exception revoked or lapsed, and a policy change. Each reads "blocked" as the gate does: an
 * active segment whose version in force has a blocking finding no exception in force covers.
 * (Consent changes upstream are told by propagation.service, with their own reason.)
 */

type BlockingFinding = { segmentId: string; title: string; message: string };

const uncoveredBlockingSql = (now: Date, where = sql`TRUE`) => sql`
  SELECT f.segment_id AS "segmentId", f.title, f.message FROM segment_findings f
  JOIN segments s ON s.id = f.segment_id
  LEFT JOIN segment_versions v ON v.id = s.approved_version_id
  WHERE s.status = 'active' AND f.severity = 'block' AND f.segment_version = coalesce(v.version, s.version)
    AND NOT ${coveredByException(now)} AND ${where}
  ORDER BY f.segment_id, f.policy_key, f.title`;

/** The active segments the gate denies because of findings, each with those findings. */
export async function segmentsBlockedByFindings(tx: Tx, now: Date): Promise<Map<string, BlockingFinding[]>> {
  const out = new Map<string, BlockingFinding[]>();
  for (const f of rowsOf<BlockingFinding>(await tx.execute(uncoveredBlockingSql(now)))) {
    const list = out.get(f.segmentId) ?? [];
    list.push(f);
    out.set(f.segmentId, list);
  }
  return out;
}

/** After a policy change: segment.blocked for each active segment blocked now and not before. */
export async function announceNewlyBlocked(tx: Tx, before: Map<string, unknown>, now: Date, why: string): Promise<number> {
  let told = 0;
  for (const [segmentId, findings] of await segmentsBlockedByFindings(tx, now)) {
    if (before.has(segmentId)) continue;
    await enqueueSegmentEvent(
      tx,
      "segment.blocked",
      segmentId,
      findings.map((f) => ({ code: "blocking_finding", message: `${f.title}: ${f.message} ${why}` })),
      now,
    );
    told++;
  }
  return told;
}

/**
 * Exceptions stopped covering these findings of one segment (revoked or lapsed): if the segment
 * is active and any of them still stands on the version in force, uncovered by any other
 * exception, the gate now denies it and webhook receivers get one segment.blocked naming them.
 */
export async function tellToolsIfNowBlocked(tx: Tx, segmentId: string, fingerprints: string[], why: string, now: Date): Promise<boolean> {
  const findings = rowsOf<BlockingFinding>(await tx.execute(uncoveredBlockingSql(now, sql`f.segment_id = ${segmentId} AND f.fingerprint = ANY(${textArray(fingerprints)})`)));
  if (findings.length === 0) return false;
  await enqueueSegmentEvent(
    tx,
    "segment.blocked",
    segmentId,
    findings.map((f) => ({ code: "blocking_finding", message: `${f.title}: ${f.message} ${why}` })),
    now,
  );
  return true;
}

/**
 * Exceptions that lapsed by `now` and were not yet announced: each is claimed once (marked in the
 * same statement, skipping rows another run holds), written to the audit trail, and told to
 * webhook receivers when the segment is now denied. Safe to run beside itself.
 */
export async function announceExpiredExceptions(tx: Tx, actor: AuditActor, now: Date, limit = 500): Promise<{ expired: number; blocked: number }> {
  const lapsed = rowsOf<{ id: string; segmentId: string; fingerprint: string; policyKey: string; findingTitle: string; expiresAt: string }>(
    await tx.execute(sql`
      UPDATE policy_exceptions e SET expiry_announced_at = ${now.toISOString()}::timestamptz
      FROM (
        SELECT id FROM policy_exceptions
        WHERE revoked_at IS NULL AND expiry_announced_at IS NULL AND expires_at <= ${now.toISOString()}::timestamptz
        ORDER BY expires_at, id LIMIT ${limit} FOR UPDATE SKIP LOCKED
      ) due
      WHERE e.id = due.id
      RETURNING e.id, e.segment_id AS "segmentId", e.fingerprint, e.policy_key AS "policyKey", e.finding_title AS "findingTitle", e.expires_at::text AS "expiresAt"`),
  );
  const bySegment = new Map<string, typeof lapsed>();
  for (const e of lapsed) {
    await recordAudit(tx, {
      actor,
      action: "exception.expired",
      entityType: "segment",
      entityId: e.segmentId,
      before: { exceptionId: e.id, policyKey: e.policyKey, finding: e.findingTitle, expiresAt: new Date(e.expiresAt) },
    });
    bySegment.set(e.segmentId, [...(bySegment.get(e.segmentId) ?? []), e]);
  }
  let blocked = 0;
  for (const [segmentId, es] of bySegment) {
    const latest = new Date(Math.max(...es.map((e) => new Date(e.expiresAt).getTime())));
    const why = `Its exception expired on ${formatDateTime(latest)}.`;
    if (await tellToolsIfNowBlocked(tx, segmentId, [...new Set(es.map((e) => e.fingerprint))], why, now)) blocked++;
  }
  return { expired: lapsed.length, blocked };
}
