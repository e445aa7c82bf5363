import { and, desc, eq, isNotNull, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/server/db/client";
import { consentPurposes, dataCategories, policyExceptions, policySettingsVersions, segmentFindings, segments, users } from "@/server/db/schema";
import { exceptionGrantColumns } from "@/server/db/selections";
import { recordAudit, type AuditActor } from "@/server/audit/record";
import { invalid, notFound, preconditionFailed } from "@/server/errors";
import type { PolicySettings } from "@/server/policy/types";
import { reevaluateAll } from "./propagation.service";
import type { grantExceptionInput, listExceptionsInput, revokeExceptionInput, updatePolicyInput } from "./schemas";
import { exceptionExpired, exceptionInForce, exceptionStatus } from "./exception-cover";
import { announceNewlyBlocked, segmentsBlockedByFindings, tellToolsIfNowBlocked } from "./blocked-news";
import { currentPolicy } from "./settings.service";
import { inTransaction } from "@/server/db/transaction";

/** Saves a new policy version and re-evaluates every segment under it, in one transaction. */
export async function updatePolicy(db: Db, actor: AuditActor, input: z.infer<typeof updatePolicyInput>) {
  const { reason, withdrawalSpikeMultiple, differentialPrivacy, ...rest } = input;
  return inTransaction(db, async (tx) => {
    // Serialise policy edits so versions never collide.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(7412002)`);
    const purposeKeys = new Set((await tx.select({ key: consentPurposes.key }).from(consentPurposes)).map((p) => p.key));
    for (const [channel, key] of Object.entries(rest.channelPurposes)) {
      if (key && !purposeKeys.has(key)) throw invalid(`The ${channel} channel names an unknown purpose “${key}”.`, "channelPurposes");
    }
    for (const field of ["marketingPurposeKeys", "profilingPurposeKeys"] as const) {
      const unknown = rest[field].filter((k) => !purposeKeys.has(k));
      if (unknown.length) throw invalid(`Unknown purpose ${unknown.map((k) => `“${k}”`).join(", ")}.`, field);
    }
    const categoryKeys = new Set((await tx.select({ key: dataCategories.key }).from(dataCategories)).map((c) => c.key));
    for (const field of ["specialCategoryKeys", "childrenCategoryKeys"] as const) {
      const unknown = rest[field].filter((k) => !categoryKeys.has(k));
      if (unknown.length) throw invalid(`Unknown data category ${unknown.map((k) => `“${k}”`).join(", ")}.`, field);
    }
    const before = await currentPolicy(tx);
    const settings = {
      ...rest,
      withdrawalSpikeMultiple: withdrawalSpikeMultiple ?? before.settings.withdrawalSpikeMultiple,
      differentialPrivacy: differentialPrivacy ?? before.settings.differentialPrivacy,
    };
    const version = before.version + 1;
    await tx.insert(policySettingsVersions).values({ version, settings: settings satisfies PolicySettings, reason, createdById: actor.id });
    const now = new Date();
    const blockedBefore = await segmentsBlockedByFindings(tx, now);
    const results = await reevaluateAll(tx);
    await announceNewlyBlocked(tx, blockedBefore, now, `It blocks under policy version ${version} (${reason}).`);
    await recordAudit(tx, { actor, action: "policy.updated", entityType: "policy", entityId: String(version), before: before.settings, after: settings, reason });
    return { version, reevaluated: results.length };
  });
}

export async function grantException(db: Db, actor: AuditActor, input: z.infer<typeof grantExceptionInput>, now = new Date()) {
  if (input.expiresAt <= now) throw invalid("The expiry must be in the future.", "expiresAt");
  if (input.expiresAt.getTime() - now.getTime() > 366 * 86_400_000) throw invalid("Exceptions last at most one year; choose an earlier expiry.", "expiresAt");
  return inTransaction(db, async (tx) => {
    const [finding] = await tx
      .select({ f: segmentFindings, version: segments.version, segmentName: segments.name })
      .from(segmentFindings)
      .innerJoin(segments, eq(segments.id, segmentFindings.segmentId))
      .where(eq(segmentFindings.id, input.findingId));
    if (!finding) throw notFound("That finding");
    if (finding.f.segmentVersion !== finding.version) throw preconditionFailed("That finding belongs to an older version of the segment; reload the page.");
    if (finding.f.severity !== "block") throw preconditionFailed("Only blocking findings need an exception; warnings never block.");
    const [existing] = await tx
      .select({ id: policyExceptions.id })
      .from(policyExceptions)
      .where(and(eq(policyExceptions.segmentId, finding.f.segmentId), eq(policyExceptions.fingerprint, finding.f.fingerprint), exceptionInForce(now)));
    if (existing) throw preconditionFailed("An unexpired exception already covers this finding.");
    const [row] = await tx
      .insert(policyExceptions)
      .values({
        segmentId: finding.f.segmentId,
        policyKey: finding.f.policyKey,
        fingerprint: finding.f.fingerprint,
        findingTitle: finding.f.title,
        justification: input.justification,
        expiresAt: input.expiresAt,
        grantedById: actor.id!,
      })
      .returning();
    await recordAudit(tx, {
      actor,
      action: "exception.granted",
      entityType: "segment",
      entityId: finding.f.segmentId,
      after: { exceptionId: row!.id, policyKey: row!.policyKey, finding: finding.f.message, expiresAt: row!.expiresAt },
      reason: input.justification,
    });
    return { id: row!.id };
  });
}

export async function revokeException(db: Db, actor: AuditActor, input: z.infer<typeof revokeExceptionInput>, now = new Date()) {
  return inTransaction(db, async (tx) => {
    const [row] = await tx.select().from(policyExceptions).where(eq(policyExceptions.id, input.id)).for("no key update");
    if (!row) throw notFound("That exception");
    if (row.revokedAt) throw preconditionFailed("This exception is already revoked.");
    await tx.update(policyExceptions).set({ revokedAt: now, revokedById: actor.id }).where(eq(policyExceptions.id, row.id));
    await recordAudit(tx, {
      actor,
      action: "exception.revoked",
      entityType: "segment",
      entityId: row.segmentId,
      before: { exceptionId: row.id, expiresAt: row.expiresAt },
      reason: input.reason,
    });
    await tellToolsIfNowBlocked(tx, row.segmentId, [row.fingerprint], `Its exception was revoked: ${input.reason}`, now);
    return { id: row.id };
  });
}

export async function listExceptions(db: Db, input: z.infer<typeof listExceptionsInput>, now = new Date()) {
  const where: SQL[] = [];
  if (input.segmentId) where.push(eq(policyExceptions.segmentId, input.segmentId));
  if (input.status === "active") where.push(exceptionInForce(now));
  if (input.status === "expired") where.push(exceptionExpired(now));
  if (input.status === "revoked") where.push(isNotNull(policyExceptions.revokedAt));
  const rows = await db
    .select({
      id: policyExceptions.id,
      segmentId: policyExceptions.segmentId,
      segmentName: segments.name,
      policyKey: policyExceptions.policyKey,
      findingTitle: policyExceptions.findingTitle,
      ...exceptionGrantColumns,
    })
    .from(policyExceptions)
    .innerJoin(segments, eq(segments.id, policyExceptions.segmentId))
    .innerJoin(users, eq(users.id, policyExceptions.grantedById))
    .where(and(...where))
    .orderBy(desc(policyExceptions.createdAt))
    .limit(500);
  return rows.map((r) => ({ ...r, status: exceptionStatus(r, now) }));
}

export async function policyVersions(db: Db) {
  return db
    .select({ version: policySettingsVersions.version, reason: policySettingsVersions.reason, createdAt: policySettingsVersions.createdAt, by: users.name })
    .from(policySettingsVersions)
    .leftJoin(users, eq(users.id, policySettingsVersions.createdById))
    .orderBy(desc(policySettingsVersions.version));
}
