import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { policyExceptions, segmentFindings, users } from "@/server/db/schema";
import { exceptionInForce } from "./exception-cover";

/**
 * Findings of a segment version, each with the unexpired exception that covers it, if any.
 * Coverage is decided at read time, so an exception stops counting the moment it expires.
 */
export async function findingsOf(db: DbOrTx, segmentId: string, version: number, now: Date = new Date()) {
  const findings = await db
    .select()
    .from(segmentFindings)
    .where(and(eq(segmentFindings.segmentId, segmentId), eq(segmentFindings.segmentVersion, version)))
    .orderBy(sql`CASE ${segmentFindings.severity} WHEN 'block' THEN 0 ELSE 1 END`, asc(segmentFindings.policyKey), asc(segmentFindings.title));
  const exceptions = await db
    .select({
      id: policyExceptions.id,
      fingerprint: policyExceptions.fingerprint,
      justification: policyExceptions.justification,
      expiresAt: policyExceptions.expiresAt,
      grantedBy: users.name,
      createdAt: policyExceptions.createdAt,
    })
    .from(policyExceptions)
    .innerJoin(users, eq(users.id, policyExceptions.grantedById))
    .where(and(eq(policyExceptions.segmentId, segmentId), exceptionInForce(now)));
  const byFingerprint = new Map(exceptions.map((e) => [e.fingerprint, e]));
  return findings.map((f) => ({
    id: f.id,
    policyKey: f.policyKey,
    fingerprint: f.fingerprint,
    severity: f.severity,
    title: f.title,
    message: f.message,
    remedy: f.remedy,
    signals: f.signals,
    purposes: f.purposes,
    channels: f.channels,
    policyVersion: f.policyVersion,
    evaluatedAt: f.evaluatedAt,
    exception: f.severity === "block" ? (byFingerprint.get(f.fingerprint) ?? null) : null,
  }));
}

export type StoredFinding = Awaited<ReturnType<typeof findingsOf>>[number];

/** Blocking findings that no unexpired exception covers: what stops a submission or approval. */
export const unwaivedBlocking = (findings: StoredFinding[]) => findings.filter((f) => f.severity === "block" && !f.exception);
