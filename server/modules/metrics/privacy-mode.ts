/**
 * Which privacy rules a segment's reports follow: the threshold, complement and ledger only, or
 * also differential privacy with its monthly budget. Privacy officers choose per segment; without
 * a choice the policy's default applies. Both changes are audited.
 */
import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { recordAudit, type AuditActor } from "@/server/audit/record";
import type { Db, DbOrTx } from "@/server/db/client";
import { privacyBudgets, segmentPrivacyModes, segments } from "@/server/db/schema";
import { inTransaction } from "@/server/db/transaction";
import { notFound } from "@/server/errors";
import { updatePolicy } from "@/server/modules/policy/policy.service";
import type { differentialPrivacySettings } from "@/server/modules/policy/schemas";
import { currentPolicy } from "@/server/modules/policy/settings.service";
import type { DifferentialPrivacySettings } from "@/server/policy/types";
import { errorPerCount } from "./performance-dp";
import { monthOf } from "./releases";

export interface SegmentPrivacyMode {
  differentialPrivacy: boolean;
  /** Whether a privacy officer chose it for this segment, or it is the policy's default. */
  source: "segment" | "policy";
}

export async function privacyModeOf(db: DbOrTx, segmentId: string, settings: DifferentialPrivacySettings): Promise<SegmentPrivacyMode> {
  const [row] = await db.select({ on: segmentPrivacyModes.differentialPrivacy }).from(segmentPrivacyModes).where(eq(segmentPrivacyModes.segmentId, segmentId));
  return row ? { differentialPrivacy: row.on, source: "segment" } : { differentialPrivacy: settings.defaultOn, source: "policy" };
}

/** What the Performance tab says about noise before anyone spends: the error, the month's budget and what is left. */
export type PrivacyStatus = SegmentPrivacyMode & {
  policyDefault: boolean;
  epsilonPerRelease: number;
  /** ± people per count, at 95%. */
  errorPerCount: number;
  month: string;
  budget: number;
  spent: number;
  /** Whether one more release fits this month's budget. */
  canRelease: boolean;
};

export async function privacyStatus(db: DbOrTx, segmentId: string, settings: DifferentialPrivacySettings, now: Date): Promise<PrivacyStatus> {
  const month = monthOf(now);
  const [mode, [row]] = await Promise.all([
    privacyModeOf(db, segmentId, settings),
    db
      .select({ budget: privacyBudgets.budget, spent: privacyBudgets.spent })
      .from(privacyBudgets)
      .where(and(eq(privacyBudgets.segmentId, segmentId), eq(privacyBudgets.month, month))),
  ]);
  // The month's budget is fixed by its first release; before that, the policy's applies.
  const budget = row ? Number(row.budget) : settings.monthlyBudget;
  const spent = row ? Number(row.spent) : 0;
  const { epsilonPerRelease } = settings;
  return {
    ...mode,
    policyDefault: settings.defaultOn,
    epsilonPerRelease,
    errorPerCount: errorPerCount(epsilonPerRelease),
    month: month.slice(0, 7),
    budget,
    spent,
    // Compared in millionths, as the database keeps them, so 0.1 + 0.2 fits a budget of 0.3.
    canRelease: Math.round((spent + epsilonPerRelease) * 1e6) <= Math.round(budget * 1e6),
  };
}

/** A privacy officer turns noise on or off for one segment, or back to the policy's default (`null`). */
export async function setPrivacyMode(db: Db, actor: AuditActor, input: { segmentId: string; differentialPrivacy: boolean | null; reason: string }) {
  const setById = actor.id;
  if (!setById) throw new RangeError("A person chooses a segment's privacy mode.");
  return inTransaction(db, async (tx) => {
    const [segment] = await tx.select({ id: segments.id }).from(segments).where(eq(segments.id, input.segmentId));
    if (!segment) throw notFound("This segment");
    const { settings } = await currentPolicy(tx);
    const before = await privacyModeOf(tx, input.segmentId, settings.differentialPrivacy);
    if (input.differentialPrivacy === null) await tx.delete(segmentPrivacyModes).where(eq(segmentPrivacyModes.segmentId, input.segmentId));
    else
      await tx
        .insert(segmentPrivacyModes)
        .values({ segmentId: input.segmentId, differentialPrivacy: input.differentialPrivacy, reason: input.reason, setById })
        .onConflictDoUpdate({
          target: segmentPrivacyModes.segmentId,
          set: { differentialPrivacy: input.differentialPrivacy, reason: input.reason, setById, setAt: sql`now()` },
        });
    const after = await privacyModeOf(tx, input.segmentId, settings.differentialPrivacy);
    await recordAudit(tx, { actor, action: "segment.privacy_mode_set", entityType: "segment", entityId: input.segmentId, before, after, reason: input.reason });
    return after;
  });
}

/** The policy's differential-privacy settings: a new policy version, audited as every policy change is. */
export async function setPrivacyPolicy(db: Db, actor: AuditActor, input: { settings: z.infer<typeof differentialPrivacySettings>; reason: string }) {
  const { settings } = await currentPolicy(db);
  return updatePolicy(db, actor, { ...settings, differentialPrivacy: input.settings, reason: input.reason });
}
